package cn.xiaoneng.app.bench;

import cn.xiaoneng.app.Spine;
import cn.xiaoneng.ingestion.mapping.MappingLoader;
import cn.xiaoneng.ingestion.mapping.Normalizer;
import cn.xiaoneng.ingestion.simulator.CaseGenerator;
import cn.xiaoneng.ingestion.simulator.CasePlan;
import cn.xiaoneng.ingestion.simulator.Department;
import cn.xiaoneng.ingestion.simulator.OfficeHours;
import cn.xiaoneng.jobs.normalize.NormalizationOptions;
import cn.xiaoneng.jobs.spine.SpineJob;
import cn.xiaoneng.jobs.spine.SpineOptions;
import cn.xiaoneng.jobs.throughput.ThroughputOptions;
import cn.xiaoneng.model.Pseudonymizer;
import cn.xiaoneng.model.Times;
import cn.xiaoneng.testsupport.FreePorts;
import cn.xiaoneng.testsupport.LocalPlatform;
import cn.xiaoneng.testsupport.Waits;
import cn.xiaoneng.testsupport.XiaonengHome;
import cn.xiaoneng.warehouse.ClickHouseConnection;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The pipeline benchmark: raw CDC records of the exchange-log source are loaded into Kafka, then the spine job
 * (normalization → canonical topic and ClickHouse ODS, and the throughput buckets) drains them, warm-up records first;
 * a bare Kafka consumer that only parses the same records gives the machine's limit for this work. A second phase offers records at a steady rate and measures
 * latency from source commit to ClickHouse-visible. Prints per-stage rates and, last, the summary line.
 */
public final class PipelineBench {
    private static final int RAW_PARTITIONS = 4;
    /** The jobs' default (NormalizationOptions, ThroughputOptions): the bench runs the spine job as it is deployed. */
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
    private final int events;
    private final int latencyRate;
    private final int latencySeconds;
    private final int parallelism;
    private final int warmup;
    private final int warmupRounds;
    private final Map<String, String> settings;
    private final HttpClient http = HttpClient.newHttpClient();
    private String clickHouseUrl;

    /** @param settings spine-job settings that replace the bench's (for experiments; printed with the figures) */
    public PipelineBench(int events, int warmup, int warmupRounds, int latencyRate, int latencySeconds, int parallelism, Map<String, String> settings) {
        this.warmup = warmup;
        this.warmupRounds = warmupRounds;
        this.settings = Map.copyOf(settings);
        this.events = events;
        this.latencyRate = latencyRate;
        this.latencySeconds = latencySeconds;
        this.parallelism = parallelism;
    }

