package cn.xiaoneng.jobs.incident;

import cn.xiaoneng.incident.engine.PauseEvents;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by center/department: the department's open cases, and the declared pauses that concern them. A pause (from
 * the incident tracker) becomes SUSPENDED/RESUMED canonical events ({@link PauseEvents}) for every case of the department
 * open at the pause's start — accepted at or before it, not closed by then, at one of the pause's windows if it names
 * any. A case whose acceptance arrives after the pause gets the pause then; when the pause's end becomes known (service
 * restored), the request comes again and each case gets its RESUMED. Event ids are deterministic, so sending a pause
 * twice changes nothing downstream.
 *
 * <p><b>State</b>: one map entry per case ({@link OpenCase}, ~40 bytes) from its ACCEPTED until {@code closedRetention}
 * after its closing reached the job (so that a pause declared or ended late still reaches the cases it covered); one
 * entry per pause of the department until {@code closedRetention} after it ended. Clean-up runs on an event-time timer
 * rounded to the hour, one scan of the department's map per hour at most. State TTL is the backstop for cases that
 * never close.
 *
 * <p><b>Limits</b> (docs/incidents.md): a case is filed under its lead department ({@code departmentId}), so a joint
 * case pauses with its lead department only; a case whose acceptance reaches the job more than
 * {@code closedRetention} after the pause ended is not paused; a pause withdrawn after it was sent is not taken back.
 */
public class OpenCasesFunction extends KeyedCoProcessFunction<String, CaseEvent, PauseRequest, CaseEvent> {
    private static final long serialVersionUID = 1L;
    private static final long HOUR = 3_600_000L;

    private final Duration closedRetention;
    private final Duration stateTtl;
    private transient MapState<String, OpenCase> cases;
    private transient MapState<String, PauseRequest> pauses;
    private transient MapState<String, PauseRequest> pending;
    private transient Counter pauseEvents;

    public OpenCasesFunction(Duration closedRetention, Duration stateTtl) {
        this.closedRetention = closedRetention;
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(stateTtl).updateTtlOnCreateAndWrite().neverReturnExpired().build();
        MapStateDescriptor<String, OpenCase> c = new MapStateDescriptor<>("open-cases", Types.STRING, Types.POJO(OpenCase.class));
        c.enableTimeToLive(ttl);
        cases = getRuntimeContext().getMapState(c);
        MapStateDescriptor<String, PauseRequest> p = new MapStateDescriptor<>("declared-pauses", Types.STRING, Types.POJO(PauseRequest.class));
        p.enableTimeToLive(ttl);
        pauses = getRuntimeContext().getMapState(p);
        MapStateDescriptor<String, PauseRequest> q = new MapStateDescriptor<>("pending-pauses", Types.STRING, Types.POJO(PauseRequest.class));
        q.enableTimeToLive(ttl);
        pending = getRuntimeContext().getMapState(q);
        pauseEvents = getRuntimeContext().getMetricGroup().counter("pauseEventsEmitted");
    }

    static boolean closes(EventType t) {
        return t == EventType.COMPLETED || t == EventType.RETURNED || t == EventType.NOT_ACCEPTED || t == EventType.WITHDRAWN;
    }

    @Override
    public void processElement1(CaseEvent e, Context ctx, Collector<CaseEvent> out) throws Exception {
        if (PauseEvents.SOURCE_ID.equals(e.sourceId)) {
            return; // our own pause events, read back from the canonical topic
        }
        if (e.eventType == EventType.ACCEPTED) {
            OpenCase c = cases.get(e.caseId);
            if (c == null) {
                c = new OpenCase();
            }
            c.windowId = e.windowId;
            c.acceptedAt = e.businessTime;
            c.acceptedCommittedAt = e.sourceCommitTime;
            cases.put(e.caseId, c);
            for (PauseRequest p : pauses.values()) {
                if (applies(p, c)) {
                    emit(p, e.caseId, out);
                }
            }
        } else if (closes(e.eventType)) {
            OpenCase c = cases.get(e.caseId);
            if (c == null) {
                return; // never accepted while we watched: nothing to pause
            }
            c.closedAt = c.closedAt == null ? e.businessTime : Math.min(c.closedAt, e.businessTime);
            c.removeAt = Math.max(ctx.timerService().currentWatermark(), e.sourceCommitTime) + closedRetention.toMillis();
            cases.put(e.caseId, c);
            scheduleCleanUp(c.removeAt, ctx);
        }
    }

