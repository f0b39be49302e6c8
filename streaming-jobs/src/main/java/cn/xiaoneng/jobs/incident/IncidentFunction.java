package cn.xiaoneng.jobs.incident;

import cn.xiaoneng.jobs.common.WakeUpBlob;
import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.engine.DeadlineCheck;
import cn.xiaoneng.incident.engine.DeclaredPause;
import cn.xiaoneng.incident.engine.IncidentCard;
import cn.xiaoneng.incident.engine.IncidentSchedule;
import cn.xiaoneng.incident.engine.IncidentState;
import cn.xiaoneng.incident.engine.IncidentTracker;
import cn.xiaoneng.incident.engine.IncidentUpdate;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by center/incident: the emergency-plan rules ({@link IncidentTracker}, plain Java, the same code as
 * {@code IncidentReplay}) on the incident facts topic. Cards (raised and retracted) go to the main output; after each
 * change of the timeline, side outputs carry the incident row, the new fact, the plan-deadline checks, and the
 * declared pauses that are new or changed, one {@link PauseRequest} per affected department.
 *
 * <p><b>State</b>, per incident, one value: the wake-up (8 bytes), then {@link IncidentState#encode()} (facts and the
 * cards raised; ~0.5 KB for a day-long outage). The schedule is recomputed from the facts, so a new plan applies on
 * restart without migrating state.
 *
 * <p><b>Clock</b>: the watermark ({@code EngineClock} on the facts' recordedAt). A fact is applied at
 * {@code max(watermark, recordedAt)} after the incident was first advanced to just before that — exactly what
 * {@code IncidentReplay} does, so a fact recorded at a card's instant prevents the card instead of retracting it.
 *
 * <p><b>Clean-up</b>: a closed incident is cleared by its timer once {@code closed.retention} (plan) has passed; state
 * TTL is the backstop for incidents never closed.
 */
public class IncidentFunction extends KeyedProcessFunction<String, IncidentFact, IncidentCard> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<IncidentRow> INCIDENTS = new OutputTag<>("incidents", Types.POJO(IncidentRow.class)) {
    };
    /** Each fact the first time it changes an incident's timeline (redeliveries are not repeated). */
    public static final OutputTag<IncidentFact> TIMELINE = new OutputTag<>("timeline", Types.POJO(IncidentFact.class)) {
    };
    public static final OutputTag<PlanCheckRow> CHECKS = new OutputTag<>("plan-checks", Types.POJO(PlanCheckRow.class)) {
    };
    public static final OutputTag<PauseRequest> PAUSES = new OutputTag<>("pauses", Types.POJO(PauseRequest.class)) {
    };

    static final String STATE_NAME = "incident";

    private final IncidentTracker tracker;
    private final Duration stateTtl;

    private transient ValueState<byte[]> incidentState;
    private transient Counter cardsRaised;
    private transient Counter cardsRetracted;
    private transient Counter incidentsCleared;
    private transient Counter pausesWithdrawn;

    public IncidentFunction(IncidentTracker tracker, Duration stateTtl) {
        this.tracker = tracker;
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<byte[]> d = new ValueStateDescriptor<>(STATE_NAME, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
        d.enableTimeToLive(StateTtlConfig.newBuilder(stateTtl).updateTtlOnCreateAndWrite().neverReturnExpired().build());
        incidentState = getRuntimeContext().getState(d);
        cardsRaised = getRuntimeContext().getMetricGroup().counter("cardsRaised");
        cardsRetracted = getRuntimeContext().getMetricGroup().counter("cardsRetracted");
        incidentsCleared = getRuntimeContext().getMetricGroup().counter("incidentsCleared");
        pausesWithdrawn = getRuntimeContext().getMetricGroup().counter("pausesWithdrawnAfterPropagation");
    }

    @Override
    public void processElement(IncidentFact f, Context ctx, Collector<IncidentCard> out) throws Exception {
        byte[] blob = incidentState.value();
        IncidentState state = blob == null ? null : IncidentState.decode(WakeUpBlob.state(blob));
        long pending = blob == null ? WakeUpBlob.NONE : WakeUpBlob.wakeUp(blob);
        long clock = Math.max(ctx.timerService().currentWatermark(), f.recordedAt);
        boolean changed = false;
        if (state != null && pending != WakeUpBlob.NONE && pending <= clock - 1) {
            IncidentUpdate tick = tracker.advance(state, clock - 1);
            emit(tick, out);
            changed = tick.stateChanged();
            state = tick.state();
        }
        IncidentState before = state;
        IncidentUpdate u = tracker.onFact(state, f, clock);
        boolean newFact = before == null || !before.contains(f.factId);
        if (newFact) {
            ctx.output(TIMELINE, f);
            timelineChanged(before, u, ctx);
        }
        apply(u, changed, pending, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IncidentCard> out) throws Exception {
        byte[] blob = incidentState.value();
        if (blob == null || WakeUpBlob.wakeUp(blob) != timestamp) {
            return; // a timer that was moved; the current one is still registered
        }
        IncidentState state = IncidentState.decode(WakeUpBlob.state(blob));
        IncidentUpdate u = tracker.advance(state, Math.max(timestamp, ctx.timerService().currentWatermark()));
        if (!u.emitted().isEmpty() && !u.clear()) {
            ctx.output(INCIDENTS, IncidentRow.of(u.state(), tracker.schedule(u.state()), ruleVersion(u.state()), u.clock()));
        }
        apply(u, false, WakeUpBlob.NONE, ctx, out); // this timer has fired: none is pending
    }

    /** The incident row, the checks and the pauses that changed, after a new fact. */
    private void timelineChanged(IncidentState before, IncidentUpdate u, Context ctx) {
        IncidentState after = u.state();
        IncidentSchedule now = tracker.schedule(after);
        String ruleVersion = ruleVersion(after);
        long asOf = u.clock();
        ctx.output(INCIDENTS, IncidentRow.of(after, now, ruleVersion, asOf));
        for (DeadlineCheck c : now.deadlines()) {
            ctx.output(CHECKS, PlanCheckRow.of(after.centerId(), after.incidentId(), c, ruleVersion, after.facts().size(), asOf));
        }
        List<DeclaredPause> was = before == null ? List.of() : tracker.schedule(before).timeline().declaredPauses();
        List<DeclaredPause> is = now.timeline().declaredPauses();
        Set<DeclaredPause> known = new HashSet<>(was);
        for (DeclaredPause p : is) {
            if (!known.contains(p)) {
                for (String department : p.departmentIds()) {
                    ctx.output(PAUSES, PauseRequest.of(p, department, asOf));
                }
            }
        }
        for (DeclaredPause p : was) {
            if (is.stream().noneMatch(x -> Objects.equals(x.factId(), p.factId()))) {
                // Dismissed (or the confirmation withdrawn) after the pause reached the cases: the canonical model has no
                // way to take a pause back; the count makes it visible (docs/incidents.md, "Limits").
                pausesWithdrawn.inc();
            }
        }
    }

    private String ruleVersion(IncidentState s) {
        return tracker.plan(s.centerId()).ruleVersion();
    }

    private void emit(IncidentUpdate u, Collector<IncidentCard> out) {
        for (IncidentCard c : u.emitted()) {
            out.collect(c);
            switch (c.status) {
                case RAISED -> cardsRaised.inc();
                case RETRACTED -> cardsRetracted.inc();
            }
        }
    }

    private void apply(IncidentUpdate u, boolean changedBefore, long pending, Context ctx, Collector<IncidentCard> out) throws Exception {
        emit(u, out);
        if (u.clear()) {
            if (pending != WakeUpBlob.NONE) {
                ctx.timerService().deleteEventTimeTimer(pending);
            }
            incidentState.clear();
            incidentsCleared.inc();
            return;
        }
        OptionalLong next = u.nextWakeUp();
        long wakeUp = next.isPresent() ? next.getAsLong() : WakeUpBlob.NONE;
        WakeUpBlob.moveTimer(ctx.timerService(), pending, wakeUp);
        if (changedBefore || u.stateChanged() || pending != wakeUp) {
            incidentState.update(WakeUpBlob.of(wakeUp, u.state().encode()));
        }
    }
}
