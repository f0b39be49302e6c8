package cn.xiaoneng.model;

/**
 * A source record that could not be turned into canonical events, kept whole with the reason and its
 * position so that nothing is lost and an operator can fix the mapping and replay it.
 */
public final class DeadLetter {
    public String sourceId;
    public String sourceTable;
    public String topic;
    public int partition;
    public long offset;
    /** LSN or binlog position, when the record was parseable enough to tell. */
    public String sourcePosition;
    /** Short machine-readable reason class, e.g. UNKNOWN_CODE, MISSING_CASE_ID. */
    public String reasonCode;
    /** Human-readable reason naming the column and value. */
    public String reason;
    /** The raw record value as received (UTF-8 text). */
    public String rawValue;
    public long sourceCommitTime;
    public long deadLetteredAt;

    public DeadLetter() {}

    @Override
    public String toString() {
        return "DeadLetter{" + reasonCode + ": " + reason + " @" + topic + "/" + partition + "/" + offset + "}";
    }
}
