package cn.xiaoneng.jobs.throughput;

import java.util.Arrays;

/**
 * The running figure of one bucket (key × window): counts per event type and every handling time, so the
 * percentiles are exact. A Flink POJO (window state). Handling times are kept in a growable array: the first
 * {@link #handled} entries of {@link #handlingSeconds} are valid.
 */
public class ThroughputAccumulator {
    public int accepted;
    public int completed;
    public int returned;
    public int notAccepted;
    public int withdrawn;
    public int supplementRequested;
    /** Completions whose acceptance is known: the basis of handling time. */
    public int handled;
    public long[] handlingSeconds = new long[0];
    public long handlingSumSeconds;
    /** Facts counted; the row's version. Grows with every fact, so a later emission of a bucket is never smaller. */
    public long facts;

    public ThroughputAccumulator() {}

    void addHandling(long seconds) {
        if (handled == handlingSeconds.length) {
            handlingSeconds = Arrays.copyOf(handlingSeconds, Math.max(4, handled * 2));
        }
        handlingSeconds[handled++] = seconds;
        handlingSumSeconds += seconds;
    }
}
