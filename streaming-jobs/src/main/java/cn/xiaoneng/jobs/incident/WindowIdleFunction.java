package cn.xiaoneng.jobs.incident;

import cn.xiaoneng.jobs.common.WakeUpBlob;
import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.detect.DepartmentWindows;
import cn.xiaoneng.incident.detect.Detection;
import cn.xiaoneng.incident.detect.Observations;
import cn.xiaoneng.incident.detect.WindowIdleDetector;
import cn.xiaoneng.model.CaseEvent;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by center/department: detection rule {@code window-idle} ({@link WindowIdleDetector}) on the ACCEPTED canonical
 * events (at their commit time). A window with no acceptance for 30 minutes of office time while its department keeps
 * accepting elsewhere opens a suspected window incident; its next acceptance closes it.
 *
 * <p>State per department: the wake-up and {@link DepartmentWindows} (a few dozen bytes per window); one event-time
 * timer. A department whose windows were all forgotten (14 days without an acceptance) is cleared.
 */
public class WindowIdleFunction extends KeyedProcessFunction<String, CaseEvent, IncidentFact> {
    private static final long serialVersionUID = 1L;
    static final String STATE_NAME = "department-windows";

    private final WindowIdleDetector detector;
    private final Duration stateTtl;
    private transient ValueState<byte[]> windowsState;

    public WindowIdleFunction(WindowIdleDetector detector, Duration stateTtl) {
        this.detector = detector;
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<byte[]> d = new ValueStateDescriptor<>(STATE_NAME, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
        d.enableTimeToLive(StateTtlConfig.newBuilder(stateTtl).updateTtlOnCreateAndWrite().neverReturnExpired().build());
        windowsState = getRuntimeContext().getState(d);
    }

    @Override
    public void processElement(CaseEvent e, Context ctx, Collector<IncidentFact> out) throws Exception {
        Optional<Observations.Acceptance> a = Observations.acceptance(e);
        if (a.isEmpty()) {
            return;
        }
        byte[] blob = windowsState.value();
        DepartmentWindows state = blob == null ? DepartmentWindows.of(a.get().centerId(), a.get().departmentId())
                : DepartmentWindows.decode(WakeUpBlob.state(blob));
        long pending = blob == null ? WakeUpBlob.NONE : WakeUpBlob.wakeUp(blob);
        long clock = Math.max(ctx.timerService().currentWatermark(), a.get().at());
        boolean changed = blob == null;
        if (pending != WakeUpBlob.NONE && pending <= clock - 1) {
            // An idle window found before this acceptance (replay order), then this acceptance.
            Detection<DepartmentWindows> tick = detector.advance(state, clock - 1);
            tick.facts().forEach(out::collect);
            changed |= tick.changed();
            state = tick.state();
        }
        apply(detector.onAcceptance(state, a.get().windowId(), a.get().at(), clock), changed, pending, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IncidentFact> out) throws Exception {
        byte[] blob = windowsState.value();
        if (blob == null || WakeUpBlob.wakeUp(blob) != timestamp) {
            return;
        }
        DepartmentWindows state = DepartmentWindows.decode(WakeUpBlob.state(blob));
        apply(detector.advance(state, Math.max(timestamp, ctx.timerService().currentWatermark())), false, WakeUpBlob.NONE, ctx, out);
    }

    private void apply(Detection<DepartmentWindows> d, boolean isNew, long pending, Context ctx, Collector<IncidentFact> out) throws Exception {
        d.facts().forEach(out::collect);
        OptionalLong next = d.nextWakeUp();
        long wakeUp = next.isPresent() ? next.getAsLong() : WakeUpBlob.NONE;
        WakeUpBlob.moveTimer(ctx.timerService(), pending, wakeUp);
        if (d.state().windows().isEmpty() && wakeUp == WakeUpBlob.NONE) {
            windowsState.clear();
            return;
        }
        if (isNew || d.changed() || pending != wakeUp) {
            windowsState.update(WakeUpBlob.of(wakeUp, d.state().encode()));
        }
    }
}
