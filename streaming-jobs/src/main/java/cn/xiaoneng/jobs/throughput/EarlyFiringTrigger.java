package cn.xiaoneng.jobs.throughput;

import java.time.Duration;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Event-time firing as {@code EventTimeTrigger} does it — at the end of the bucket, and again for each element that
 * arrives within the allowed lateness — plus early firings: a bucket that received new facts fires again
 * {@code interval} of processing time later while it is still open. Without them an hour bucket would show nothing
 * until the hour ends, and "today" nothing until midnight. Repeated emissions are safe: rows are versioned (V005).
 * A bucket with no new facts since its last firing does not fire again.
 */
public final class EarlyFiringTrigger extends Trigger<Object, TimeWindow> {
    private static final long serialVersionUID = 1L;
    private final long intervalMillis;
    private final ValueStateDescriptor<Long> nextEarlyFiring = new ValueStateDescriptor<>("next-early-firing", Types.LONG);

    public EarlyFiringTrigger(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("early-firing interval must be positive");
        }
        this.intervalMillis = interval.toMillis();
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext ctx) throws Exception {
        if (window.maxTimestamp() <= ctx.getCurrentWatermark()) {
            return TriggerResult.FIRE; // late but within the allowed lateness: correct the bucket at once
        }
        ctx.registerEventTimeTimer(window.maxTimestamp());
        ValueState<Long> next = ctx.getPartitionedState(nextEarlyFiring);
        if (next.value() == null) {
            long at = ctx.getCurrentProcessingTime() + intervalMillis;
            ctx.registerProcessingTimeTimer(at);
            next.update(at);
        }
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx) throws Exception {
        ValueState<Long> next = ctx.getPartitionedState(nextEarlyFiring);
        if (next.value() != null && next.value() == time) {
            next.clear(); // the next new fact arms the next early firing
            return TriggerResult.FIRE;
        }
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) throws Exception {
        if (time != window.maxTimestamp()) {
            return TriggerResult.CONTINUE;
        }
        cancelEarlyFiring(ctx);
        return TriggerResult.FIRE;
    }

    @Override
    public void clear(TimeWindow window, TriggerContext ctx) throws Exception {
        cancelEarlyFiring(ctx);
        ctx.deleteEventTimeTimer(window.maxTimestamp());
    }

    private void cancelEarlyFiring(TriggerContext ctx) throws Exception {
        ValueState<Long> next = ctx.getPartitionedState(nextEarlyFiring);
        if (next.value() != null) {
            ctx.deleteProcessingTimeTimer(next.value());
            next.clear();
        }
    }

    @Override
    public String toString() {
        return "EarlyFiringTrigger(" + intervalMillis + " ms)";
    }
}
