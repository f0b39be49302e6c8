package cn.xiaoneng.jobs.throughput;

/**
 * A fact that came after its bucket stopped taking corrections (later than the allowed lateness), so it is in no
 * row of {@link #bucket}'s table. A Flink POJO; {@link ThroughputSinks#lateFacts} receives them.
 */
public class LateFact {
    /** {@link Bucket#label()}: minute, hour or day. A fact late for the day bucket is late for the others too. */
    public String bucket;
    public ThroughputFact fact;

    public LateFact() {}

    public LateFact(String bucket, ThroughputFact fact) {
        this.bucket = bucket;
        this.fact = fact;
    }

    @Override
    public String toString() {
        return "LateFact{" + bucket + " " + fact + "}";
    }
}
