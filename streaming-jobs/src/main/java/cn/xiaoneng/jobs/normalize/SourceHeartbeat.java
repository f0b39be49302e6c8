package cn.xiaoneng.jobs.normalize;

/** A Debezium heartbeat from one source: the source is alive even when no case changes. A Flink POJO. */
public final class SourceHeartbeat {
    public String sourceId;
    public long heartbeatTime;

    public SourceHeartbeat() {}

    public SourceHeartbeat(String sourceId, long heartbeatTime) {
        this.sourceId = sourceId;
        this.heartbeatTime = heartbeatTime;
    }
}
