package cn.xiaoneng.deadline;

import java.time.Duration;
import java.time.Instant;

/**
 * A case clock read at one instant: counted time used since counting started and counted time remaining
 * until the due instant, both in the limit's measure (working-day time for WD and 即办, all time for ND),
 * pauses excluded. The warning ladder reads these (预警 when ≤ 1 WD of counted time remains, 6.6.7).
 *
 * @param at          the instant read
 * @param due         the due instant and how it came about
 * @param used        counted time from counting start to {@code at}
 * @param remaining   counted time from {@code at} to the due instant; negative once overdue (by that much)
 * @param provisional whether the due instant or these durations depend on a provisional date
 */
public record ClockReading(Instant at, DueResult due, Duration used, Duration remaining, boolean provisional) {

    /** Whether the limit has expired at this instant; at the due instant itself it has (黄牌 fires then). */
    public boolean overdue() {
        return !at.isBefore(due.due());
    }

    /** How much counted time past the due instant; zero while on time. */
    public Duration overdueBy() {
        return remaining.isNegative() ? remaining.negated() : Duration.ZERO;
    }

    /** Whether at most {@code threshold} of counted time remains and the limit has not yet expired. */
    public boolean remainingAtMost(Duration threshold) {
        return !overdue() && remaining.compareTo(threshold) <= 0;
    }
}
