package cn.xiaoneng.jobs.throughput;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes facts beyond the allowed lateness visible instead of losing them silently: counts them (metric
 * {@code lateFacts} on the operator {@code throughput-late-<bucket>}), logs each at WARN, and passes them on.
 */
public class LateFactReporter extends ProcessFunction<ThroughputFact, LateFact> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LateFactReporter.class);

    private final Bucket bucket;
    private transient Counter lateFacts;

    public LateFactReporter(Bucket bucket) {
        this.bucket = bucket;
    }

    @Override
    public void open(OpenContext openContext) {
        lateFacts = getRuntimeContext().getMetricGroup().counter("lateFacts");
    }

    @Override
    public void processElement(ThroughputFact f, Context ctx, Collector<LateFact> out) {
        lateFacts.inc();
        LOG.warn("{} bucket no longer takes corrections (watermark {}), not counted: {}", bucket.label(), ctx.timerService().currentWatermark(), f);
        out.collect(new LateFact(bucket.label(), f));
    }
}
