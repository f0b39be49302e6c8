package cn.xiaoneng.jobs.deadline;

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
 * <p><b>State</b>, per case: the case's facts and the ids of the cards already emitted, as one compact blob
 * ({@link CaseFacts#encode}, the RocksDB value), and the time of the one pending timer. Nothing else: the schedule is
 * recomputed from the facts, so a new rule version or calendar applies on restart without migrating state.
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

    private final CaseTracker tracker;
    private final Duration stateTtl;

    private transient ValueState<byte[]> facts;
    private transient ValueState<Long> wakeUp;
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
        ValueStateDescriptor<byte[]> factsDescriptor = new ValueStateDescriptor<>("case-facts", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
        factsDescriptor.enableTimeToLive(ttl);
        ValueStateDescriptor<Long> wakeUpDescriptor = new ValueStateDescriptor<>("wake-up", Types.LONG);
        wakeUpDescriptor.enableTimeToLive(ttl);
        facts = getRuntimeContext().getState(factsDescriptor);
        wakeUp = getRuntimeContext().getState(wakeUpDescriptor);
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
        CaseFacts before = load();
        long clock = Math.max(ctx.timerService().currentWatermark(), e.sourceCommitTime);
        boolean changed = before == null;
        Long pending = wakeUp.value();
        // The timer sits at the case's next card (or clearing): before it nothing falls due, so advancing would
        // recompute the schedule only to find nothing to raise.
        if (before != null && pending != null && pending <= clock) {
            Update tick = tracker.advance(before, clock);
            emit(tick, out);
            changed = tick.stateChanged();
            before = tick.state();
        }
        Update u = tracker.onEvent(before, e, clock);
        apply(u, changed, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Card> out) throws Exception {
        Long pending = wakeUp.value();
        if (pending == null || pending != timestamp) {
            return; // a timer that was moved; the current one is still registered
        }
        wakeUp.clear();
        CaseFacts state = load();
        if (state == null) {
            return;
        }
        apply(tracker.advance(state, Math.max(timestamp, ctx.timerService().currentWatermark())), false, ctx, out);
    }

    private CaseFacts load() throws Exception {
        byte[] blob = facts.value();
        return blob == null ? null : CaseFacts.decode(blob);
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

    /** @param changedBefore whether the state was new or changed before {@code u} (the advance ahead of an event) */
    private void apply(Update u, boolean changedBefore, Context ctx, Collector<Card> out) throws Exception {
        emit(u, out);
        boolean changed = changedBefore || u.stateChanged();
        if (changed || !u.emitted().isEmpty()) {
            // Before the first watermark the clock is Long.MIN_VALUE; the table is then as of the latest fact.
            ctx.output(TRACKING, tracker.tracking(u, Math.max(u.clock(), u.state().latestCommitTime())));
        }
        Long pending = wakeUp.value();
        if (u.clear()) {
            if (pending != null) {
                ctx.timerService().deleteEventTimeTimer(pending);
            }
            facts.clear();
            wakeUp.clear();
            casesCleared.inc();
            return;
        }
        if (changed) {
            facts.update(u.state().encode());
        }
        OptionalLong next = u.nextWakeUp();
        long nextAt = next.isPresent() ? next.getAsLong() : Long.MIN_VALUE;
        if (pending != null && pending != nextAt) {
            ctx.timerService().deleteEventTimeTimer(pending);
            wakeUp.clear();
        }
        if (next.isPresent() && (pending == null || pending != nextAt)) {
            ctx.timerService().registerEventTimeTimer(nextAt);
            wakeUp.update(nextAt);
        }
    }
}
