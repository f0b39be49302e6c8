package cn.xiaoneng.jobs.normalize;

/**
 * What normalization did with one raw record: the console counts captured rows, events and dead letters per
 * source from these, and measures lag from source commit. A Flink POJO; written to {@code ods_raw_change}.
 */
public final class RawReceipt {
    public static final String MAPPED = "MAPPED";
    public static final String NO_EVENT = "NO_EVENT";
    public static final String DEAD_LETTER = "DEAD_LETTER";

    public String sourceId;
    public String sourceTable;
    public String topic;
    public int partition;
    public long offset;
    public String op;
    public String outcome;
    public int events;
    public long sourceCommitTime;
    public long processedAt;

    public RawReceipt() {}
}
