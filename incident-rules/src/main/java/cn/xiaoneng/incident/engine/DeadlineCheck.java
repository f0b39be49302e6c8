package cn.xiaoneng.incident.engine;

import cn.xiaoneng.incident.IncidentLevel;
import cn.xiaoneng.incident.plan.Counting;
import cn.xiaoneng.incident.plan.PlanDeadline;
import java.time.Duration;

/**
 * How one plan deadline of an incident stands on its facts: what it counted from, when it was due, what met it
 * and when. The rows of the incident's timeline table; a card stands for every {@link Status#UNMET} and
 * {@link Status#MET_LATE} one.
 *
 * @param qualifier the deadline key, {@code followUp#n} for the n-th follow-up
 * @param level     the level whose budget made the due instant
 * @param start     what the budget counts from (detection, onset, or the previous report for follow-ups)
 * @param due       the planned deadline; null when not applicable
 * @param actual    the first fact that met it, or null
 */
public record DeadlineCheck(PlanDeadline deadline, String qualifier, IncidentLevel level, Long start, Long due, Duration budget,
                            Counting counting, Long actual, Status status) {

    public enum Status {
        /** Met at or before the due instant. */
        MET,
        /** Met, but after the due instant: the card stays. */
        MET_LATE,
        /** Not met (yet), and the incident is open at the due instant: a card at the due instant. */
        UNMET,
        /** Not met, but the incident closed (or was dismissed, or service came back for follow-ups) before it fell due. */
        MOOT,
        /** The plan sets no budget for this level, or skips it for this type. */
        NOT_APPLICABLE
    }

    /** Whether the deadline counts as missed on a clock reading {@code asOf}: due, and not met by then. */
    public boolean missedAt(long asOf) {
        return (status == Status.UNMET || status == Status.MET_LATE) && due != null && due <= asOf;
    }
}