    /**
     * A pause is answered once the clock has passed the time it became known: by then every case fact committed before
     * the declaration is in the index (both inputs hold the watermark back), so which cases it covers does not depend on
     * how the two streams interleaved.
     */
    @Override
    public void processElement2(PauseRequest p, Context ctx, Collector<CaseEvent> out) throws Exception {
        if (p.knownAt <= ctx.timerService().currentWatermark()) {
            pending.remove(p.factId);
            release(p, ctx, out);
            return;
        }
        pending.put(p.factId, p);
        ctx.timerService().registerEventTimeTimer(p.knownAt);
    }

    private void release(PauseRequest p, Context ctx, Collector<CaseEvent> out) throws Exception {
        pauses.put(p.factId, p);
        for (Map.Entry<String, OpenCase> e : cases.entries()) {
            if (applies(p, e.getValue())) {
                emit(p, e.getKey(), out);
            }
        }
        if (p.to != null) {
            long forgetAt = Math.max(p.to, p.recordedAt) + closedRetention.toMillis();
            if (forgetAt <= ctx.timerService().currentWatermark()) {
                pauses.remove(p.factId); // a replay past its retention already: nothing later can need it
            } else {
                scheduleCleanUp(forgetAt, ctx);
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CaseEvent> out) throws Exception {
        long clock = Math.max(timestamp, ctx.timerService().currentWatermark());
        List<PauseRequest> due = new ArrayList<>();
        for (PauseRequest p : pending.values()) {
            if (p.knownAt <= clock) {
                due.add(p);
            }
        }
        due.sort(java.util.Comparator.comparingLong((PauseRequest p) -> p.knownAt));
        for (PauseRequest p : due) {
            pending.remove(p.factId);
            release(p, ctx, out);
        }
        // Clean-up after the releases: a pause released now may already be past its retention (a replay).
        for (Iterator<Map.Entry<String, OpenCase>> it = cases.iterator(); it.hasNext(); ) {
            if (it.next().getValue().removeAt <= clock) {
                it.remove();
            }
        }
        List<String> ended = new ArrayList<>();
        for (PauseRequest p : pauses.values()) {
            if (p.to != null && Math.max(p.to, p.recordedAt) + closedRetention.toMillis() <= clock) {
                ended.add(p.factId);
            }
        }
        for (String id : ended) {
            pauses.remove(id);
        }
        // Entries removed through an iterator can leave an empty map behind for the key: drop it.
        if (cases.isEmpty()) {
            cases.clear();
        }
        if (pauses.isEmpty()) {
            pauses.clear();
        }
        if (pending.isEmpty()) {
            pending.clear();
        }
    }

    private static boolean applies(PauseRequest p, OpenCase c) {
        return c.openAt(p.from) && p.coversWindow(c.windowId);
    }

    private void emit(PauseRequest p, String caseId, Collector<CaseEvent> out) {
        for (CaseEvent e : PauseEvents.forCase(p.pause(), caseId, p.departmentId)) {
            out.collect(e);
            pauseEvents.inc();
        }
    }

    /** One clean-up timer per hour: Flink keeps one timer per key and timestamp. */
    private static void scheduleCleanUp(long at, Context ctx) {
        long rounded = at >= Long.MAX_VALUE - HOUR ? Long.MAX_VALUE - 1 : (Math.floorDiv(at, HOUR) + 1) * HOUR;
        ctx.timerService().registerEventTimeTimer(rounded);
    }
}