    public int run() throws Exception {
        Path dir = XiaonengHome.workDir("bench").resolve("run-" + System.currentTimeMillis());
        Files.createDirectories(dir);
        System.out.printf("bench: %,d raw change records measured after %d warm-up round(s) and %,d records of warm-up, parallelism %d, %d cores, "
                + "max heap %d MB%n", events, warmupRounds, warmup, parallelism, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        int total = warmup + events;
        if (!settings.isEmpty()) {
            System.out.println("bench: spine job settings changed: " + new TreeMap<>(settings));
        }
        try (LocalPlatform platform = LocalPlatform.builder().kafka().clickHouseWithQueryLogs().start(dir.resolve("servers"))) {
            clickHouseUrl = platform.clickHouse().httpUrl();
            Spine spine = new Spine(platform, dir);
            // 0. Warm-up rounds, as a microbenchmark harness has them: the same records drained by the same job, then
            // thrown away with the warehouse and the topics. A 2-core JVM is still compiling the pipeline's code a minute
            // into its first run (the compiler threads then take a fifth of its CPU), which a job running for weeks pays
            // once; the measured round runs on compiled code, against a fresh warehouse as the first run did.
            for (int round = 1; round <= warmupRounds; round++) {
                long r0 = System.nanoTime();
                prepareRound(platform, spine);
                new Load().produce(platform.kafka().bootstrapServers(), total, 0, 0);
                Map<String, String> roundSettings = new java.util.HashMap<>(settings);
                roundSettings.put(NormalizationOptions.GROUP_ID, "xn-bench-warmup-" + round);
                JobClient warm = SpineJob.runJob(spine.flinkEnvironment("warmup-" + round, parallelism),
                        spine.spineOptions(CHECKPOINT_INTERVAL, ThroughputOptions.DEFAULT_ALLOWED_LATENESS, roundSettings));
                Waits.until("warm-up round " + round + " drained", Duration.ofMinutes(20), 500,
                        () -> number("SELECT count() FROM ods_raw_change") >= total);
                warm.cancel().get();
                try {
                    // Completes once the job has ended and its sinks are closed: nothing of it writes into the next round.
                    warm.getJobExecutionResult().get(2, java.util.concurrent.TimeUnit.MINUTES);
                } catch (java.util.concurrent.ExecutionException cancelled) {
                    // the expected end of a cancelled job
                }
                System.out.printf("bench: warm-up round %d: %,d records drained in %.1f s (warehouse and topics then dropped)%n", round, total, seconds(r0));
                dropRound(platform);
            }
            prepareRound(platform, spine);
            Load load = new Load();

            // 1. Load: every record is in Kafka before the pipeline starts, so what follows measures draining, not producing.
            long t0 = System.nanoTime();
            // The warm-up records come first (earlier business and commit times), the measured ones after them.
            List<byte[]> sample = load.produce(platform.kafka().bootstrapServers(), total, 50_000, 0);
            double produceRate = total / seconds(t0);
            System.out.printf("stage load:        %,10.0f records/s into Kafka (producer, acks=all)%n", produceRate);

            // 2. The machine's limit: a bare consumer that reads and parses the same records.
            double bareRate = bareConsumer(platform.kafka().bootstrapServers());
            System.out.printf("stage bare:        %,10.0f records/s (one Kafka consumer, JSON parse only)%n", bareRate);

            // 3. Mapping cost alone, one thread, no I/O.
            double mapRate = mappingOnly(sample);
            System.out.printf("stage mapping:     %,10.0f records/s (Normalizer, one thread, in memory)%n", mapRate);

            // 4. The pipeline drains the backlog.
            SpineOptions options = spine.spineOptions(CHECKPOINT_INTERVAL, ThroughputOptions.DEFAULT_ALLOWED_LATENESS, settings);
            int restPort = FreePorts.next();
            // The REST API (on a free loopback port) gives each task's busy, back-pressured and idle time.
            StreamExecutionEnvironment env = spine.flinkEnvironment("spine", parallelism, FlinkRest.settings(restPort));
            ProcessCpu cpu = new ProcessCpu().add("bench JVM", ProcessHandle.current().pid()).add("kafka", platform.kafka().pid())
                    .add("clickhouse", platform.clickHouse().pid());
            Map<String, Double> cpuAtStart = cpu.read();
            long jobStart = System.nanoTime();
            JobClient job = SpineJob.runJob(env, options);
            TaskTimes tasks = new TaskTimes(new FlinkRest(restPort), job.getJobID().toHexString());
            // The sustained phase starts when the warm-up records' receipts are in ClickHouse: job start, class loading and the
            // JIT compilation of a cold JVM are left out (compiling took as much CPU as the pipeline itself in a 30-second run,
            // which a job running for weeks pays once). The whole run's CPU is printed too.
            List<Map<String, Double>> cpuAtWarm = new ArrayList<>();
            long[] warmAt = {0, 0};
            long[] jvmAtWarm = {0, 0, 0};
            ThreadCpu jvmThreads = new ThreadCpu();
            boolean[] drained = {false};
            // The bench's polling reads count() from part metadata, which costs ClickHouse next to nothing while the pipeline runs.
            Waits.until(total + " receipts in ClickHouse", Duration.ofMinutes(20), 200, () -> {
                long receipts = number("SELECT count() FROM ods_raw_change");
                if (receipts >= Math.max(1, warmup) && cpuAtWarm.isEmpty()) {
                    cpuAtWarm.add(cpu.read());
                    warmAt[0] = System.nanoTime();
                    warmAt[1] = System.currentTimeMillis();
                    jvmAtWarm[0] = gcMillis();
                    jvmAtWarm[1] = jitMillis();
                    jvmAtWarm[2] = cpuPressureMicros();
                    jvmThreads.mark();
                    // Last: reading the task metrics takes over a second (see TaskTimes), which must not shorten the phase.
                    tasks.mark();
                }
                if (receipts >= total && !drained[0]) {
                    // The normalization tasks' share of busy and idle time ends here: after this they wait for nothing.
                    drained[0] = true;
                    tasks.markEnd();
                }
                // count() is read from part metadata; a receipt written twice (a replay) would count twice, which the exact
                // check after the phase catches.
                return receipts >= total;
            });
            double odsSeconds = seconds(jobStart);
            String counted = "SELECT uniqExact(event_id) FROM ods_case_event WHERE "
                    + "event_type IN ('ACCEPTED', 'COMPLETED', 'RETURNED', 'NOT_ACCEPTED', 'WITHDRAWN', 'SUPPLEMENT_REQUESTED')";
            // Facts later than the allowed lateness are reported and not counted, so wait for the buckets to settle. The
            // canonical events' own sink may still be flushing its last batch when the receipts are in: count both each time.
            String bucketed = "SELECT sum(accepted + completed + returned + not_accepted + withdrawn + supplement_requested) FROM dws_throughput_minute FINAL";
            long[] last = {-1, System.nanoTime(), 0};
            // The phase's counters are read whenever the buckets change, so the last reading is the phase's end: the
            // bench's own checks that follow (scans of every event id) are not the pipeline's cost.
            PhaseEnd[] end = {null};
            Waits.until("throughput buckets to settle", Duration.ofMinutes(10), 1000, () -> {
                long now = number(bucketed);
                if (now != last[0]) {
                    last[0] = now;
                    last[1] = System.nanoTime();
                    end[0] = new PhaseEnd(cpu.read(), System.nanoTime(), System.currentTimeMillis(), gcMillis(), jitMillis(),
                            cpuPressureMicros(), jvmThreads.read());
                    return false;
                }
                // Buckets unchanged for a second: only now count the events (a scan of every event id), so the bench's
                // own queries cost ClickHouse little while the pipeline still runs.
                last[2] = number(counted);
                return now == last[2] || System.nanoTime() - last[1] > 15_000_000_000L;
            });
            long countedEvents = last[2];
            // After the phase, so that the bench's own scan of every offset is not counted as the pipeline's CPU.
            Waits.until(total + " distinct receipts in ClickHouse", Duration.ofMinutes(5), 500,
                    () -> number("SELECT uniqExact(topic, partition, offset) FROM ods_raw_change") >= total);
            Map<String, Double> cpuAfter = end[0].cpu();
            long cpuAfterAt = end[0].nanos();
            long cpuAfterMillis = end[0].millis();
            long gcInPhase = end[0].gcMillis() - jvmAtWarm[0];
            long jitInPhase = end[0].jitMillis() - jvmAtWarm[1];
            long pressureInPhase = end[0].pressureMicros() - jvmAtWarm[2];
            String threadReport = jvmThreads.report(end[0].threads(),
                    cpuAfter.getOrDefault("bench JVM", 0.0) - cpuAtWarm.get(0).getOrDefault("bench JVM", 0.0), events);
            String taskReport = tasks.report();
            System.out.printf("stage throughput:  %,d of %,d counted events in the minute buckets (the rest arrived later than the allowed lateness)%n",
                    last[0], countedEvents);
            double wallRate = total / seconds(jobStart);
            // The phase ends when the last record has gone through the job: its receipt and its canonical events are in
            // ClickHouse (ClickHouse's clock, same machine). The throughput half cannot trail by more than the network buffers
            // between the tasks (it would back-pressure the chain; the task lines show it did not), but the buckets it holds
            // show in ClickHouse only at their next firing (every EARLY_FIRING_INTERVAL while open) and the sink's next flush:
            // a fixed delay of seconds, the live figures' latency, measured below at a steady rate. Timing the rate to the last
            // bucket would add that delay to a phase of some 20 s; it is printed as well, for runs before session 7.
            long endMillis = number("SELECT greatest((SELECT toUnixTimestamp64Milli(max(ingested_at)) FROM ods_case_event), "
                    + "toUnixTimestamp64Milli(max(ingested_at))) FROM ods_raw_change");
            long bucketsMillis = number("SELECT greatest(" + String.join(", ", List.of("minute", "hour", "day").stream()
                    .map(b -> "(SELECT toUnixTimestamp64Milli(max(emitted_at)) FROM dws_throughput_" + b + ")").toList()) + ")");
            // The sustained phase starts when the batch holding the last warm-up receipt was inserted (ClickHouse's clock, not
            // the bench's polling) and covers every record whose receipt came after it.
            long warmMillis = warmup == 0 ? warmAt[1] : number("SELECT toUnixTimestamp64Milli(ingested_at) FROM ods_raw_change "
                    + "ORDER BY ingested_at LIMIT 1 OFFSET " + (warmup - 1));
            long measured = warmup == 0 ? events : number("SELECT uniqExact(topic, partition, offset) FROM ods_raw_change "
                    + "WHERE toUnixTimestamp64Milli(ingested_at) > " + warmMillis);
            double sustained = measured / ((endMillis - warmMillis) / 1000.0);
            double toBuckets = measured / ((Math.max(endMillis, bucketsMillis) - warmMillis) / 1000.0);
            long canonical = number("SELECT uniqExact(event_id) FROM ods_case_event");
            System.out.printf("stage normalize:   %,10.0f records/s until every receipt was in ClickHouse (%.1f s after job start, warm-up included; "
                    + "%,d canonical events)%n", total / odsSeconds, odsSeconds, canonical);
            System.out.printf("stage pipeline:    %,10.0f records/s sustained (%,d records from the last warm-up receipt's insert to the last "
                    + "receipt and ODS row in ClickHouse); %,.0f records/s including job start and warm-up%n", sustained, measured, wallRate);
            System.out.printf("stage buckets:     %,10.0f records/s to the last throughput bucket visible, %.1f s after the last ODS row "
                    + "(open buckets fire every %d s, then the sink's flush)%n", toBuckets, Math.max(0, bucketsMillis - endMillis) / 1000.0,
                    options.throughput.earlyFiring == null ? 0 : options.throughput.earlyFiring.toSeconds());

            // Where the CPU went, per process: the sustained phase (warm-up receipts in → buckets settled), and the whole run.
            System.out.println("cpu, sustained phase (warm-up receipts in → buckets settled), per measured record:");
            System.out.println(ProcessCpu.report(cpuAtWarm.get(0), cpuAfter, (cpuAfterAt - warmAt[0]) / 1e9, events));
            System.out.printf("jvm, sustained phase: %.1f s in garbage-collection pauses (%s), %.1f s of JIT compilation%n",
                    gcInPhase / 1000.0, gcNames(), jitInPhase / 1000.0);
            if (jvmAtWarm[2] >= 0) {
                System.out.printf("cpu pressure, sustained phase: some task waited for a core %.0f %% of the time (Linux PSI)%n",
                        pressureInPhase / 10.0 / ((cpuAfterAt - warmAt[0]) / 1e6));
            }
            System.out.println("jvm cpu, sustained phase, by thread (compiler, collector and VM threads from /proc; Java threads by name):");
            System.out.print(threadReport);
            System.out.println("flink tasks, sustained phase: share of each subtask's time busy, back-pressured (waiting for output buffers) and idle (waiting for input):");
            System.out.print(taskReport);
            System.out.println("clickhouse cpu, sustained phase, by what ran it (query log and part log; a view's work is also in its insert):");
            System.out.print(clickHouseBreakdown(warmAt[1], cpuAfterMillis, events));
            System.out.println("cpu, whole run (job start → buckets settled), per record including the warm-up, with job start-up and JIT compilation:");
            System.out.println(ProcessCpu.report(cpuAtStart, cpuAfter, (cpuAfterAt - jobStart) / 1e9, total));

            // 5. Latency at a steady offered rate.
            long phaseStart = System.currentTimeMillis();
            int latencyRecords = latencyRate * latencySeconds;
            load.produce(platform.kafka().bootstrapServers(), latencyRecords, 0, latencyRate);
            Waits.until("latency-phase records visible", Duration.ofMinutes(5), 500,
                    () -> number("SELECT uniqExact(topic, partition, offset) FROM ods_raw_change") >= (long) total + latencyRecords);
            String where = " FROM ods_case_event WHERE source_commit_time >= fromUnixTimestamp64Milli(" + phaseStart + ")";
            long p50 = number("SELECT toUInt64(quantileExact(0.5)(toUnixTimestamp64Milli(ingested_at) - toUnixTimestamp64Milli(source_commit_time)))" + where);
            long p99 = number("SELECT toUInt64(quantileExact(0.99)(toUnixTimestamp64Milli(ingested_at) - toUnixTimestamp64Milli(source_commit_time)))" + where);
            System.out.printf("stage latency:     p50 %d ms, p99 %d ms from source commit to ClickHouse-visible, at %,d records/s offered for %d s%n",
                    p50, p99, latencyRate, latencySeconds);
            Runtime rt = Runtime.getRuntime();
            System.out.printf("memory: bench JVM heap used %d MB of %d MB (job, producer and consumer in one JVM); servers are separate processes%n",
                    (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
            job.cancel().get();
            System.out.printf("events/s: %.0f, bare-consumer events/s: %.0f, ratio: %.2f, p99 ms: %d%n", sustained, bareRate, sustained / bareRate, p99);
        }
        return 0;
    }

    private static boolean unchecked(java.util.concurrent.Callable<Boolean> check) {
        try {
            return check.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The counters at the end of the sustained phase. */
    private record PhaseEnd(Map<String, Double> cpu, long nanos, long millis, long gcMillis, long jitMillis, long pressureMicros,
                            Map<String, double[]> threads) {}

    /** A fresh warehouse (migrated) and the topics a round uses: canonical, dead-letter and the raw topic. */
    private static void prepareRound(LocalPlatform platform, Spine spine) throws Exception {
        spine.migrateWarehouse();
        // The backlog carries the commit times the hall had (weeks ago): keep it whatever its timestamps.
        Map<String, String> keepAll = Map.of("retention.ms", "-1");
        // Retried until it holds (a topic of the last round may still be being deleted); a timeout names the last error.
        Waits.until("topics created", Duration.ofMinutes(1), 200, () -> unchecked(() -> {
            spine.createTopics(RAW_PARTITIONS, keepAll);
            try (Admin admin = admin(platform)) {
                if (!admin.listTopics().names().get().contains(RawEnvelopes.TOPIC)) {
                    admin.createTopics(List.of(new NewTopic(RawEnvelopes.TOPIC, RAW_PARTITIONS, (short) 1).configs(keepAll))).all().get();
                }
                // A topic created again under a deleted one's name takes a moment to have a leader on every partition.
                return admin.describeTopics(List.of(RawEnvelopes.TOPIC)).allTopicNames().get().get(RawEnvelopes.TOPIC).partitions()
                        .stream().allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
            }
        }));
    }

    /** Drops the warehouse and deletes every topic of the round, and waits until Kafka no longer lists them. */
    private void dropRound(LocalPlatform platform) throws Exception {
        admin("DROP DATABASE IF EXISTS " + ClickHouseConnection.DEFAULT_DATABASE + " SYNC");
        try (Admin admin = admin(platform)) {
            List<String> topics = admin.listTopics().names().get().stream().filter(t -> t.startsWith("xn.")).toList();
            admin.deleteTopics(topics).all().get();
            Waits.until("topics deleted", Duration.ofMinutes(1), 200,
                    () -> unchecked(() -> admin.listTopics().names().get().stream().noneMatch(topics::contains)));
        }
    }

    private static Admin admin(LocalPlatform platform) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka().bootstrapServers()));
    }

    /**
     * Produces raw records of simulated exchange-log cases in the order the source system writes them (by write
     * time across all open cases, as a database log would), keyed by case id. A case's later steps wait in a queue
     * until the office clock reaches them, so business time advances the way it does in a real hall.
     */
    private static final class Load {
        private record Pending(long writeAt, long seq, CasePlan plan, CasePlan.Action action) implements Comparable<Pending> {
            @Override
            public int compareTo(Pending o) {
                int c = Long.compare(writeAt, o.writeAt);
                return c != 0 ? c : Long.compare(seq, o.seq);
            }
        }

        private final RawEnvelopes envelopes = new RawEnvelopes(Times.CHINA);
        private final CaseGenerator generator;
        private final java.util.PriorityQueue<Pending> queue = new java.util.PriorityQueue<>();
        private CasePlan nextCase;
        private long seq;
        private long lastCommit;

        Load() {
            // One busy source: enough arrivals that a few working days of business hold the whole load, all in the past.
            Department ex = Department.builtIn().stream().filter(d -> d.sourceId().equals("ex")).findFirst().orElseThrow();
            Department busy = new Department(ex.sourceId(), ex.departmentId(), ex.name(), ex.casePrefix(), ex.windows(), ex.staff(), ex.items(), 40_000);
            OfficeHours hours = OfficeHours.standard(d -> d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY, Times.CHINA);
            generator = new CaseGenerator(List.of(busy), hours, 42, Instant.now().minus(Duration.ofDays(40)), CaseGenerator.Profile.realistic());
            nextCase = generator.next();
        }

        /**
         * The next row the source writes, as key and value of its change record. {@code historical}: committed when
         * the hall wrote it (a backlog being replayed); otherwise committed now (live).
         */
        private byte[][] nextRecord(boolean historical) {
            while (true) {
                while (queue.isEmpty() || nextCase.actions().get(0).businessAt() <= queue.peek().writeAt()) {
                    for (CasePlan.Action a : nextCase.actions()) {
                        queue.add(new Pending(a.writeAt(), seq++, nextCase, a));
                    }
                    nextCase = generator.next();
                }
                Pending p = queue.poll();
                lastCommit = historical ? p.writeAt() : System.currentTimeMillis();
                var rec = envelopes.record(p.plan(), p.action(), lastCommit);
                if (rec.isPresent()) {
                    return rec.get();
                }
            }
        }

        /**
         * @param keep how many values to keep for the in-memory mapping stage
         * @param rate records/s; 0 = a historical backlog as fast as possible, with the commit times the hall had
         */
        List<byte[]> produce(String bootstrap, int records, int keep, int rate) throws Exception {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.LINGER_MS_CONFIG, rate > 0 ? "0" : "20");
            p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
            p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            List<byte[]> kept = new ArrayList<>();
            long start = System.nanoTime();
            // A record the broker refused must stop the bench, not leave it waiting for receipts that never come.
            java.util.concurrent.atomic.AtomicReference<Exception> refused = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicLong acked = new java.util.concurrent.atomic.AtomicLong();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int sent = 0; sent < records; sent++) {
                    if (rate > 0) {
                        long wait = start + (long) (sent * 1e9 / rate) - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                    byte[][] rec = nextRecord(rate == 0);
                    producer.send(new ProducerRecord<>(RawEnvelopes.TOPIC, null, lastCommit, rec[0], rec[1]), (metadata, e) -> {
                        if (e != null) {
                            refused.compareAndSet(null, e);
                        } else {
                            acked.incrementAndGet();
                        }
                    });
                    if (kept.size() < keep) {
                        kept.add(rec[1]);
                    }
                }
                producer.flush();
            }
            if (refused.get() != null || acked.get() != records) {
                throw new IllegalStateException("the broker took " + acked.get() + " of " + records + " records", refused.get());
            }
            return kept;
        }
    }

