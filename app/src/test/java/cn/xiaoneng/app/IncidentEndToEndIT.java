package cn.xiaoneng.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.deadline.engine.CardStatus;
import cn.xiaoneng.deadline.engine.CaseFacts;
import cn.xiaoneng.deadline.engine.CaseTracker;
import cn.xiaoneng.deadline.engine.PauseRow;
import cn.xiaoneng.deadline.engine.TrackingTable;
import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.IncidentFactCodec;
import cn.xiaoneng.incident.engine.IncidentCard;
import cn.xiaoneng.incident.engine.IncidentReplay;
import cn.xiaoneng.incident.engine.IncidentTracker;
import cn.xiaoneng.incident.engine.PauseEvents;
import cn.xiaoneng.ingestion.connect.ConnectorConfig;
import cn.xiaoneng.ingestion.simulator.CasePlan;
import cn.xiaoneng.ingestion.simulator.Department;
import cn.xiaoneng.ingestion.simulator.IncidentScripts;
import cn.xiaoneng.ingestion.simulator.LcWriter;
import cn.xiaoneng.ingestion.simulator.OpsLogEntry;
import cn.xiaoneng.ingestion.simulator.OpsLogWriter;
import cn.xiaoneng.ingestion.simulator.SourceDatabases;
import cn.xiaoneng.jobs.incident.IncidentJob;
import cn.xiaoneng.jobs.incident.IncidentOptions;
import cn.xiaoneng.jobs.normalize.NormalizationJob;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseEventCodec;
import cn.xiaoneng.model.EventType;
import cn.xiaoneng.model.Times;
import cn.xiaoneng.model.Topics;
import cn.xiaoneng.testsupport.ConnectRestClient;
import cn.xiaoneng.testsupport.LocalPlatform;
import cn.xiaoneng.testsupport.TestDirs;
import cn.xiaoneng.testsupport.Waits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Emergency-plan incidents (附录C, issue 4) end to end on real servers: the center's operations log and one departmental
 * source (市场监管局 lc) on PostgreSQL → Debezium on a Kafka Connect worker → Kafka → the normalization and incident jobs
 * on a Flink MiniCluster, wired as the Spine and the demo wire them → ClickHouse with the real migrations (V008).
 *
 * <p>"Now" is made office hours on a working day by a test plan (the hall open round the clock, a source silent for
 * 15 s is suspected) and a calendar file making yesterday, today and tomorrow working days, so the test passes at any
 * hour and on any day.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncidentEndToEndIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    static final String CENTER = Spine.CENTER;
    static final String LC_CONNECTOR = ConnectorConfig.builtIn("lc").name();
    static final Department SCJG = Department.builtIn().stream().filter(d -> d.sourceId().equals("lc")).findFirst().orElseThrow();
    static final Duration SILENCE = Duration.ofSeconds(15);
    static final String DIRECTOR = "中心主任 何平";

    static LocalPlatform platform;
    static Spine spine;
    static Warehouse warehouse;
    static IncidentOptions options;
    static JobClient normalization;
    static JobClient incidents;
    /** The 佛山高明-style outage: onset three hours ago, so its whole timeline (2.5 h) lies in the past. */
    static long onset;
    static String gaoming;

    @BeforeAll
    static void startEverything() throws Exception {
        Path dir = TestDirs.fresh("incident-e2e");
        platform = LocalPlatform.builder().postgres().connect().clickHouse().start(dir.resolve("servers"));
        spine = new Spine(platform, dir);
        spine.preparePostgresSources();
        spine.prepareOpsLog();
        spine.migrateWarehouse();
        spine.createTopics(2);
        spine.registerConnectors(List.of("lc"), true, spine.postgresConnectorSettings(), Duration.ofMinutes(2));
        warehouse = new Warehouse(platform.clickHouse().httpUrl(), spine.clickHouse().database());
        options = spine.incidentOptions(Duration.ofSeconds(2), Map.of(
                IncidentOptions.PLAN_DIR, writePlan(dir.resolve("incident-plans")).toString(),
                IncidentOptions.CALENDAR_FILES, writeCalendar(dir.resolve("always-working.cal")).toString(),
                // partitions that never get a record (lc's step table) follow the wall clock after 2 s, not 30
                IncidentOptions.CLOCK_QUIET_AFTER, "2s"));
        normalization = NormalizationJob.runJob(spine.flinkEnvironment("normalization", 1), spine.normalizationOptions(Duration.ofSeconds(2)));
        incidents = IncidentJob.runJob(spine.flinkEnvironment("incident", 1), options);
        onset = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        gaoming = IncidentScripts.incidentNo("GM", Instant.ofEpochMilli(onset), Times.CHINA, 1);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            if (incidents != null) {
                incidents.cancel().get();
            }
            if (normalization != null) {
                normalization.cancel().get();
            }
        } finally {
            if (platform != null) {
                platform.close();
            }
        }
    }

    /** The built-in plan's deadlines, with the hall open round the clock and a short silence threshold (docs/incidents.md). */
    static Path writePlan(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(CENTER + ".properties"), String.join("\n",
                "# IncidentEndToEndIT: any instant is office time; a source silent for 15 s of it is suspected.",
                "center = " + CENTER,
                "ruleVersion = " + CENTER + "/incident-e2e",
                "officeHours = 00:00-23:59:59.999",
                "detection.source.silence = " + SILENCE,
                "detection.window.idle = off",
                ""), StandardCharsets.UTF_8);
        return dir;
    }

    /** Yesterday, today and tomorrow as working days (a center override: no year line, so any weekday may be listed). */
    static Path writeCalendar(Path file) throws Exception {
        LocalDate today = LocalDate.now(Times.CHINA);
        Files.writeString(file, "workday " + today.minusDays(1) + ".." + today.plusDays(1) + " 测试开放 IncidentEndToEndIT\n", StandardCharsets.UTF_8);
        return file;
    }

    @Test
    @Order(1)
    void anOutageWrittenIntoTheOpsLogReachesTheIncidentTablesWithItsPlanDeadlinesAndCards() throws Exception {
        writeCase("E2E-OPEN-W01", "W01", onset - hours(1), null);
        writeCase("E2E-CLOSED-W02", "W02", onset - hours(2), onset - minutes(90));
        writeCase("E2E-OPEN-W03", "W03", onset - hours(1), null);
        // The cases are known before the outage is logged, as in a live hall.
        Waits.until("the three acceptances in ods_case_event", Duration.ofMinutes(1), 500, () -> warehouse.number(
                "SELECT uniqExact(case_id) FROM ods_case_event WHERE event_type = 'ACCEPTED' AND startsWith(case_id, 'E2E-')") == 3);

        List<OpsLogEntry> entries = IncidentScripts.gaoming(CENTER, gaoming, Instant.ofEpochMilli(onset), "II", List.of(SCJG.departmentId()),
                List.of("W01", "W02"), DIRECTOR);
        try (OpsLogWriter log = spine.opsLogWriter()) {
            for (OpsLogEntry e : entries) {
                log.write(e);
            }
        }
        String incident = "FROM dwd_incident FINAL WHERE incident_id = '" + gaoming + "'";
        Waits.until("the closed outage with all " + entries.size() + " facts in dwd_incident", Duration.ofMinutes(1), 500,
                () -> warehouse.lines("SELECT concat(status, '|', toString(facts)) " + incident).equals(List.of("CLOSED|" + entries.size())));

        assertThat(warehouse.lines("SELECT concat_ws('|', incident_type, level, toString(confirmed), source, arrayStringConcat(department_ids, ','), "
                + "arrayStringConcat(window_ids, ','), toString(toUnixTimestamp64Milli(onset)), toString(toUnixTimestamp64Milli(restored_at)), "
                + "rule_version) " + incident))
                .containsExactly("SYSTEM_FAILURE|II|1|OPS_LOG|scjg|W01,W02|" + onset + "|" + (onset + minutes(105)) + "|" + CENTER + "/incident-e2e");
        assertThat(warehouse.lines("SELECT fact_type FROM dwd_incident_fact FINAL WHERE incident_id = '" + gaoming + "' ORDER BY at, fact_type"))
                .containsExactly("DETECTED", "ONSET", "VERBAL_REPORT", "RESPONSE_STARTED", "WORKAROUND", "CLOCK_PAUSE_DECLARED", "SERVICE_RESTORED",
                        "PAPER_REGISTERED", "PAPER_REGISTERED", "CLOSED");

        // As 重大 (II, clock minutes from the detection at the onset): reported, responded, worked around and restored in
        // time; the written report never came (附录C 信息报告: 2 h).
        assertThat(warehouse.lines("SELECT concat_ws('|', qualifier, status, toString(met), toString(toUnixTimestamp64Milli(due_at)), "
                + "ifNull(toString(toUnixTimestamp64Milli(actual_at)), '-')) FROM dwd_incident_deadline_current WHERE incident_id = '" + gaoming
                + "' ORDER BY qualifier")).containsExactlyInAnyOrder(
                "response|MET|1|" + (onset + minutes(15)) + "|" + (onset + minutes(12)),
                "restoration|MET|1|" + (onset + hours(4)) + "|" + (onset + minutes(105)),
                "verbalReport|MET|1|" + (onset + minutes(30)) + "|" + (onset + minutes(10)),
                "workaround|MET|1|" + (onset + minutes(30)) + "|" + (onset + minutes(15)),
                "writtenReport|UNMET|0|" + (onset + hours(2)) + "|-");

        // Cards: what stands is what the plain-Java replay of the same facts raises — the incident itself (II is raised at
        // once) and the missed written report. The job saw the facts one by one, hours after they happened, so it may
        // also have raised and then retracted cards that later facts met; none of those stands.
        List<IncidentFact> facts = warehouse.lines("SELECT fact_json FROM dwd_incident_fact FINAL WHERE incident_id = '" + gaoming + "'").stream()
                .map(new IncidentFactCodec()::decode).toList();
        Set<String> expected = standing(IncidentReplay.replay(facts, new IncidentTracker(options.plans, options.calendars), System.currentTimeMillis()));
        assertThat(expected).containsExactlyInAnyOrder("INCIDENT_RAISED|level=II|" + onset, "WRITTEN_REPORT_OVERDUE|writtenReport|" + (onset + hours(2)));
        String standing = "SELECT concat_ws('|', kind, qualifier, toString(toUnixTimestamp64Milli(instant))) FROM dwd_incident_card FINAL WHERE incident_id = '"
                + gaoming + "' GROUP BY card_id, kind, qualifier, instant HAVING countIf(status = 'RETRACTED') = 0";
        Waits.until("the standing cards in dwd_incident_card", Duration.ofSeconds(30), 500, () -> new TreeSet<>(warehouse.lines(standing)).equals(expected));
        assertThat(warehouse.number("SELECT count() FROM dwd_incident_card FINAL WHERE incident_id = '" + gaoming
                + "' AND JSONExtractString(card_json, 'cardId') != card_id")).as("each card's JSON is its evidence").isZero();
        assertThat(warehouse.number("SELECT count() FROM ods_dead_letter")).isZero();
    }

    @Test
    @Order(2)
    void theDeclaredPauseReachesTheCanonicalTopicForTheOpenCasesOfTheAffectedWindows() {
        // 应急停表 from the onset until service was restored, approved by the director 20 minutes in (IncidentScripts.gaoming)
        Waits.until("the declared pause's SUSPENDED and RESUMED on " + Topics.CASE_EVENTS, Duration.ofMinutes(1), 500,
                () -> pauseEvents(readCanonicalTopic()).size() >= 2);
        List<CaseEvent> events = readCanonicalTopic();
        List<CaseEvent> pauses = pauseEvents(events);
        assertThat(pauses.stream().map(e -> e.caseId + " " + e.eventType + "@" + e.businessTime).distinct()).as(
                "the case open at W01; not the one closed before the outage, not the one at W03, which the incident did not affect")
                .containsExactlyInAnyOrder("E2E-OPEN-W01 SUSPENDED@" + onset, "E2E-OPEN-W01 RESUMED@" + (onset + minutes(105)));
        assertThat(pauses).allSatisfy(e -> {
            assertThat(e.stepId).isEqualTo("incident:" + gaoming);
            assertThat(e.handler).isEqualTo(DIRECTOR);
            assertThat(e.reason).isEqualTo("应急停表 " + gaoming + " 网络/业务系统故障, 批准人 " + DIRECTOR + " " + Times.format(onset + minutes(20)));
            assertThat(e.departmentId).isEqualTo("scjg");
        });
        Waits.until("the pause events in ods_case_event", Duration.ofSeconds(30), 500, () -> warehouse.number(
                "SELECT uniqExact(event_id) FROM ods_case_event WHERE source_id = '" + PauseEvents.SOURCE_ID + "'") == 2);

        // The deadline engine on the case's canonical events: its 跟踪表 shows the pause with reason, incident, approver and when.
        List<CaseEvent> open = events.stream().filter(e -> e.caseId.equals("E2E-OPEN-W01")).toList();
        TrackingTable t = CaseTracker.perCenter().tracking(CaseFacts.of(open), System.currentTimeMillis());
        assertThat(t.pauses).singleElement().satisfies(p -> {
            assertThat(p.kind).isEqualTo(PauseRow.Kind.DECLARED);
            assertThat(p.incidentId).isEqualTo(gaoming);
            assertThat(p.approver).isEqualTo(DIRECTOR);
            assertThat(p.approvedAt).isEqualTo(onset + minutes(20));
            assertThat(p.from).isEqualTo(onset);
            assertThat(p.to).isEqualTo(onset + minutes(105));
            assertThat(p.reason).startsWith("应急停表 " + gaoming);
            assertThat(p.recordedAt).as("known once the ops log committed the declaration").isGreaterThan(onset + minutes(105));
        });
    }

    /**
     * Connect stops delivering lc (paused): nothing of lc reaches Kafka, so the detector suspects lc after 15 s of office
     * time. But a paused Debezium task keeps reading its source and making heartbeats; after the resume they arrive with
     * the times they were made, during the "silence". The source was alive and the gap was in our pipeline: the detector
     * dismisses its own suspicion (docs/incidents.md, "Silent source").
     */
    @Test
    @Order(3)
    void aSourceWhoseDeliveryIsPausedIsSuspectedThenDismissedWhenItsHeldHeartbeatsArrive() {
        ConnectRestClient connect = platform.connect().client();
        // lc is alive (Debezium heartbeats every 2 s): nothing suspected so far.
        Waits.until("lc's heartbeats reaching Kafka", Duration.ofSeconds(30), 500, () -> heartbeats("lc") > 0);
        assertThat(silenceIncidents()).isEmpty();

        long paused = System.currentTimeMillis();
        connect.pause(LC_CONNECTOR);
        connect.awaitState(LC_CONNECTOR, "PAUSED", Duration.ofSeconds(30));
        String id = awaitSuspected(paused);

        connect.resume(LC_CONNECTOR);
        connect.awaitState(LC_CONNECTOR, "RUNNING", Duration.ofSeconds(30));
        awaitStatus(id, "DISMISSED");
        assertThat(silenceFacts(id)).containsExactly("ONSET", "DISMISSED", "DETECTED");
    }

    /**
     * lc's connector is stopped: its task is shut down and reads nothing, as when the departmental system or the link to
     * it is down. Suspected after 15 s of office time; when lc speaks again (resumed), closed at that instant.
     */
    @Test
    @Order(4)
    void aSilentSourceIsSuspectedAndClosedAutomaticallyWhenItSpeaksAgain() {
        ConnectRestClient connect = platform.connect().client();
        long before = heartbeats("lc");
        Waits.until("lc's heartbeats flowing again", Duration.ofSeconds(30), 500, () -> heartbeats("lc") > before);

        long stopped = System.currentTimeMillis();
        connect.stop(LC_CONNECTOR);
        connect.awaitState(LC_CONNECTOR, "STOPPED", Duration.ofSeconds(30));
        String id = awaitSuspected(stopped);

        long resumed = System.currentTimeMillis();
        connect.resume(LC_CONNECTOR);
        connect.awaitState(LC_CONNECTOR, "RUNNING", Duration.ofSeconds(60));
        awaitStatus(id, "CLOSED");
        assertThat(silenceFacts(id)).containsExactly("ONSET", "DETECTED", "CLOSED", "SERVICE_RESTORED");
        assertThat(warehouse.number("SELECT toUnixTimestamp64Milli(restored_at) FROM dwd_incident FINAL WHERE incident_id = '" + id + "'"))
                .as("restored when lc spoke again").isGreaterThanOrEqualTo(resumed - 1_000);
    }

    /** Waits for the one new silence incident of lc and checks it: a suspected 业务系统故障 of scjg, detected after 15 s. */
    static String awaitSuspected(long silentFrom) {
        Set<String> known = new HashSet<>(silenceIncidents());
        Waits.until("a suspected incident for the silent source lc", Duration.ofSeconds(60), 500,
                () -> silenceIncidents().stream().anyMatch(i -> !known.contains(i)));
        String id = silenceIncidents().stream().filter(i -> !known.contains(i)).findFirst().orElseThrow();
        String[] f = warehouse.lines("SELECT concat_ws('|', status, incident_type, level, toString(confirmed), source, rule, "
                + "arrayStringConcat(department_ids, ','), toString(toUnixTimestamp64Milli(onset)), toString(toUnixTimestamp64Milli(detected))) "
                + "FROM dwd_incident FINAL WHERE incident_id = '" + id + "'").get(0).split("\\|");
        assertThat(String.join("|", List.of(f).subList(0, 7))).isEqualTo("SUSPECTED|SYSTEM_FAILURE|IV|0|DETECTOR|source-silence|scjg");
        long lastHeard = Long.parseLong(f[7]);
        long detected = Long.parseLong(f[8]);
        assertThat(lastHeard).as("the onset is lc's last activity seen, just before it fell silent").isBetween(silentFrom - 10_000, silentFrom + 5_000);
        assertThat(detected - lastHeard).as("detected after %s of office time", SILENCE).isEqualTo(SILENCE.toMillis());
        return id;
    }

    static void awaitStatus(String id, String status) {
        String query = "SELECT status FROM dwd_incident FINAL WHERE incident_id = '" + id + "'";
        try {
            Waits.until(id + " " + status, Duration.ofSeconds(60), 500, () -> warehouse.lines(query).equals(List.of(status)));
        } catch (IllegalStateException timedOut) {
            // Fall through: the assertion shows the status and the timeline.
        }
        assertThat(warehouse.lines(query)).as("status of %s, timeline %s", id, silenceFacts(id)).containsExactly(status);
    }

    static List<String> silenceIncidents() {
        return warehouse.lines("SELECT incident_id FROM dwd_incident FINAL WHERE startsWith(incident_id, 'auto-silence-lc-') ORDER BY incident_id");
    }

    /** The incident's timeline, fact types in order of time (ties by name). */
    static List<String> silenceFacts(String id) {
        return warehouse.lines("SELECT fact_type FROM dwd_incident_fact FINAL WHERE incident_id = '" + id + "' ORDER BY at, fact_type");
    }

    /** Writes one case of 市场监管局 into lc's database as its approval system does: submitted and accepted, maybe completed. */
    static void writeCase(String caseId, String window, long accepted, Long completed) throws Exception {
        Department.Item item = SCJG.items().get(0);
        List<CasePlan.Action> actions = new ArrayList<>();
        actions.add(new CasePlan.Action(CasePlan.ActionKind.SUBMIT, accepted - minutes(10), accepted - minutes(10), 0, null, null, null, null));
        actions.add(new CasePlan.Action(CasePlan.ActionKind.ACCEPT, accepted, accepted, 0, null, null, null, null));
        if (completed != null) {
            actions.add(new CasePlan.Action(CasePlan.ActionKind.COMPLETE, completed, completed, 0, null, null, null, CasePlan.Outcome.APPROVED));
        }
        CasePlan plan = new CasePlan(SCJG, caseId, 0, item, item.kind(), window, null, "430102199001011234", "13800138000", "张三", item.committed(),
                item.legal(), false, actions);
        try (LcWriter lc = new LcWriter(DriverManager.getConnection(platform.postgres().jdbcUrl(SourceDatabases.LC_DB), platform.postgres().user(), ""),
                Times.CHINA)) {
            for (CasePlan.Action a : actions) {
                lc.apply(plan, a);
                lc.commit();
            }
        }
    }

    /** Cards raised and not retracted, as "kind|qualifier|instant". */
    static Set<String> standing(List<IncidentCard> cards) {
        Set<String> retracted = new HashSet<>();
        cards.stream().filter(c -> c.status == CardStatus.RETRACTED).forEach(c -> retracted.add(c.cardId));
        Set<String> out = new TreeSet<>();
        cards.stream().filter(c -> c.status == CardStatus.RAISED && !retracted.contains(c.cardId))
                .forEach(c -> out.add(c.kind.name() + "|" + c.qualifier + "|" + c.instant));
        return out;
    }

    static List<CaseEvent> pauseEvents(List<CaseEvent> events) {
        return events.stream().filter(e -> PauseEvents.SOURCE_ID.equals(e.sourceId) && e.caseId.startsWith("E2E-"))
                .filter(e -> e.eventType == EventType.SUSPENDED || e.eventType == EventType.RESUMED).toList();
    }

    /** Every record of the canonical topic, from the beginning to its current end. */
    static List<CaseEvent> readCanonicalTopic() {
        CaseEventCodec codec = new CaseEventCodec();
        List<CaseEvent> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readTopic(Topics.CASE_EVENTS)) {
            out.add(codec.decode(r.value()));
        }
        return out;
    }

    /** How many heartbeats of {@code source} Kafka holds. */
    static long heartbeats(String source) {
        return readTopic("__debezium-heartbeat.xn.raw." + source).size();
    }

    static List<ConsumerRecord<byte[], byte[]>> readTopic(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka().bootstrapServers());
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }

    static long minutes(long n) {
        return n * 60_000L;
    }

    static long hours(long n) {
        return n * 3_600_000L;
    }
}
