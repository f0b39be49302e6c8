package cn.xiaoneng.incident.detect;

/**
 * What the window detector keeps about one service window of a department.
 *
 * @param lastActivity   the latest acceptance at this window (commit time, epoch ms)
 * @param countDay       the date (epoch day, center zone) the acceptances elsewhere were counted on
 * @param elsewhere      acceptances at the department's other windows since {@code lastActivity}, on {@code countDay}
 * @param quorumAt       when {@code elsewhere} reached the plan's minimum, or null
 * @param openIncidentId the suspected window incident open, or null
 * @param openDetectedAt when it was detected, or null
 */
public record WindowWatch(long lastActivity, long countDay, int elsewhere, Long quorumAt, String openIncidentId, Long openDetectedAt) {

    static WindowWatch first(long at, long day) {
        return new WindowWatch(at, day, 0, null, null, null);
    }

    boolean incidentOpen() {
        return openIncidentId != null;
    }
}