    private double bareConsumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 << 20));
        ObjectMapper json = new ObjectMapper();
        long count = 0;
        long fields = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (int i = 0; i < RAW_PARTITIONS; i++) {
                parts.add(new TopicPartition(RawEnvelopes.TOPIC, i));
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long start = System.nanoTime();
            while (count < events) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        fields += json.readTree(r.value()).size();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    count++;
                }
            }
            if (fields == 0) {
                throw new IllegalStateException("parsed nothing");
            }
            return count / seconds(start);
        }
    }

    private static double mappingOnly(List<byte[]> sample) {
        Normalizer n = new Normalizer(MappingLoader.builtIns(), new Pseudonymizer("bench-key-0123456789".getBytes(StandardCharsets.UTF_8)));
        long out = 0;
        for (int round = 0; round < 2; round++) { // the first round warms the JIT
            long start = System.nanoTime();
            for (int i = 0; i < sample.size(); i++) {
                out += n.normalize(RawEnvelopes.TOPIC, 0, i, null, sample.get(i), 0).events.size();
            }
            if (round == 1) {
                return sample.size() / seconds(start);
            }
        }
        throw new IllegalStateException(String.valueOf(out));
    }

    /**
     * ClickHouse's own account of where its CPU went from {@code fromMillis} to {@code toMillis}: inserts per table (a materialized view
     * runs inside the insert that feeds it, so its time is in both lines), each view alone, background merges per
     * table, and every other query by its text (the bench's own polling, mostly). Per 1,000 measured records.
     */
    private String clickHouseBreakdown(long fromMillis, long toMillis, int records) {
        text("SYSTEM FLUSH LOGS");
        String cpu = "(ProfileEvents['UserTimeMicroseconds'] + ProfileEvents['SystemTimeMicroseconds'])";
        String since = " BETWEEN fromUnixTimestamp64Milli(" + fromMillis + ") AND fromUnixTimestamp64Milli(" + toMillis + ")";
        String perRecord = "round(sum(" + cpu + ") / 1000 / " + records + " * 1000, 1)";
        String rows = text("SELECT 'insert ' || arrayStringConcat(tables, ','), count(), round(sum(" + cpu + ") / 1e6, 1), " + perRecord
                + " FROM system.query_log WHERE type = 'QueryFinish' AND query_kind = 'Insert' AND event_time_microseconds" + since
                + " GROUP BY 1 UNION ALL SELECT 'view ' || view_name, count(), round(sum(" + cpu + ") / 1e6, 1), " + perRecord
                + " FROM system.query_views_log WHERE event_time_microseconds" + since
                + " GROUP BY 1 UNION ALL SELECT 'merge ' || database || '.' || table, count(), round(sum(" + cpu + ") / 1e6, 1), " + perRecord
                + " FROM system.part_log WHERE event_type = 'MergeParts' AND event_time_microseconds" + since
                + " GROUP BY 1 UNION ALL SELECT 'query ' || substring(replaceRegexpAll(query, '\\s+', ' '), 1, 52), count(), round(sum(" + cpu + ") / 1e6, 1), " + perRecord
                + " FROM system.query_log WHERE type = 'QueryFinish' AND query_kind != 'Insert' AND event_time_microseconds" + since
                + " GROUP BY 1 ORDER BY 3 DESC FORMAT TSV");
        StringBuilder out = new StringBuilder();
        for (String line : rows.split("\n")) {
            String[] f = line.split("\t");
            if (f.length == 4) {
                out.append(String.format("  %-58s %6s times %7s s %7s ms per 1,000 records%n", f[0], f[1], f[2], f[3]));
            }
        }
        return out.toString();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static String gcNames() {
        return String.join(", ", ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList());
    }

    /**
     * Linux's CPU pressure (PSI): the microseconds in which at least one runnable task waited for a core, machine-wide;
     * -1 where the kernel does not report it.
     */
    private static long cpuPressureMicros() {
        try {
            String some = Files.readAllLines(Path.of("/proc/pressure/cpu")).get(0);
            return Long.parseLong(some.substring(some.indexOf("total=") + 6).strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private long number(String sql) {
        String body = text(sql).trim();
        return body.isEmpty() ? 0 : (long) Double.parseDouble(body);
    }

    /** A statement outside the warehouse database (which it may drop). */
    private void admin(String sql) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(clickHouseUrl + "/"))
                .POST(HttpRequest.BodyPublishers.ofString(sql)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(sql + ": " + r.body());
        }
    }

    private String text(String sql) {
        try {
            // POST: SYSTEM FLUSH LOGS is not allowed in a (read-only) GET.
            HttpRequest req = HttpRequest.newBuilder(URI.create(clickHouseUrl + "/?database=" + ClickHouseConnection.DEFAULT_DATABASE))
                    .POST(HttpRequest.BodyPublishers.ofString(sql)).build();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

}
