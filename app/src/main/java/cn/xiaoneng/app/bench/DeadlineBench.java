package cn.xiaoneng.app.bench;

import cn.xiaoneng.deadline.engine.CaseTracker;
import cn.xiaoneng.jobs.deadline.DeadlineJob;
import cn.xiaoneng.jobs.deadline.DeadlineOptions;
import cn.xiaoneng.model.Times;
import cn.xiaoneng.testsupport.XiaonengHome;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The deadline engine's state benchmark (issue 3): N open cases in RocksDB state, a checkpoint of them, then the clock
 * swept forward so that their cards fall due while half the cases complete. The job is {@link DeadlineJob#defineWorkflow}
 * itself, on a local MiniCluster in this JVM, with the RocksDB backend and incremental checkpoints to files; only the
 * source (generated cases, {@link BenchFeed}), the clock (set by the bench) and the sinks (counting, {@link BenchSinks})
 * are the bench's. Prints each phase and, last, the summary line.
 */
public final class DeadlineBench {
    /** How far the clock may run ahead of the engine in the timers phase: cards of one case closer than this fire together. */
    static final Duration LEAD = Duration.ofHours(4);
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(60);
    private static final String[] ROCKSDB_SHOWN = {"estimate-num-keys", "total-sst-files-size", "estimate-live-data-size",
            "cur-size-all-mem-tables", "block-cache-usage", "estimate-table-readers-mem"};

    private final long requestedCases;
    private final int parallelism;
    private final String managedMemory;
    private final boolean keepDir;

    public DeadlineBench(long cases, int parallelism, String managedMemory, boolean keepDir) {
        if (cases < 2 || parallelism < 1) {
            throw new IllegalArgumentException("--cases must be at least 2 and --parallelism at least 1");
        }
        this.requestedCases = cases;
        this.parallelism = parallelism;
        this.managedMemory = managedMemory;
        this.keepDir = keepDir;
    }

    public int run() throws Exception {
        long perReader = (requestedCases + 2L * parallelism - 1) / (2L * parallelism) * 2;
        long cases = perReader * parallelism;
        BenchCases generator = new BenchCases(42);
        Path dir = XiaonengHome.workDir("bench").resolve("deadline-" + System.currentTimeMillis());
        Files.createDirectories(dir);
        int port = freePort();
        System.out.printf("deadline bench: %,d open cases%s, parallelism %d, %d cores, max heap %d MB, RocksDB managed memory %s%n", cases,
                cases == requestedCases ? "" : " (rounded up to an even number per reader)", parallelism,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, managedMemory);
        List<java.time.LocalDate> days = generator.windowDays();
        System.out.printf("business time: accepted on the %d working days %s … %s; clock held at %s during the load, then swept to %s%n",
                days.size(), days.get(0), days.get(days.size() - 1), Times.format(generator.windowStart()), Times.format(generator.sweepEnd()));
        StringBuilder mix = new StringBuilder();
        BenchCases.expectedLimitMix().entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> mix.append(mix.isEmpty() ? "" : ", ").append(e.getKey()).append(String.format(" %.0f%%", 100 * e.getValue())));
        System.out.printf("cases: the simulator's departments and items (limits %s); every other case completes during the timers phase%n", mix);
        System.out.printf("work dir: %s%n", dir);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration(dir, port));
        env.setParallelism(parallelism);
        // As DeadlineJob.runJob: no function of the job changes a record it received or keeps one it emitted.
        env.getConfig().enableObjectReuse();
        // The clock's round trip (bench → source watermark → engine → sink) bounds how fast an idle stretch of business
        // time is swept; Flink's default 200 ms / 100 ms would make it most of a small run.
        env.getConfig().setAutoWatermarkInterval(10);
        env.setBufferTimeout(10);
        BenchFeed.reset(generator.windowStart());
        BenchSinks.reset();
        BenchFeed feed = new BenchFeed(generator, parallelism, perReader);
        DeadlineJob.defineWorkflow(env, feed.source(), feed.clock(), CaseTracker.perCenter(), DeadlineOptions.DEFAULT_STATE_TTL,
                new BenchSinks());
        long submitted = System.nanoTime();
        JobClient job = env.executeAsync("xiaoneng-deadline-bench");
        String jobId = job.getJobID().toHexString();
        FlinkRest rest = new FlinkRest(port);
        try {
            // 1. Load: every case accepted and its first step started, at a clock before all of them: no card is due.
            long loadEvents = 2 * cases;
            waitUntil(job, "the first event", () -> BenchSinks.TRACKING.sum() > 0, null);
            long loadStart = System.nanoTime();
            System.out.printf("job started in %.1f s%n", seconds(submitted, loadStart));
            waitUntil(job, loadEvents + " load events", () -> BenchSinks.TRACKING.sum() >= loadEvents,
                    () -> String.format("load: %,d of %,d events", BenchSinks.TRACKING.sum(), loadEvents));
            double loadSeconds = seconds(loadStart, System.nanoTime());
            double loadRate = loadEvents / loadSeconds;
            System.out.printf("phase load:        %,d events (ACCEPTED + STEP_STARTED per case) in %.1f s: %,.0f events/s; cards raised: %d%n",
                    loadEvents, loadSeconds, loadRate, BenchSinks.RAISED.sum());

            // 2. A checkpoint of the loaded state: the first incremental checkpoint uploads everything.
            String engine = rest.vertex(jobId, "deadline engine");
            Checkpoint first = checkpoint(rest, jobId, engine, "after the load");
            long stateOnDisk = size(dir.resolve("rocksdb"));
            System.out.printf("disk:              RocksDB working dir %,.0f MB, checkpoint dir %,.0f MB%n", mb(stateOnDisk),
                    mb(size(dir.resolve("checkpoints"))));
            Memory loaded = Memory.now();
            loaded.print();
            printRocksDb(rest, jobId, engine);

            // 3. Timers fire: the clock sweeps forward, at most LEAD ahead of the engine, while half the cases complete. It
            // stops just before each midnight until the engine has caught up, then jumps: the cards that share the midnight
            // instant (24:00 due instants, whole-day thresholds) all fall due at once, as on a live night.
            BenchFeed.openCompletions();
            long end = generator.sweepEnd();
            long sweepStart = System.nanoTime();
            long cardsBefore = BenchSinks.RAISED.sum() + BenchSinks.RETRACTED.sum();
            List<Burst> bursts = new ArrayList<>();
            for (long midnight = nextMidnight(generator.windowStart()); ; midnight = nextMidnight(midnight)) {
                long stop = Math.min(midnight - 1, end);
                sweep(job, stop);
                if (stop == end) {
                    break;
                }
                bursts.add(burst(job, midnight));
            }
            double sweepSeconds = seconds(sweepStart, System.nanoTime());
            long raised = BenchSinks.RAISED.sum();
            long retracted = BenchSinks.RETRACTED.sum();
            long completions = BenchFeed.COMPLETIONS_FED.sum();
            double cardRate = (raised + retracted - cardsBefore) / sweepSeconds;
            double eventRate = completions / sweepSeconds;
            System.out.printf("phase timers:      %.0f days of business time in %.1f s: %,d cards raised and %,d retracted (%,.0f cards/s), "
                            + "%,d completions (%,.0f events/s), %,d 跟踪表 rows; %.1f cards per case%n",
                    (end - generator.windowStart()) / 86_400_000.0, sweepSeconds, raised, retracted, cardRate, completions, eventRate,
                    BenchSinks.TRACKING.sum() - loadEvents, (double) raised / cases);
            Burst largest = bursts.stream().max(Comparator.comparingLong(Burst::cards)).orElseThrow();
            List<Burst> big = bursts.stream().filter(b -> b.cards() >= largest.cards() / 4).sorted(Comparator.comparingLong(Burst::allMs)).toList();
            System.out.printf("midnight bursts:   %d midnights; the largest: %,d cards at %s, half raised %,d ms after the clock passed it, "
                            + "99%% after %,d ms, all after %,d ms (%,.0f cards/s); the %d with at least a quarter as many: all raised after "
                            + "%,d ms (median), %,d ms (max)%n",
                    bursts.size(), largest.cards(), Times.format(largest.midnight()), largest.halfMs(), largest.p99Ms(), largest.allMs(),
                    largest.cards() * 1000.0 / Math.max(1, largest.allMs()), big.size(), big.get(big.size() / 2).allMs(),
                    big.get(big.size() - 1).allMs());

            // 4. A second checkpoint: incremental against the first.
            checkpoint(rest, jobId, engine, "after the timers");
            System.out.printf("disk:              RocksDB working dir %,.0f MB, checkpoint dir %,.0f MB%n", mb(size(dir.resolve("rocksdb"))),
                    mb(size(dir.resolve("checkpoints"))));
            Memory.now().print();
            printRocksDb(rest, jobId, engine);

            System.out.printf("deadline bench: cases: %d, load events/s: %.0f, state: %.0f MB on disk (checkpoint %.0f MB, %d ms), heap: %d MB, "
                            + "rss: %d MB, cards/s while timers fire: %.0f, events/s while timers fire: %.0f, "
                            + "largest midnight burst: %d cards, all raised in %d ms%n",
                    cases, loadRate, mb(stateOnDisk), mb(first.fullBytes), first.durationMs, loaded.liveHeapMb, loaded.rssMb, cardRate, eventRate,
                    largest.cards(), largest.allMs());
        } finally {
            try {
                job.cancel().get();
            } catch (Exception alreadyOver) {
                // the job failed or ended: the exception on its way out says why
            }
            if (!keepDir) {
                delete(dir);
            }
        }
        return 0;
    }

    /** Moves the clock to {@code target}, at most LEAD ahead of the engine, and waits until the engine has got there. */
    private void sweep(JobClient job, long target) throws Exception {
        waitUntil(job, "the engine's clock to reach " + Times.format(target), () -> {
            long engineClock = BenchSinks.engineClock(parallelism);
            if (engineClock >= target) {
                return true;
            }
            long next = Math.min(target, Math.max(BenchFeed.CLOCK.get(), engineClock + LEAD.toMillis()));
            if (next > BenchFeed.CLOCK.get()) {
                BenchFeed.advance(next);
            }
            return false;
        }, () -> String.format("timers: clock at %s, %,d cards, %,d completions", Times.format(BenchSinks.engineClock(parallelism)),
                BenchSinks.RAISED.sum() + BenchSinks.RETRACTED.sum(), BenchFeed.COMPLETIONS_FED.sum()));
    }

    /**
     * With the engine caught up to just before {@code midnight}, moves the clock past it in one step and times the cards
     * that fall due: polled every 0.2 ms, the engine is done when its clock (the watermark, which Flink forwards only after
     * the timers it passed have fired and their cards were emitted) reaches the sinks.
     */
    private Burst burst(JobClient job, long midnight) throws Exception {
        long before = BenchSinks.RAISED.sum() + BenchSinks.RETRACTED.sum();
        long[] at = new long[1 << 16];
        long[] count = new long[at.length];
        int n = 0;
        long start = System.nanoTime();
        BenchFeed.advance(midnight);
        long lastCheck = start;
        while (BenchSinks.engineClock(parallelism) < midnight) {
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            long now = System.nanoTime();
            if (n < at.length) {
                at[n] = now;
                count[n++] = BenchSinks.RAISED.sum() + BenchSinks.RETRACTED.sum() - before;
            }
            if (now - lastCheck > 1_000_000_000L) {
                lastCheck = now;
                checkRunning(job, "the cards due at " + Times.format(midnight));
            }
        }
        long done = System.nanoTime();
        long cards = BenchSinks.RAISED.sum() + BenchSinks.RETRACTED.sum() - before;
        return new Burst(midnight, cards, msUntil(at, count, n, (cards + 1) / 2, start, done), msUntil(at, count, n, (long) Math.ceil(cards * 0.99), start, done),
                (done - start) / 1_000_000);
    }

    private static long msUntil(long[] at, long[] count, int n, long cards, long start, long done) {
        for (int i = 0; i < n; i++) {
            if (count[i] >= cards) {
                return (at[i] - start) / 1_000_000;
            }
        }
        return (done - start) / 1_000_000;
    }

    private static long nextMidnight(long t) {
        java.time.LocalDate day = java.time.Instant.ofEpochMilli(t).atZone(Times.CHINA).toLocalDate();
        return day.plusDays(1).atStartOfDay(Times.CHINA).toInstant().toEpochMilli();
    }

    /** The cards that fell due at one midnight and how long after the clock passed it they were raised. */
    private record Burst(long midnight, long cards, long halfMs, long p99Ms, long allMs) {
    }

    private Configuration configuration(Path dir, int port) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("state.backend.type", "rocksdb");
        c.put("execution.checkpointing.incremental", "true");
        c.put("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
        // Checkpoints only when the bench asks (REST); the periodic one, due after a day, never comes.
        c.put("execution.checkpointing.interval", "1 d");
        c.put("execution.checkpointing.min-pause", "1 d");
        c.put("execution.checkpointing.timeout", "30 min");
        c.put("state.backend.rocksdb.localdir", dir.resolve("rocksdb").toString());
        // RocksDB's block cache and write buffers live within Flink's managed memory (state.backend.rocksdb.memory.managed).
        c.put("taskmanager.memory.managed.size", managedMemory);
        c.putAll(FlinkRest.settings(port));
        for (String m : ROCKSDB_SHOWN) {
            c.put("state.backend.rocksdb.metrics." + m, "true");
        }
        return Configuration.fromMap(c);
    }

    private Checkpoint checkpoint(FlinkRest rest, String jobId, String engine, String when) throws IOException, InterruptedException {
        JsonNode cp = rest.checkpoint(jobId, "CONFIGURED", PHASE_TIMEOUT);
        long id = cp.path("id").asLong();
        long[] durations = rest.checkpointDurations(jobId, id, engine);
        Checkpoint c = new Checkpoint(id, cp.path("state_size").asLong(), cp.path("checkpointed_size").asLong(),
                cp.path("end_to_end_duration").asLong());
        System.out.printf("checkpoint %d:      %s: full %,.1f MB, incremental %,.1f MB (uploaded), %,d ms end to end "
                        + "(engine subtasks: sync %,d ms, async %,d ms at most)%n",
                id, when, mb(c.fullBytes), mb(c.incrementalBytes), c.durationMs, durations[0], durations[1]);
        return c;
    }

    /** RocksDB's own figures for the engine's states, summed over its subtasks. */
    private void printRocksDb(FlinkRest rest, String jobId, String engine) throws IOException, InterruptedException {
        // RocksDB's gauges are refreshed every 5 s, and the REST metric store after a request, at most once a second.
        rest.metrics(jobId, engine, "rocksdb_");
        Thread.sleep(6_000);
        rest.metrics(jobId, engine, "rocksdb_");
        Thread.sleep(1_500);
        Map<String, Double> m = rest.metrics(jobId, engine, "rocksdb_");
        Map<String, Map<String, Double>> byName = new LinkedHashMap<>();
        m.forEach((id, v) -> {
            int at = id.lastIndexOf(".rocksdb_");
            String state = id.substring(id.indexOf('.') + 1, at).replace("_timer_state/event_user-timers", "timers");
            byName.computeIfAbsent(id.substring(at + ".rocksdb_".length()), k -> new LinkedHashMap<>()).put(state, v);
        });
        if (Boolean.getBoolean("xiaoneng.bench.metrics")) {
            m.forEach((id, v) -> System.out.printf("  %s = %,.0f%n", id, v));
        }
        StringBuilder keys = new StringBuilder();
        byName.getOrDefault("estimate-num-keys", Map.of()).forEach((state, v) -> {
            if (v > 0) {
                keys.append(keys.isEmpty() ? "" : ", ").append(state).append(' ').append(String.format("%,.0f", v));
            }
        });
        // The block cache is shared by the states of a slot (managed memory): every state reports the same cache.
        double blockCache = byName.getOrDefault("block-cache-usage", Map.of()).values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        System.out.printf("rocksdb:           keys: %s; SST files %,.1f MB (live data %,.1f MB), memtables %,.1f MB, block cache %,.1f MB, "
                        + "index and filter readers %,.1f MB%n",
                keys, sum(byName, "total-sst-files-size") / (1 << 20), sum(byName, "estimate-live-data-size") / (1 << 20),
                sum(byName, "cur-size-all-mem-tables") / (1 << 20), blockCache / (1 << 20), sum(byName, "estimate-table-readers-mem") / (1 << 20));
    }

    private static double sum(Map<String, Map<String, Double>> byName, String name) {
        return byName.getOrDefault(name, Map.of()).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Polls {@code done} every few ms; fails if the job fails or the phase takes longer than {@link #PHASE_TIMEOUT}. */
    private static void waitUntil(JobClient job, String what, BooleanSupplier done, java.util.function.Supplier<String> progress)
            throws Exception {
        long start = System.nanoTime();
        long lastCheck = start;
        long lastProgress = start;
        while (!done.getAsBoolean()) {
            Thread.sleep(2);
            long now = System.nanoTime();
            if (now - lastCheck > 1_000_000_000L) {
                lastCheck = now;
                checkRunning(job, what);
                if (now - start > PHASE_TIMEOUT.toNanos()) {
                    throw new IllegalStateException("timed out after " + PHASE_TIMEOUT + " waiting for " + what);
                }
            }
            if (progress != null && now - lastProgress > 30_000_000_000L) {
                lastProgress = now;
                System.err.printf("  … %s (%.0f s)%n", progress.get(), seconds(start, now));
            }
        }
    }

    private static void checkRunning(JobClient job, String what) throws Exception {
        JobStatus status = job.getJobStatus().get();
        if (status.isGloballyTerminalState()) {
            job.getJobExecutionResult().get(); // throws the failure
            throw new IllegalStateException("the job ended (" + status + ") while waiting for " + what);
        }
    }

    private record Checkpoint(long id, long fullBytes, long incrementalBytes, long durationMs) {
    }

    /** Heap used before and after a full GC (the state itself is off-heap, in RocksDB), and the process's resident set. */
    private record Memory(long heapMb, long liveHeapMb, long committedMb, long rssMb, long peakRssMb) {
        static Memory now() throws IOException {
            var bean = ManagementFactory.getMemoryMXBean();
            long used = bean.getHeapMemoryUsage().getUsed();
            System.gc();
            var heap = bean.getHeapMemoryUsage();
            long rss = 0;
            long peak = 0;
            Path status = Path.of("/proc/self/status");
            if (Files.exists(status)) {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        rss = kb(line);
                    } else if (line.startsWith("VmHWM:")) {
                        peak = kb(line);
                    }
                }
            }
            return new Memory(used >> 20, heap.getUsed() >> 20, heap.getCommitted() >> 20, rss >> 10, peak >> 10);
        }

        void print() {
            System.out.printf("memory:            heap %,d MB used, %,d MB after a full GC (%,d MB committed); process RSS %,d MB (peak %,d MB)%n",
                    heapMb, liveHeapMb, committedMb, rssMb, peakRssMb);
        }

        private static long kb(String line) {
            return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
    }

    /** Bytes under {@code dir}; files that vanish while it is walked (RocksDB compacting) are skipped. */
    static long size(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.mapToLong(p -> {
                try {
                    return Files.isRegularFile(p) ? Files.size(p) : 0;
                } catch (NoSuchFileException gone) {
                    return 0;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return size(dir);
            }
            throw e;
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static double mb(long bytes) {
        return bytes / (double) (1 << 20);
    }

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }
}
