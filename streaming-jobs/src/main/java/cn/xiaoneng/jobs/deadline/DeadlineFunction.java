package cn.xiaoneng.jobs.deadline;

import cn.xiaoneng.jobs.common.WakeUpBlob;
import cn.xiaoneng.deadline.engine.Card;
import cn.xiaoneng.deadline.engine.CaseFacts;
import cn.xiaoneng.deadline.engine.CaseTracker;
import cn.xiaoneng.deadline.engine.TrackingTable;
import cn.xiaoneng.deadline.engine.Update;
import cn.xiaoneng.model.CaseEvent;
import java.time.Duration;
import java.util.OptionalLong;
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
 * Keyed by case id: the commitment-deadline engine ({@link CaseTracker}, plain Java, the same code as
 * {@code xiaoneng deadline replay}) on the stream. Cards (raised and retracted) go to the main output; the case's
 * 跟踪表 (standard 附录E), as of the engine's clock, goes to {@link #TRACKING} whenever it changed.
 *
 * <p><b>State</b>, per case, one RocksDB value: the time of the case's one pending timer (8 bytes), then its facts
 * and the ids of the cards already emitted ({@link CaseFacts#encode}). An event or a timer costs one read and at most
 * one write (plus the timer's own entry). Nothing else is kept: the schedule is recomputed from the facts, so a new
 * rule version or calendar applies on restart without migrating state.
 *
 * <p><b>Clock</b>: the watermark ({@link EngineClock}). An event is applied at the current watermark; the timer is an
 * event-time timer at the next card instant (or the clearing of a closed case), so a card fires when the engine's
 * clock passes its instant — within a second live, in data order on replay.
 *
 * <p><b>Clean-up</b>: a closed case's state is cleared once its retention ({@code closed.retention} in the policy)
 * has passed, by the same timer; state TTL is the backstop for cases that never close.
 */
public class DeadlineFunction extends KeyedProcessFunction<String, CaseEvent, Card> {
    private static final long serialVersionUID = 1L;
    /** The 跟踪表 of a case after each change. */
    public static final OutputTag<TrackingTable> TRACKING = new OutputTag<>("tracking", Types.POJO(TrackingTable.class)) {
    };

    /** Name of the one keyed state: the wake-up and the facts of a case, in one RocksDB value. */
    static final String STATE_NAME = "case";
    /** Stored as the wake-up when the case has no timer. */
    private static final long NO_WAKE_UP = WakeUpBlob.NONE;

    private final CaseTracker tracker;
    private final Duration stateTtl;

    private transient ValueState<byte[]> caseState;
    private transient Counter cardsRaised;
    private transient Counter cardsRetracted;
    private transient Counter casesCleared;

    public DeadlineFunction(CaseTracker tracker, Duration stateTtl) {
        this.tracker = tracker;
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(stateTtl).updateTtlOnCreateAndWrite().neverReturnExpired().build();
        ValueStateDescriptor<byte[]> descriptor = new ValueStateDescriptor<>(STATE_NAME, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
        descriptor.enableTimeToLive(ttl);
        caseState = getRuntimeContext().getState(descriptor);
        cardsRaised = getRuntimeContext().getMetricGroup().counter("cardsRaised");
        cardsRetracted = getRuntimeContext().getMetricGroup().counter("cardsRetracted");
        casesCleared = getRuntimeContext().getMetricGroup().counter("casesCleared");
    }

    /**
     * Applies the event at {@code max(watermark, its commit time)}, first moving the case to that clock — exactly as
     * {@code DeadlineEngine.replay} does. For this case the event's commit time is a valid clock: its facts reach the
     * job in commit order (the canonical topic is keyed by case). So a card whose instant passed before a fact was
     * committed is raised (and, if the fact removes it, retracted) whether or not the watermark got there first: the
     * records do not depend on how the watermark interleaved with the records.
     */
    @Override
    public void processElement(CaseEvent e, Context ctx, Collector<Card> out) throws Exception {
        Stored stored = load();
        CaseFacts before = stored == null ? null : stored.facts();
        long clock = Math.max(ctx.timerService().currentWatermark(), e.sourceCommitTime);
        boolean changed = before == null;
        // The timer sits at the case's next card (or clearing): before it nothing falls due, so advancing would
        // recompute the schedule only to find nothing to raise.
        if (stored != null && stored.wakeUp() != NO_WAKE_UP && stored.wakeUp() <= clock) {
            Update tick = tracker.advance(before, clock);
            emit(tick, out);
            changed = tick.stateChanged();
            before = tick.state();
        }
        Update u = tracker.onEvent(before, e, clock);
        apply(u, changed, stored, stored == null ? NO_WAKE_UP : stored.wakeUp(), ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Card> out) throws Exception {
        Stored stored = load();
        if (stored == null || stored.wakeUp() != timestamp) {
            return; // a timer that was moved; the current one is still registered
        }
        Update u = tracker.advance(stored.facts(), Math.max(timestamp, ctx.timerService().currentWatermark()));
        apply(u, false, stored, NO_WAKE_UP, ctx, out); // this timer has fired: none is pending
    }

    /** The case's state: its wake-up (the time of its one event-time timer) and its facts. */
    private record Stored(long wakeUp, CaseFacts facts, byte[] blob) {
    }

    private Stored load() throws Exception {
        byte[] blob = caseState.value();
        if (blob == null) {
            return null;
        }
        return new Stored(WakeUpBlob.wakeUp(blob), CaseFacts.decode(WakeUpBlob.state(blob)), blob);
    }

    private void emit(Update u, Collector<Card> out) {
        for (Card c : u.emitted()) {
            out.collect(c);
            switch (c.status) {
                case RAISED -> cardsRaised.inc();
                case RETRACTED -> cardsRetracted.inc();
            }
        }
    }

    /**
     * @param changedBefore whether the state was new or changed before {@code u} (the advance ahead of an event)
     * @param stored        the state as loaded, or null for a new case
     * @param pending       the timer registered for the case now, or {@link #NO_WAKE_UP}
     */
    private void apply(Update u, boolean changedBefore, Stored stored, long pending, Context ctx, Collector<Card> out) throws Exception {
        emit(u, out);
        boolean changed = changedBefore || u.stateChanged();
        if (changed || !u.emitted().isEmpty()) {
            // Before the first watermark the clock is Long.MIN_VALUE; the table is then as of the latest fact.
            ctx.output(TRACKING, tracker.tracking(u, Math.max(u.clock(), u.state().latestCommitTime())));
        }
        if (u.clear()) {
            if (pending != NO_WAKE_UP) {
                ctx.timerService().deleteEventTimeTimer(pending);
            }
            caseState.clear();
            casesCleared.inc();
            return;
        }
        OptionalLong next = u.nextWakeUp();
        long wakeUp = next.isPresent() ? next.getAsLong() : NO_WAKE_UP;
        WakeUpBlob.moveTimer(ctx.timerService(), pending, wakeUp);
        if (changed || stored == null) {
            caseState.update(WakeUpBlob.of(wakeUp, u.state().encode()));
        } else if (stored.wakeUp() != wakeUp) {
            caseState.update(WakeUpBlob.withWakeUp(stored.blob(), wakeUp)); // the facts did not change: keep their bytes
        }
    }
}
