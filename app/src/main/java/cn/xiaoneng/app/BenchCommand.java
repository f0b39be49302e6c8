package cn.xiaoneng.app;

import cn.xiaoneng.app.bench.PipelineBench;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xiaoneng bench}: the pipeline's speed against the machine's own limit; {@code xiaoneng bench deadline}: the
 * deadline engine's state (docs/performance.md).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = DeadlineBenchCommand.class,
        description = {"Measure the pipeline (raw CDC records → normalization and throughput → ClickHouse) against a bare Kafka consumer.",
                "`bench deadline` measures the deadline engine instead (open cases in RocksDB state, checkpoints, timers)."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--events", defaultValue = "400000", description = "raw change records to load (default: ${DEFAULT-VALUE})")
    int events;

    @Option(names = "--warmup", defaultValue = "300000", description = "raw change records drained before the measured ones, so the "
            + "figures are those of a warm JVM (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--warmup-rounds", defaultValue = "1", description = "whole rounds (warm-up and measured records) drained and thrown "
            + "away, warehouse and topics with them, before the measured round, so the JIT compiler has compiled the pipeline (default: ${DEFAULT-VALUE})")
    int warmupRounds;

    @Option(names = "--latency-rate", defaultValue = "5000", description = "records/s offered during the latency phase (default: ${DEFAULT-VALUE})")
    int latencyRate;

    @Option(names = "--latency-seconds", defaultValue = "20", description = "length of the latency phase (default: ${DEFAULT-VALUE})")
    int latencySeconds;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "a setting of the spine job, as in its properties file, e.g. "
            + "--set sink.flush.interval=2s (repeatable; the bench's own settings otherwise)")
    Map<String, String> settings = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        return new PipelineBench(events, warmup, warmupRounds, latencyRate, latencySeconds, parallelism, settings).run();
    }
}
