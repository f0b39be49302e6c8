package cn.xiaoneng.app;

import cn.xiaoneng.app.bench.DeadlineBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xiaoneng bench deadline}: the deadline engine with many open cases in RocksDB state (docs/performance.md). */
@Command(name = "deadline", mixinStandardHelpOptions = true,
        description = "Measure the deadline engine: N open cases loaded into RocksDB state, a checkpoint of them, then the clock swept "
                + "forward so that their cards fall due while half the cases complete. Runs Flink in this JVM; needs no servers.")
final class DeadlineBenchCommand implements Callable<Integer> {
    @Option(names = "--cases", defaultValue = "1000000", description = "open cases to load (default: ${DEFAULT-VALUE})")
    long cases;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(names = "--managed-memory", defaultValue = "512m",
            description = "Flink managed memory, which bounds RocksDB's block cache and write buffers (default: ${DEFAULT-VALUE})")
    String managedMemory;

    @Option(names = "--keep-dir", description = "keep the RocksDB and checkpoint directories (under .xiaoneng/bench) after the run")
    boolean keepDir;

    @Override
    public Integer call() throws Exception {
        return new DeadlineBench(cases, parallelism, managedMemory, keepDir).run();
    }
}
