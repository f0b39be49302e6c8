package cn.xiaoneng.jobs.incident;

/**
 * A departmental source was heard from: a change event committed, or a Debezium heartbeat sent, at {@link #at} (epoch
 * ms). What the silence detector observes (issue 4: "no change events and no CDC heartbeats"). A Flink POJO.
 */
public final class SourceActivity {
    public String sourceId;
    public long at;
    public boolean heartbeat;

    public SourceActivity() {}

    public SourceActivity(String sourceId, long at, boolean heartbeat) {
        this.sourceId = sourceId;
        this.at = at;
        this.heartbeat = heartbeat;
    }

    @Override
    public String toString() {
        return (heartbeat ? "heartbeat " : "change ") + sourceId + "@" + at;
    }
}
