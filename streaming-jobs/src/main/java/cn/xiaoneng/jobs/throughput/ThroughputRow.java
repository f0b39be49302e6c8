package cn.xiaoneng.jobs.throughput;

import cn.xiaoneng.model.Times;
import java.util.Objects;

/**
 * One emission of one bucket: a row of {@code dws_throughput_minute / _hour / _day} (columns in V005). The whole
 * figure of the bucket, not a delta; {@link #version} = facts counted, so ClickHouse's ReplacingMergeTree(version)
 * keeps the most complete emission. A Flink POJO.
 */
public class ThroughputRow {
    public String centerId;
    public String departmentId;
    public String windowId;
    public String caseKind;
    /** Epoch millis of the bucket's start (local midnight for day buckets). */
    public long bucketStart;
    public int accepted;
    public int completed;
    public int returned;
    public int notAccepted;
    public int withdrawn;
    public int supplementRequested;
    public int handled;
    /** Nearest-rank percentiles of handling time in seconds ({@link NearestRank}); 0 when {@link #handled} = 0. */
    public double handlingP50Seconds;
    public double handlingP90Seconds;
    public double handlingSumSeconds;
    public long version;
    /** Processing time of the emission (epoch millis). */
    public long emittedAt;

    public ThroughputRow() {}

    static ThroughputRow of(String centerId, String departmentId, String windowId, String caseKind, long bucketStart, ThroughputAccumulator acc,
                            long emittedAt) {
        ThroughputRow r = new ThroughputRow();
        r.centerId = centerId;
        r.departmentId = departmentId;
        r.windowId = windowId;
        r.caseKind = caseKind;
        r.bucketStart = bucketStart;
        r.accepted = acc.accepted;
        r.completed = acc.completed;
        r.returned = acc.returned;
        r.notAccepted = acc.notAccepted;
        r.withdrawn = acc.withdrawn;
        r.supplementRequested = acc.supplementRequested;
        r.handled = acc.handled;
        long[] p50p90 = NearestRank.percentiles(acc.handlingSeconds, acc.handled, 50, 90);
        r.handlingP50Seconds = p50p90[0];
        r.handlingP90Seconds = p50p90[1];
        r.handlingSumSeconds = acc.handlingSumSeconds;
        r.version = acc.facts;
        r.emittedAt = emittedAt;
        return r;
    }

    /** The bucket's identity: the table's ORDER BY key. */
    public String bucketKey() {
        return centerId + "/" + departmentId + "/" + windowId + "/" + caseKind + "@" + Times.format(bucketStart);
    }

    /** Equal figures, ignoring {@link #emittedAt}. */
    public boolean sameFigures(ThroughputRow o) {
        return bucketStart == o.bucketStart && accepted == o.accepted && completed == o.completed && returned == o.returned
                && notAccepted == o.notAccepted && withdrawn == o.withdrawn && supplementRequested == o.supplementRequested && handled == o.handled
                && handlingP50Seconds == o.handlingP50Seconds && handlingP90Seconds == o.handlingP90Seconds
                && handlingSumSeconds == o.handlingSumSeconds && version == o.version && Objects.equals(centerId, o.centerId)
                && Objects.equals(departmentId, o.departmentId) && Objects.equals(windowId, o.windowId) && Objects.equals(caseKind, o.caseKind);
    }

    @Override
    public String toString() {
        return "ThroughputRow{" + bucketKey() + " v" + version + " accepted=" + accepted + " completed=" + completed + " returned=" + returned
                + " notAccepted=" + notAccepted + " withdrawn=" + withdrawn + " supplement=" + supplementRequested + " handled=" + handled
                + " p50=" + handlingP50Seconds + " p90=" + handlingP90Seconds + " sum=" + handlingSumSeconds + "}";
    }
}
