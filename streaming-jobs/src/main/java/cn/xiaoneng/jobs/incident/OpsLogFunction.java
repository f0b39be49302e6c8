package cn.xiaoneng.jobs.incident;

import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.ingestion.mapping.OpsLogMapper;
import cn.xiaoneng.jobs.normalize.RawChange;
import cn.xiaoneng.model.DeadLetter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The operations log's change records → incident facts ({@link OpsLogMapper}); a record that cannot be mapped becomes a
 * dead letter with its reason (side output), like normalization's, and the job keeps running. Stateless.
 */
public final class OpsLogFunction extends ProcessFunction<RawChange, IncidentFact> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("ops-dead-letters") {};

    private final OpsLogMapper mapper;
    private transient Counter mapped;
    private transient Counter deadLettered;

    public OpsLogFunction(OpsLogMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void open(OpenContext openContext) {
        mapped = getRuntimeContext().getMetricGroup().counter("opsLogFactsMapped");
        deadLettered = getRuntimeContext().getMetricGroup().counter("opsLogRecordsDeadLettered");
    }

    @Override
    public void processElement(RawChange raw, Context ctx, Collector<IncidentFact> out) {
        if (raw.topic.startsWith("__debezium-heartbeat.")) {
            return;
        }
        OpsLogMapper.Outcome o = mapper.map(raw.topic, raw.partition, raw.offset, raw.value, ctx.timerService().currentProcessingTime());
        if (o.isDeadLetter()) {
            deadLettered.inc();
            ctx.output(DEAD_LETTERS, o.deadLetter());
        }
        o.fact().ifPresent(f -> {
            mapped.inc();
            out.collect(f);
        });
    }
}
