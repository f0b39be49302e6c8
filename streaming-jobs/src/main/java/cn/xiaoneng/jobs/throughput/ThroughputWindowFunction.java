package cn.xiaoneng.jobs.throughput;

import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns a bucket's accumulator into its row. Called on every firing: once when the watermark passes the bucket's
 * end, and again for every late fact within the allowed lateness, each time with the whole (corrected) figure.
 */
public class ThroughputWindowFunction
        extends ProcessWindowFunction<ThroughputAccumulator, ThroughputRow, Tuple4<String, String, String, String>, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(Tuple4<String, String, String, String> key, Context ctx, Iterable<ThroughputAccumulator> accumulators,
                        Collector<ThroughputRow> out) {
        ThroughputAccumulator acc = accumulators.iterator().next();
        out.collect(ThroughputRow.of(key.f0, key.f1, key.f2, key.f3, ctx.window().getStart(), acc, ctx.currentProcessingTime()));
    }
}
