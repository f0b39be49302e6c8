package cn.xiaoneng.jobs.incident;

import cn.xiaoneng.jobs.common.WakeUpBlob;
import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.detect.Detection;
import cn.xiaoneng.incident.detect.SilenceDetector;
import cn.xiaoneng.incident.detect.SourceWatch;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by departmental source: detection rule {@code source-silence} ({@link SilenceDetector}) on the sources' change
 * events and Debezium heartbeats. Emits the detector's incident facts (a suspected 业务系统故障 opened, closed when data
 * flows again, dismissed when late data shows the silence was ours).
 *
 * <p>State per source: the wake-up (8 bytes) and {@link SourceWatch} (~70 bytes); one event-time timer at the instant the
 * silence would reach the threshold in office time, so a silent source is detected with no record arriving (the clock
 * follows the wall clock on quiet partitions). Which center and department a source belongs to comes from the mapping
 * files; activity of a source no mapping names is ignored.
 */
public class SourceSilenceFunction extends KeyedProcessFunction<String, SourceActivity, IncidentFact> {
    private static final long serialVersionUID = 1L;
    static final String STATE_NAME = "source-watch";

    /** Where a source belongs. */
    public record Owner(String centerId, String departmentId) implements java.io.Serializable {}

    private final SilenceDetector detector;
    private final Map<String, Owner> owners;
    private final Duration stateTtl;
    private transient ValueState<byte[]> watchState;
    private transient Counter unknownSources;

    public SourceSilenceFunction(SilenceDetector detector, Map<String, Owner> owners, Duration stateTtl) {
        this.detector = detector;
        this.owners = Map.copyOf(owners);
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<byte[]> d = new ValueStateDescriptor<>(STATE_NAME, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
        d.enableTimeToLive(StateTtlConfig.newBuilder(stateTtl).updateTtlOnCreateAndWrite().neverReturnExpired().build());
        watchState = getRuntimeContext().getState(d);
        unknownSources = getRuntimeContext().getMetricGroup().counter("activityOfUnmappedSources");
    }

    @Override
    public void processElement(SourceActivity a, Context ctx, Collector<IncidentFact> out) throws Exception {
        byte[] blob = watchState.value();
        SourceWatch watch;
        long pending = WakeUpBlob.NONE;
        if (blob == null) {
            Owner owner = owners.get(a.sourceId);
            if (owner == null) {
                unknownSources.inc();
                return;
            }
            watch = SourceWatch.of(owner.centerId(), a.sourceId, owner.departmentId());
        } else {
            watch = SourceWatch.decode(WakeUpBlob.state(blob));
            pending = WakeUpBlob.wakeUp(blob);
        }
        // For its own source an activity's commit time is a valid clock (as a case's commit time is in the deadline job).
        // First the silence up to just before it: on a replay the activity that ends a gap arrives before the watermark
        // has passed the detection instant, and the gap must still be detected (then closed by this activity).
        long clock = Math.max(ctx.timerService().currentWatermark(), a.at);
        boolean changed = blob == null;
        if (pending != WakeUpBlob.NONE && pending <= clock - 1) {
            Detection<SourceWatch> tick = detector.advance(watch, clock - 1);
            tick.facts().forEach(out::collect);
            changed |= tick.changed();
            watch = tick.state();
        }
        apply(detector.onActivity(watch, a.at, clock), changed, pending, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IncidentFact> out) throws Exception {
        byte[] blob = watchState.value();
        if (blob == null || WakeUpBlob.wakeUp(blob) != timestamp) {
            return;
        }
        SourceWatch watch = SourceWatch.decode(WakeUpBlob.state(blob));
        apply(detector.advance(watch, Math.max(timestamp, ctx.timerService().currentWatermark())), false, WakeUpBlob.NONE, ctx, out);
    }

    private void apply(Detection<SourceWatch> d, boolean isNew, long pending, Context ctx, Collector<IncidentFact> out) throws Exception {
        d.facts().forEach(out::collect);
        OptionalLong next = d.nextWakeUp();
        long wakeUp = next.isPresent() ? next.getAsLong() : WakeUpBlob.NONE;
        WakeUpBlob.moveTimer(ctx.timerService(), pending, wakeUp);
        if (isNew || d.changed() || pending != wakeUp) {
            watchState.update(WakeUpBlob.of(wakeUp, d.state().encode()));
        }
    }
}
