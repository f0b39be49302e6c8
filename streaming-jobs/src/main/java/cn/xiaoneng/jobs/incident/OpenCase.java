package cn.xiaoneng.jobs.incident;

/**
 * What the open-case index keeps of one case of a department (a Flink POJO, one map entry): where and when it was
 * accepted (business time), when that acceptance was committed (for 事后补录), and when it closed. Closed cases stay
 * until {@link #removeAt} so that a pause declared or ended late still reaches the cases open at its start.
 */
public final class OpenCase {
    public String windowId;
    public long acceptedAt;
    public long acceptedCommittedAt;
    public Long closedAt;
    /** Clock value from which the entry may be dropped; {@link Long#MAX_VALUE} while open. */
    public long removeAt = Long.MAX_VALUE;

    public OpenCase() {}

    /** Whether the case was open at {@code t}: accepted at or before it, not closed by then. */
    boolean openAt(long t) {
        return acceptedAt <= t && (closedAt == null || closedAt > t);
    }
}
