package cn.xiaoneng.jobs.normalize;

import cn.xiaoneng.ingestion.mapping.Normalizer;
import cn.xiaoneng.ingestion.mapping.SourceMapping;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.DeadLetter;
import cn.xiaoneng.model.Pseudonymizer;
import cn.xiaoneng.model.Topics;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Maps each raw change record to canonical case events (main output) by the source's mapping file. Side
 * outputs: a dead letter for a record that cannot be mapped (the job keeps running), a receipt for every raw
 * record, and heartbeats. Stateless: all facts needed are in the record, so it scales by partitions.
 */
public final class NormalizeFunction extends ProcessFunction<RawChange, CaseEvent> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};
    public static final OutputTag<RawReceipt> RECEIPTS = new OutputTag<>("receipts") {};
    public static final OutputTag<SourceHeartbeat> HEARTBEATS = new OutputTag<>("heartbeats") {};
    private static final String HEARTBEAT_PREFIX = "__debezium-heartbeat.";

    private final List<SourceMapping> mappings;
    private final byte[] pseudonymKey;
    private transient Normalizer normalizer;
    private transient ObjectMapper json;
    private transient Counter mapped;
    private transient Counter deadLettered;

    public NormalizeFunction(List<SourceMapping> mappings, byte[] pseudonymKey) {
        this.mappings = List.copyOf(mappings);
        this.pseudonymKey = pseudonymKey.clone();
    }

    @Override
    public void open(OpenContext openContext) {
        normalizer = new Normalizer(mappings, new Pseudonymizer(pseudonymKey));
        json = new ObjectMapper();
        mapped = getRuntimeContext().getMetricGroup().counter("eventsMapped");
        deadLettered = getRuntimeContext().getMetricGroup().counter("recordsDeadLettered");
    }

    @Override
    public void processElement(RawChange raw, Context ctx, Collector<CaseEvent> out) {
        long now = ctx.timerService().currentProcessingTime();
        if (raw.topic.startsWith(HEARTBEAT_PREFIX)) {
            heartbeat(raw, now).ifPresent(h -> ctx.output(HEARTBEATS, h));
            return;
        }
        Normalizer.Outcome outcome = normalizer.normalize(raw.topic, raw.partition, raw.offset, raw.key, raw.value, now);
        for (CaseEvent e : outcome.events) {
            out.collect(e);
        }
        mapped.inc(outcome.events.size());
        if (outcome.isDeadLetter()) {
            deadLettered.inc();
            ctx.output(DEAD_LETTERS, outcome.deadLetter);
        }
        if (raw.value != null) {
            ctx.output(RECEIPTS, receipt(raw, outcome, now));
        }
    }

    private RawReceipt receipt(RawChange raw, Normalizer.Outcome outcome, long now) {
        RawReceipt r = new RawReceipt();
        r.sourceId = outcome.sourceId;
        r.sourceTable = outcome.table == null ? "" : outcome.table;
        r.topic = raw.topic;
        r.partition = raw.partition;
        r.offset = raw.offset;
        r.op = outcome.op;
        r.outcome = outcome.isDeadLetter() ? RawReceipt.DEAD_LETTER : outcome.events.isEmpty() ? RawReceipt.NO_EVENT : RawReceipt.MAPPED;
        r.events = outcome.events.size();
        r.sourceCommitTime = outcome.sourceCommitTime > 0 ? outcome.sourceCommitTime : raw.kafkaTimestamp;
        r.processedAt = now;
        return r;
    }

    private java.util.Optional<SourceHeartbeat> heartbeat(RawChange raw, long now) {
        try {
            String sourceId = Topics.sourceIdOf(raw.topic);
            long ts = raw.value == null ? raw.kafkaTimestamp : json.readTree(raw.value).path("ts_ms").asLong(raw.kafkaTimestamp);
            return java.util.Optional.of(new SourceHeartbeat(sourceId, ts));
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }
}
