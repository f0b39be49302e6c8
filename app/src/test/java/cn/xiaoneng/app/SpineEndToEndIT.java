package cn.xiaoneng.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.ingestion.simulator.CasePlan;
import cn.xiaoneng.ingestion.simulator.OfficeHours;
import cn.xiaoneng.ingestion.simulator.Simulator;
import cn.xiaoneng.ingestion.simulator.SourceDatabases;
import cn.xiaoneng.jobs.spine.SpineJob;
import cn.xiaoneng.jobs.spine.SpineOptions;
import cn.xiaoneng.model.DeadLetter;
import cn.xiaoneng.model.DeadLetterCodec;
import cn.xiaoneng.model.Times;
import cn.xiaoneng.model.Topics;
import cn.xiaoneng.testsupport.LocalPlatform;
import cn.xiaoneng.testsupport.TestDirs;
import cn.xiaoneng.testsupport.Waits;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import cn.xiaoneng.jobs.deadline.DeadlineJob;
import cn.xiaoneng.deadline.engine.Card;
import cn.xiaoneng.deadline.engine.CardStatus;
import cn.xiaoneng.deadline.engine.CaseFacts;
import cn.xiaoneng.deadline.engine.CaseTracker;
import cn.xiaoneng.deadline.engine.DeadlineEngine;
import cn.xiaoneng.deadline.engine.StepRow;
import cn.xiaoneng.deadline.engine.TrackingTable;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseEventCodec;
import java.util.TreeSet;
import java.nio.file.Files;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The spine, parts 1 and 2, end to end on real servers: simulated departmental databases (PostgreSQL, MariaDB) →
 * Debezium on a Kafka Connect worker → Kafka → the spine job (normalization and live throughput) and the deadline job
 * on a Flink MiniCluster → ClickHouse.
 * The warehouse must say exactly what the source databases say, also across restarts and bad input.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpineEndToEndIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(6).build());

    static final OfficeHours HOURS = OfficeHours.standard(WorkCalendar.china()::isWorkingDay, Times.CHINA);
    static final Instant MONDAY_2026_03_02 = Instant.parse("2026-03-02T00:00:00Z");

    static LocalPlatform platform;
    static Spine spine;
    static Warehouse warehouse;
    static SpineOptions options;
    /** Normalization and throughput in one job, as the demo runs them. */
    static JobClient job;
    static JobClient deadlineJob;
    static Path checkpoints;

    @BeforeAll
    static void startEverything() throws Exception {
        Path dir = TestDirs.fresh("spine-it");
        platform = LocalPlatform.builder().all().start(dir.resolve("servers"));
        spine = new Spine(platform, dir);
        spine.prepareSources();
        spine.migrateWarehouse();
        // Cases that exist before capture starts reach the warehouse through Debezium's initial snapshot. Only the
        // sources whose rows keep their history: an in-place status system (xd) cannot show transitions made before
        // capture began (docs/mappings.md).
        // Each batch writes whole case lives (completions weeks later), so each next batch starts after the previous one's
        // business time: events weeks older than what the throughput job has seen are, rightly, later than its allowed lateness.
        spine.simulator(6, Instant.parse("2025-12-01T00:00:00Z"), HOURS, Set.of("lc", "ex")).runBatch(40, 0, 20, p -> { });
        spine.createTopics(4);
        spine.registerConnectors(Duration.ofMinutes(2));
        warehouse = new Warehouse(platform.clickHouse().httpUrl(), spine.clickHouse().database());
        options = spine.spineOptions(Duration.ofSeconds(2), Duration.ofDays(365));
        checkpoints = dir.resolve("checkpoints");
        job = startJob(null);
        deadlineJob = DeadlineJob.runJob(spine.flinkEnvironment("deadline", 1), spine.deadlineOptions(Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (job != null) {
            job.cancel().get();
        }
        if (deadlineJob != null) {
            deadlineJob.cancel().get();
        }
        if (platform != null) {
            platform.close();
        }
    }

    /**
     * The spine job with checkpoints kept on cancellation, restored from {@code restoreFrom} when given — as an
     * operator restarts a stopped job from its last checkpoint.
     */
    static JobClient startJob(Path restoreFrom) throws Exception {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        return SpineJob.runJob(env, options);
    }

    /** The newest completed checkpoint a cancelled job left behind. */
    static Path latestCheckpoint(JobClient cancelled) throws Exception {
        Path jobDir = checkpoints.resolve(cancelled.getJobID().toString());
        try (var dirs = Files.list(jobDir)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("chk-") && Files.exists(d.resolve("_metadata")))
                    .max(java.util.Comparator.comparingInt(d -> Integer.parseInt(d.getFileName().toString().substring(4))))
                    .orElseThrow(() -> new IllegalStateException("no completed checkpoint under " + jobDir));
        }
    }

    /** dws rows as "department|window|kind|bucket" → counts in SourceTruth.COUNTED order, latest version of each bucket. */
    static Map<String, List<Long>> warehouseThroughput(String table) {
        Map<String, List<Long>> out = new TreeMap<>();
        for (String line : warehouse.lines("SELECT concat_ws('|', department_id, window_id, case_kind, toString(bucket_start)), accepted, completed, "
                + "returned, not_accepted, withdrawn, supplement_requested FROM " + table + " FINAL "
                + "WHERE accepted + completed + returned + not_accepted + withdrawn + supplement_requested > 0")) {
            String[] f = line.split("\t");
            List<Long> counts = new ArrayList<>();
            for (int i = 1; i < f.length; i++) {
                counts.add(Long.parseLong(f[i]));
            }
            out.put(f[0], counts);
        }
        return out;
    }

    static void awaitThroughputHolds(SourceTruth truth) {
        long counted = truth.throughput(true).values().stream().flatMap(List::stream).mapToLong(Long::longValue).sum();
        String sum = "SELECT sum(accepted + completed + returned + not_accepted + withdrawn + supplement_requested) FROM ";
        Waits.until(counted + " counted events in the throughput buckets", Duration.ofMinutes(3), 500,
                () -> warehouse.number(sum + "dws_throughput_minute FINAL") == counted && warehouse.number(sum + "dws_throughput_hour FINAL") == counted
                        && warehouse.number(sum + "dws_throughput_day FINAL") == counted);
    }

    static List<CasePlan> simulate(long seed, Instant start, int cases, double rate, AtomicLong written) throws Exception {
        Simulator sim = spine.simulator(seed, start, HOURS);
        return sim.runBatch(cases, rate, 5, p -> written.set(p.cases()));
    }

    static SourceTruth truth() throws Exception {
        SourceTruth t = new SourceTruth();
        try (Connection c = platform.postgres().connect(SourceDatabases.LC_DB)) {
            t.readLc(c);
        }
        try (Connection c = platform.mariaDb().connect(SourceDatabases.XD_DB)) {
            t.readXd(c);
        }
        try (Connection c = platform.postgres().connect(SourceDatabases.EX_DB)) {
            t.readEx(c);
        }
        return t.sorted();
    }

    static Map<String, String> warehouseCases() {
        Map<String, String> out = new TreeMap<>();
        for (String line : warehouse.lines("SELECT case_id, concat_ws('|', ifNull(toString(submitted_at), ''), ifNull(toString(accepted_at), ''), "
                + "ifNull(toString(closed_at), ''), ifNull(closing_type, ''), ifNull(window_id, ''), ifNull(item_code, '')) FROM dwd_case_current")) {
            String[] f = line.split("\t", 2);
            out.put(f[0], f[1]);
        }
        return out;
    }

    static Map<String, String> warehouseSteps() {
        Map<String, String> out = new TreeMap<>();
        for (String line : warehouse.lines("SELECT step_id, concat_ws('|', case_id, ifNull(step_name, ''), ifNull(handler, ''), "
                + "ifNull(toString(started_at), ''), ifNull(toString(ended_at), '')) FROM dwd_case_step_current")) {
            String[] f = line.split("\t", 2);
            out.put(f[0], f[1]);
        }
        return out;
    }

    static List<String> warehouseEvents() {
        return warehouse.lines("SELECT concat(case_id, '|', toString(event_type), '|', toString(business_time)) AS e FROM ods_case_event FINAL ORDER BY e");
    }

    /** Waits until the warehouse holds as many distinct events as the sources imply, then a little for the views. */
    static void awaitWarehouseHolds(int events) {
        Waits.until(events + " canonical events in ClickHouse", Duration.ofMinutes(3), 500,
                () -> warehouse.number("SELECT uniqExact(event_id) FROM ods_case_event") >= events);
    }

    @Test
    @Order(1)
    void caseStepAndEventFactsInClickHouseEqualTheSourceDatabases() throws Exception {
        List<CasePlan> plans = simulate(7, MONDAY_2026_03_02, 150, 0, new AtomicLong());
        SourceTruth truth = truth();
        assertThat(truth.cases.keySet()).containsAll(plans.stream().map(CasePlan::caseId).toList());
        assertThat(truth.events.size()).isGreaterThan(600);

        awaitWarehouseHolds(truth.events.size());

        assertThat(warehouseEvents()).containsExactlyElementsOf(truth.events);
        assertThat(warehouseCases()).isEqualTo(truth.cases);
        assertThat(warehouseSteps()).isEqualTo(truth.steps);
        assertThat(warehouse.number("SELECT count() FROM ods_dead_letter")).isZero();
        // The cases written before capture came through the snapshot (op r).
        assertThat(warehouse.number("SELECT uniqExact(topic, partition, offset) FROM ods_raw_change WHERE op = 'r'")).isGreaterThan(40);
        // Paper cases entered late keep their true (earlier) acceptance time.
        long late = warehouse.number("SELECT count() FROM ods_case_event FINAL WHERE event_type = 'ACCEPTED' "
                + "AND source_commit_time > business_time + INTERVAL 1 HOUR");
        assertThat(late).isGreaterThan(0);
        // Every raw record has a receipt; none lost between capture and the warehouse.
        assertThat(warehouse.number("SELECT uniqExact(topic, partition, offset) FROM ods_raw_change")).isGreaterThanOrEqualTo(truth.events.size() / 2);
        // Throughput per minute and per day equals the source databases, late paper cases in the bucket of their true time.
        awaitThroughputHolds(truth);
        assertThat(warehouseThroughput("dws_throughput_minute")).isEqualTo(truth.throughput(false));
        assertThat(warehouseThroughput("dws_throughput_day")).isEqualTo(truth.throughput(true));
        // Personal data never arrives in clear.
        assertThat(warehouse.number("SELECT count() FROM ods_case_event WHERE match(ifNull(applicant_key, ''), '^4301')")).isZero();
    }

    @Test
    @Order(2)
    void restartingConnectAndTheJobMidStreamLosesAndDoublesNothing() throws Exception {
        AtomicLong written = new AtomicLong();
        CompletableFuture<List<CasePlan>> writing = CompletableFuture.supplyAsync(() -> {
            try {
                return simulate(8, Instant.parse("2026-06-01T00:00:00Z"), 150, 12, written);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Waits.until("30 cases written", Duration.ofMinutes(1), () -> written.get() >= 30);
        platform.stopConnect();
        Waits.until("60 cases written while Connect is down", Duration.ofMinutes(1), () -> written.get() >= 60);
        platform.startConnect();
        Waits.until("90 cases written", Duration.ofMinutes(1), () -> written.get() >= 90);
        Waits.until("120 cases written", Duration.ofMinutes(1), () -> written.get() >= 120);
        // Stopped mid-stream and restored from its last checkpoint: raw offsets, per-case dedupe state and open buckets
        // come back together; what it had processed after that checkpoint is read and counted again, exactly once.
        job.cancel().get();
        job = startJob(latestCheckpoint(job));
        writing.get();

        SourceTruth truth = truth();
        awaitWarehouseHolds(truth.events.size());

        assertThat(warehouseEvents()).containsExactlyElementsOf(truth.events);
        assertThat(warehouseCases()).isEqualTo(truth.cases);
        assertThat(warehouseSteps()).isEqualTo(truth.steps);
        assertThat(warehouse.number("SELECT count() FROM ods_case_event FINAL")).isEqualTo(truth.events.size());
        assertThat(warehouse.number("SELECT count() FROM dwd_case_current")).isEqualTo(truth.cases.size());
        awaitThroughputHolds(truth);
        assertThat(warehouseThroughput("dws_throughput_minute")).isEqualTo(truth.throughput(false));
        assertThat(warehouseThroughput("dws_throughput_hour").values().stream().flatMap(List::stream).mapToLong(Long::longValue).sum())
                .isEqualTo(truth.throughput(true).values().stream().flatMap(List::stream).mapToLong(Long::longValue).sum());
    }

    @Test
    @Order(3)
    void badRowsAreDeadLetteredWithReasonsWhileGoodRowsKeepFlowing() throws Exception {
        platform.mariaDb().execute(SourceDatabases.XD_DB, "INSERT INTO audit_project (rowguid, flowsn, task_code, project_type, status, applydate, "
                + "operatedate) VALUES ('g-bad', 'XDBAD1', 'XK-RSJ-010', 2, 77, '2026-03-20 10:00:00', '2026-03-20 10:00:00')");
        platform.postgres().execute(SourceDatabases.EX_DB, "INSERT INTO exchange.ex_step_log (sblsh, step_table, clsj) VALUES (NULL, 'SB', '2026-03-20 10:00:00')");
        platform.postgres().execute(SourceDatabases.LC_DB, "INSERT INTO approval.business_index (sblsh, sxbm, bjlx, sbsj) VALUES ('LCBAD1', 'XK-SCJG-001', "
                + "'CN', '1970-01-01 08:00:00')");
        platform.postgres().execute(SourceDatabases.EX_DB, "ALTER TABLE exchange.ex_step_log ADD COLUMN remark varchar(50)");
        List<CasePlan> good = simulate(9, Instant.parse("2026-03-23T00:00:00Z"), 30, 0, new AtomicLong());
        Set<String> goodIds = new HashSet<>();
        good.forEach(p -> goodIds.add(p.caseId()));
        SourceTruth truth = truth();
        platform.postgres().execute(SourceDatabases.EX_DB, "ALTER TABLE exchange.ex_step_log RENAME COLUMN ckbh TO window_no",
                "INSERT INTO exchange.ex_step_log (sblsh, step_table, clsj) VALUES ('EXDRIFT1', 'SB', '2026-03-24 10:00:00')");

        Waits.until("4 dead letters", Duration.ofMinutes(2), 500, () -> warehouse.number("SELECT uniqExact(topic, partition, offset) FROM ods_dead_letter") >= 4);
        awaitWarehouseHolds((int) truth.events.stream().filter(e -> !e.startsWith("XDBAD1") && !e.startsWith("LCBAD1")).count());

        assertThat(warehouse.lines("SELECT DISTINCT reason_code FROM ods_dead_letter ORDER BY reason_code"))
                .containsExactly("IMPOSSIBLE_TIME", "MISSING_CASE_ID", "SCHEMA_DRIFT", "UNKNOWN_CODE");
        assertThat(warehouse.lines("SELECT reason FROM ods_dead_letter FINAL WHERE reason_code = 'UNKNOWN_CODE'").get(0)).contains("'77'", "status");
        assertThat(warehouse.lines("SELECT reason FROM ods_dead_letter FINAL WHERE reason_code = 'SCHEMA_DRIFT'").get(0)).contains("ckbh");
        Map<String, String> cases = warehouseCases();
        for (String id : goodIds) {
            assertThat(cases.get(id)).as(id).isEqualTo(truth.cases.get(id));
        }
        assertThat(cases).doesNotContainKeys("XDBAD1", "LCBAD1");

        List<DeadLetter> onKafka = readDeadLetterTopic(4);
        assertThat(onKafka).extracting(d -> d.reasonCode).contains("IMPOSSIBLE_TIME", "MISSING_CASE_ID", "SCHEMA_DRIFT", "UNKNOWN_CODE");
        assertThat(onKafka).allSatisfy(d -> assertThat(d.rawValue).isNotBlank());
    }

    /**
     * The deadline job against the plain-Java engine (the same code as {@code xiaoneng deadline replay}) on every canonical
     * event the job read — including the duplicates the restarted normalization job wrote. Compared: the cards standing
     * (raised and not retracted) with their kind, instant, holder and rule version; each case's outcome; the 跟踪表 steps.
     * Raise-then-retract pairs may differ: they depend on when facts written seconds apart reached the job.
     */
    @Test
    @Order(4)
    void deadlineCardsAndTrackingTablesInClickHouseEqualThePlainJavaEngine() throws Exception {
        List<CaseEvent> events = readCanonicalTopic();
        CaseTracker tracker = CaseTracker.perCenter();
        long now = System.currentTimeMillis();
        Set<String> expectedCards = standing(DeadlineEngine.replay(events, tracker, java.util.OptionalLong.of(now)));
        Map<String, List<CaseEvent>> byCase = new TreeMap<>();
        events.forEach(e -> byCase.computeIfAbsent(e.caseId, k -> new ArrayList<>()).add(e));
        Set<String> expectedOutcomes = new TreeSet<>();
        Set<String> expectedSteps = new TreeSet<>();
        byCase.forEach((caseId, caseEvents) -> {
            TrackingTable t = tracker.tracking(CaseFacts.of(caseEvents), now);
            expectedOutcomes.add(caseId + "|" + (t.outcome == null ? "" : t.outcome.kind.name()));
            for (StepRow step : t.steps) {
                expectedSteps.add(caseId + "|" + step.key + "|" + step.stepName + "|" + step.departmentId + "|" + step.started + "|"
                        + (step.ended == null ? -1 : step.ended));
            }
        });
        assertThat(expectedCards).as("the history raises cards").isNotEmpty();

        String standingCards = "SELECT concat(card_id, '|', kind, '|', toString(toUnixTimestamp64Milli(instant)), '|', department_id, '|', rule_version) "
                + "FROM dwd_deadline_card FINAL GROUP BY card_id, kind, instant, department_id, rule_version HAVING countIf(status = 'RETRACTED') = 0";
        String outcomes = "SELECT concat(case_id, '|', outcome) FROM dws_case_clock FINAL";
        String steps = "SELECT concat(case_id, '|', step_key, '|', step_name, '|', department_id, '|', "
                + "toString(toUnixTimestamp64Milli(started_at)), '|', toString(ifNull(toUnixTimestamp64Milli(ended_at), -1))) "
                + "FROM dwd_case_step_ledger FINAL";
        try {
            // Cards and retractions arrive in batches: wait until the warehouse shows what the engine says, not a fixed time.
            Waits.until("the deadline job's cards and clocks in ClickHouse to equal the engine's", Duration.ofMinutes(2), 1000,
                    () -> new TreeSet<>(warehouse.lines(standingCards)).equals(expectedCards)
                            && new TreeSet<>(warehouse.lines(outcomes)).equals(expectedOutcomes)
                            && new TreeSet<>(warehouse.lines(steps)).equals(expectedSteps));
        } catch (IllegalStateException timedOut) {
            // Fall through: the assertions below show the difference.
        }

        assertThat(new TreeSet<>(warehouse.lines(standingCards))).isEqualTo(expectedCards);
        assertThat(new TreeSet<>(warehouse.lines(outcomes))).isEqualTo(expectedOutcomes);
        assertThat(new TreeSet<>(warehouse.lines(steps))).isEqualTo(expectedSteps);
    }

    /** Cards raised and not retracted, as "id|kind|instant|holder department|rule version". */
    static Set<String> standing(List<Card> cards) {
        Set<String> retracted = new HashSet<>();
        cards.stream().filter(c -> c.status == CardStatus.RETRACTED).forEach(c -> retracted.add(c.cardId));
        Set<String> out = new TreeSet<>();
        for (Card c : cards) {
            if (c.status == CardStatus.RAISED && !retracted.contains(c.cardId)) {
                out.add(c.cardId + "|" + c.kind.name() + "|" + c.instant + "|" + (c.holder == null || c.holder.departmentId == null ? ""
                        : c.holder.departmentId) + "|" + c.ruleVersion);
            }
        }
        return out;
    }

    /** Every record of the canonical topic, from the beginning to its current end. */
    static List<CaseEvent> readCanonicalTopic() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka().bootstrapServers());
        CaseEventCodec codec = new CaseEventCodec();
        List<CaseEvent> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(Topics.CASE_EVENTS).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    out.add(codec.decode(r.value()));
                }
            }
        }
        return out;
    }

    static List<DeadLetter> readDeadLetterTopic(int atLeast) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-dead-letter-reader");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<DeadLetter> out = new ArrayList<>();
        DeadLetterCodec codec = new DeadLetterCodec();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTER));
            long deadline = System.currentTimeMillis() + 60_000;
            while (out.size() < atLeast && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    out.add(codec.decode(r.value()));
                }
            }
        }
        return out;
    }
}
