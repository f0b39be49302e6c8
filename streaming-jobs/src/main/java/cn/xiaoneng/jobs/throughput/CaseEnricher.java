package cn.xiaoneng.jobs.throughput;

import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.EventType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by case id: turns a case's canonical events into {@link ThroughputFact}s, once each, with the case's attributes.
 *
 * <ul>
 *   <li><b>Dedupe.</b> The canonical topic is at-least-once (a replay repeats events, possibly after later ones), so
 *       every event id seen is remembered and a repeat is dropped (metric {@code duplicatesDropped}).</li>
 *   <li><b>Enrichment.</b> A step row knows its case id but not its window or kind; the case's earlier events do.
 *       An event's own non-null attribute wins and is remembered. Facts carry "" for what no event has named yet.</li>
 *   <li><b>Handling time</b> of a completion = 办结 − 受理 on business time, in whole seconds, from the earliest
 *       ACCEPTED seen; {@link ThroughputFact#UNKNOWN} when the acceptance has not been seen (or lies after the
 *       completion, which is a source error). A COMPLETED that arrives before its ACCEPTED stays without handling
 *       time: the fact was already counted and is not revised.</li>
 *   <li><b>Counted types</b> only ({@link #COUNTED}) become facts; the others still feed attributes and dedupe.</li>
 *   <li><b>Clean-up.</b> Once the case is closed, one event-time timer clears all its state when no bucket any of
 *       its events fell into can still take late data ({@link #cleanupTime}). Until then a replayed event must
 *       still be recognised as a duplicate, else a still-open bucket would count it twice. State TTL is the backstop
 *       for cases that never close.</li>
 * </ul>
 */
public class CaseEnricher extends KeyedProcessFunction<String, CaseEvent, ThroughputFact> {
    private static final long serialVersionUID = 1L;

    /** The event types the throughput tables count (one column each). */
    public static final Set<EventType> COUNTED = EnumSet.of(EventType.ACCEPTED, EventType.COMPLETED, EventType.RETURNED,
            EventType.NOT_ACCEPTED, EventType.WITHDRAWN, EventType.SUPPLEMENT_REQUESTED);

    private final long retentionMillis;
    private final Duration stateTtl;

    private transient ValueState<byte[]> caseState;
    private transient Counter duplicatesDropped;
    private transient Counter factsEmitted;

    /**
     * @param retention how long after the case's latest business time its state must outlive the case's close:
     *                  the windows' allowed lateness plus the longest bucket (see {@link ThroughputJob#enricherRetention})
     * @param stateTtl  backstop for cases that never close (processing time since last write)
     */
    public CaseEnricher(Duration retention, Duration stateTtl) {
        this.retentionMillis = retention.toMillis();
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        // TTL is only the backstop for cases that never close (closed ones are cleared by their timer), so expired values
        // are dropped from full snapshots and by RocksDB's compaction, not by the heap backend's incremental clean-up: that
        // walks state entries on every access and was a third of this function's CPU.
        StateTtlConfig ttl = StateTtlConfig.newBuilder(stateTtl)
                .updateTtlOnCreateAndWrite()
                .neverReturnExpired()
                .disableCleanupInBackground()
                .cleanupFullSnapshot()
                .cleanupInRocksdbCompactFilter(1000)
                .build();
        // One byte array per case (CaseState.encode): cheap to snapshot on the heap backend and to read on RocksDB.
        ValueStateDescriptor<byte[]> caseDescriptor = new ValueStateDescriptor<>("case", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
        caseDescriptor.enableTimeToLive(ttl);
        caseState = getRuntimeContext().getState(caseDescriptor);
        duplicatesDropped = getRuntimeContext().getMetricGroup().counter("duplicatesDropped");
        factsEmitted = getRuntimeContext().getMetricGroup().counter("factsEmitted");
    }

    @Override
    public void processElement(CaseEvent e, Context ctx, Collector<ThroughputFact> out) throws Exception {
        byte[] stored = caseState.value();
        CaseState s = stored == null ? new CaseState() : CaseState.decode(stored);
        if (e.eventId != null && !s.markSeen(e.eventId)) {
            duplicatesDropped.inc();
            return;
        }
        s.absorb(e);
        if (e.eventType == EventType.ACCEPTED && (s.acceptedAt == null || e.businessTime < s.acceptedAt)) {
            s.acceptedAt = e.businessTime;
        }
        if (e.eventType != null && e.eventType.closesCase()) {
            s.closed = true;
        }
        if (s.closed) {
            scheduleCleanup(s, ctx);
        }
        caseState.update(s.encode());
        if (COUNTED.contains(e.eventType)) {
            out.collect(fact(e, s));
            factsEmitted.inc();
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ThroughputFact> out) throws Exception {
        byte[] stored = caseState.value();
        CaseState s = stored == null ? null : CaseState.decode(stored);
        if (s == null || s.cleanupAt == null || s.cleanupAt == timestamp) {
            caseState.clear();
        }
    }

    /** Event time at which a closed case's state may go: its latest business time plus the retention. */
    static long cleanupTime(long maxBusinessTime, long retentionMillis) {
        return maxBusinessTime + retentionMillis;
    }

    /** One timer per case, moved (old one deleted) when a later event pushes the clean-up time back. */
    private void scheduleCleanup(CaseState s, Context ctx) {
        long at = cleanupTime(s.maxBusinessTime, retentionMillis);
        if (s.cleanupAt != null && s.cleanupAt == at) {
            return;
        }
        if (s.cleanupAt != null) {
            ctx.timerService().deleteEventTimeTimer(s.cleanupAt);
        }
        ctx.timerService().registerEventTimeTimer(at);
        s.cleanupAt = at;
    }

    static ThroughputFact fact(CaseEvent e, CaseState s) {
        return new ThroughputFact(orEmpty(s.centerId), orEmpty(s.departmentId), orEmpty(s.windowId), orEmpty(s.caseKind), e.eventType,
                e.businessTime, e.eventType == EventType.COMPLETED ? handlingSeconds(s.acceptedAt, e.businessTime) : ThroughputFact.UNKNOWN);
    }

    /** 办结 − 受理 in whole seconds; unknown when the acceptance is unknown or (a source error) after the completion. */
    static long handlingSeconds(Long acceptedAt, long completedAt) {
        if (acceptedAt == null || completedAt < acceptedAt) {
            return ThroughputFact.UNKNOWN;
        }
        return (completedAt - acceptedAt) / 1000;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
