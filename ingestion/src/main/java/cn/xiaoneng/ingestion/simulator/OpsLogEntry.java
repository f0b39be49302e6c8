package cn.xiaoneng.ingestion.simulator;

import java.util.List;

/**
 * One row of a center's operations log ({@code ops.incident_log}) as the duty officer types it in.
 *
 * @param happenedAt when it happened (epoch ms)
 * @param writeAt    when it is typed in (epoch ms): the simulator writes the row when its clock reaches this
 */
public record OpsLogEntry(String centerId, String incidentNo, String entryType, long happenedAt, long writeAt, String incidentType, String level,
                          Boolean suspected, List<String> windows, List<String> departments, String reportedBy, String reportedTo, String approver,
                          Long pauseFrom, Long pauseTo, Integer paperCases, String note) {

    public OpsLogEntry {
        windows = windows == null ? List.of() : List.copyOf(windows);
        departments = departments == null ? List.of() : List.copyOf(departments);
    }

    /** An entry with only its type and times; the {@code with…} methods fill the rest. */
    public static OpsLogEntry of(String centerId, String incidentNo, String entryType, long happenedAt, long writeAt) {
        return new OpsLogEntry(centerId, incidentNo, entryType, happenedAt, writeAt, null, null, null, List.of(), List.of(), null, null, null, null, null,
                null, null);
    }

    public OpsLogEntry withType(String type, String lvl) {
        return new OpsLogEntry(centerId, incidentNo, entryType, happenedAt, writeAt, type, lvl, suspected, windows, departments, reportedBy, reportedTo,
                approver, pauseFrom, pauseTo, paperCases, note);
    }

    public OpsLogEntry affecting(List<String> departmentIds, List<String> windowIds) {
        return new OpsLogEntry(centerId, incidentNo, entryType, happenedAt, writeAt, incidentType, level, suspected, windowIds, departmentIds, reportedBy,
                reportedTo, approver, pauseFrom, pauseTo, paperCases, note);
    }

    public OpsLogEntry reported(String by, String to) {
        return new OpsLogEntry(centerId, incidentNo, entryType, happenedAt, writeAt, incidentType, level, suspected, windows, departments, by, to, approver,
                pauseFrom, pauseTo, paperCases, note);
    }

    public OpsLogEntry pause(String approvedBy, long from, Long to) {
        return new OpsLogEntry(centerId, incidentNo, entryType, happenedAt, writeAt, incidentType, level, suspected, windows, departments, reportedBy,
                reportedTo, approvedBy, from, to, paperCases, note);
    }

    public OpsLogEntry paper(int cases) {
        return new OpsLogEntry(centerId, incidentNo, entryType, happenedAt, writeAt, incidentType, level, suspected, windows, departments, reportedBy,
                reportedTo, approver, pauseFrom, pauseTo, cases, note);
    }

    public OpsLogEntry note(String text) {
        return new OpsLogEntry(centerId, incidentNo, entryType, happenedAt, writeAt, incidentType, level, suspected, windows, departments, reportedBy,
                reportedTo, approver, pauseFrom, pauseTo, paperCases, text);
    }
}
