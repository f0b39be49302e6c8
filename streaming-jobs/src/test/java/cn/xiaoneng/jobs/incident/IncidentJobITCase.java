package cn.xiaoneng.jobs.incident;

import static cn.xiaoneng.jobs.incident.IncidentFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.deadline.engine.CardStatus;
import cn.xiaoneng.deadline.engine.Calendars;
import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.IncidentFactCodec;
import cn.xiaoneng.incident.engine.IncidentCard;
import cn.xiaoneng.incident.engine.IncidentReplay;
import cn.xiaoneng.incident.engine.IncidentTracker;
import cn.xiaoneng.incident.plan.IncidentPlans;
import cn.xiaoneng.ingestion.simulator.OpsLogEntry;
import cn.xiaoneng.jobs.clickhouse.ClickHouseSink;
import cn.xiaoneng.jobs.clickhouse.JsonRowEncoder;
import cn.xiaoneng.jobs.deadline.EngineClock;
import cn.xiaoneng.jobs.normalize.RawChange;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseEventCodec;
import cn.xiaoneng.model.DeadLetter;
import cn.xiaoneng.testsupport.ClickHouseServer;
import cn.xiaoneng.warehouse.ClickHouseConnection;
import cn.xiaoneng.warehouse.Migrator;
import cn.xiaoneng.warehouse.Tables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole incident dataflow on a MiniCluster with bounded inputs and the real ClickHouse tables (V008): the 佛山高明
 * outage replayed on Tuesday 2026-03-03 at scjg (as the ops-log records Debezium would publish, one of them malformed),
 * source lc silent from 10:00 to 10:30, and scjg's cases. The clock follows the data (a replay), then the inputs end.
 */
class IncidentJobITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    static Path clickhouseDir;
    static ClickHouseServer clickhouse;
    static ClickHouseConnection warehouse;

    @BeforeAll
    static void startClickHouse() {
        clickhouse = ClickHouseServer.start(clickhouseDir);
        warehouse = ClickHouseConnection.builder(clickhouse.httpUrl()).database("incident_it").build();
        new Migrator(warehouse).migrate();
    }

    @AfterAll
    static void stopClickHouse() {
        if (clickhouse != null) {
            clickhouse.stop();
        }
    }

    private String query(String sql) {
        return clickhouse.query(sql.replace("${db}", warehouse.database())).strip();
    }

    @Test
    void theGaomingOutageAndASilentSourceGoThroughTheWholeDataflowIntoClickHouse() throws Exception {
        List<OpsLogEntry> entries = gaomingEntries();
        List<RawChange> opsLog = new ArrayList<>(opsLogRecords(entries));
        RawChange malformed = opsLogRecords(List.of(OpsLogEntry.of(CENTER, "GM-X", "电话通知", ONSET_TUESDAY_0815, ONSET_TUESDAY_0815 + 60_000)))
                .get(0);
        malformed.offset = 99;
        opsLog.add(malformed);
        List<IncidentFact> facts = facts(opsLogRecords(entries));
        List<SourceActivity> activity = new ArrayList<>();
        for (int m = 0; m <= 10; m++) {
            activity.add(heartbeat("lc", String.format("2026-03-03T09:%02d:00", 50 + m).replace("T09:60", "T10:00")));
        }
        activity.add(heartbeat("lc", "2026-03-03T10:30:00"));
        List<CaseEvent> cases = List.of(accepted("OPEN-MON", "W01", "2026-03-02T10:00:00"), accepted("CLOSED-MON", "W02", "2026-03-02T09:30:00"),
                completed("CLOSED-MON", "2026-03-02T15:00:00"), accepted("AFTER-ONSET", "W01", "2026-03-03T09:00:00"));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        Sinks sinks = new Sinks(warehouse);
        IncidentJob.Rules rules = new IncidentJob.Rules(IncidentPlans.centers(), Calendars.centers(),
                Map.of("lc", new SourceSilenceFunction.Owner(CENTER, DEPARTMENT)), Duration.ofDays(7), Duration.ofDays(400));
        IncidentJob.defineWorkflow(env, new IncidentJob.Inputs(source(opsLog, new RawLines(), RawChange.class),
                        source(activity, new ActivityLines(), SourceActivity.class), source(cases, new CaseLines(), CaseEvent.class),
                        source(facts, new FactLines(), IncidentFact.class)),
                new EngineClock.Settings(Duration.ofSeconds(5), Duration.ofMillis(400), Duration.ofSeconds(30), Duration.ofDays(3650)), () -> 0L, rules,
                sinks);
        long started = System.nanoTime();
        env.executeAsync("incident-it");
        List<IncidentCard> cards = drain(sinks.cards);
        List<IncidentFact> produced = drain(sinks.newFacts);
        List<DeadLetter> deadLetters = drain(sinks.deadLetters);
        List<CaseEvent> pauses = drain(sinks.pauses);
        System.out.printf("incident job IT: dataflow done in %d ms%n", (System.nanoTime() - started) / 1_000_000);

        // Cards: exactly what the plain-Java replay emits; as 重大 the incident is raised at once and the written report is missed.
        assertThat(cards).containsExactlyInAnyOrderElementsOf(IncidentReplay.replay(facts, IncidentTracker.perCenter(), Long.MAX_VALUE - 1));
        assertThat(cards).filteredOn(c -> c.status == CardStatus.RAISED).extracting(c -> c.kind + "@" + c.instant)
                .containsExactlyInAnyOrder("INCIDENT_RAISED@" + ONSET_TUESDAY_0815, "WRITTEN_REPORT_OVERDUE@" + local("2026-03-03T10:15:00"));

        // Facts in: the ops log's entries mapped, the bad one dead-lettered, lc's half-hour silence detected and closed.
        assertThat(produced).filteredOn(f -> f.incidentId.equals(GAOMING)).extracting(f -> f.factId)
                .containsExactlyElementsOf(facts.stream().map(f -> f.factId).toList());
        assertThat(produced).filteredOn(f -> f.incidentId.equals("auto-silence-lc-20260303T100000.000")).extracting(f -> f.factType + "@" + f.at)
                .containsExactly("ONSET@" + local("2026-03-03T10:00:00"), "DETECTED@" + local("2026-03-03T10:10:00"),
                        "SERVICE_RESTORED@" + local("2026-03-03T10:30:00"), "CLOSED@" + local("2026-03-03T10:30:00"));
        assertThat(produced).as("the end of the input is a silence too: lc is suspected again 10 minutes after its last heartbeat")
                .filteredOn(f -> f.incidentId.equals("auto-silence-lc-20260303T103000.000")).extracting(f -> f.factType + "@" + f.at)
                .containsExactly("ONSET@" + local("2026-03-03T10:30:00"), "DETECTED@" + local("2026-03-03T10:40:00"));
        assertThat(deadLetters).singleElement().satisfies(d -> {
            assertThat(d.reasonCode).isEqualTo("UNKNOWN_CODE");
            assertThat(d.reason).contains("电话通知");
        });

        // The declared pause reached the one scjg case open at 08:15, with its end.
        assertThat(pauses.stream().map(e -> e.caseId + " " + e.eventType + "@" + e.businessTime).distinct())
                .containsExactlyInAnyOrder("OPEN-MON SUSPENDED@" + ONSET_TUESDAY_0815, "OPEN-MON RESUMED@" + RESTORED_1000);

        // The warehouse: the incident, its plan deadlines (due, actual, met or missed), its cards with their JSON, its facts.
        assertThat(query("SELECT status, level, confirmed, length(department_ids) FROM ${db}.dwd_incident FINAL WHERE incident_id = '" + GAOMING + "'"))
                .isEqualTo("CLOSED\tII\t1\t1");
        assertThat(query("SELECT qualifier, status, met, toString(due_at), toString(actual_at) FROM ${db}.dwd_incident_deadline_current "
                + "WHERE incident_id = '" + GAOMING + "' ORDER BY qualifier"))
                .contains("verbalReport\tMET\t1\t2026-03-03 08:45:00.000\t2026-03-03 08:25:00.000")
                .contains("writtenReport\tUNMET\t0\t2026-03-03 10:15:00.000\t\\N")
                .contains("response\tMET\t1\t2026-03-03 08:30:00.000\t2026-03-03 08:27:00.000");
        assertThat(query("SELECT count() FROM ${db}.dwd_incident_card FINAL WHERE incident_id = '" + GAOMING
                + "' AND status = 'RAISED' AND JSONExtractString(card_json, 'cardId') = card_id")).isEqualTo("2");
        assertThat(query("SELECT count() FROM ${db}.dwd_incident_fact FINAL WHERE incident_id = '" + GAOMING + "'"))
                .isEqualTo(String.valueOf(facts.size()));
        assertThat(query("SELECT status FROM ${db}.dwd_incident FINAL WHERE startsWith(incident_id, 'auto-silence-lc-')")).isEmpty();
        assertThat(query("SELECT count() FROM ${db}.dws_incident_backfill WHERE incident_id = '" + GAOMING + "'")).isEqualTo("1");
        assertThat(query("SELECT count() FROM ${db}.dws_incident_throughput WHERE incident_id = '" + GAOMING + "'")).isEqualTo("1");
    }

    private static <T> List<T> drain(CloseableIterator<T> it) throws Exception {
        List<T> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    /** Incidents, facts and checks into ClickHouse through the production encoders; everything else collected. */
    static final class Sinks implements IncidentSinks {
        private final ClickHouseConnection c;
        CloseableIterator<IncidentCard> cards;
        CloseableIterator<IncidentFact> newFacts;
        CloseableIterator<DeadLetter> deadLetters;
        CloseableIterator<CaseEvent> pauses;

        Sinks(ClickHouseConnection c) {
            this.c = c;
        }

        private <T> void clickHouse(DataStream<T> s, String table, JsonRowEncoder<T> encoder) {
            s.sinkTo(ClickHouseSink.<T>builder().connection(c).table(table).encoder(encoder).build()).name(table);
        }

        @Override
        public void newFacts(DataStream<IncidentFact> facts) {
            newFacts = facts.collectAsync();
        }

        @Override
        public void deadLetters(DataStream<DeadLetter> d) {
            deadLetters = d.collectAsync();
        }

        @Override
        public void cards(DataStream<IncidentCard> s) {
            cards = s.collectAsync();
            clickHouse(s, Tables.DWD_INCIDENT_CARD, new IncidentRows.CardRow());
        }

        @Override
        public void incidents(DataStream<IncidentRow> s) {
            clickHouse(s, Tables.DWD_INCIDENT, new IncidentRows.IncidentTableRow());
        }

        @Override
        public void timeline(DataStream<IncidentFact> s) {
            clickHouse(s, Tables.DWD_INCIDENT_FACT, new IncidentRows.FactRow());
        }

        @Override
        public void checks(DataStream<PlanCheckRow> s) {
            clickHouse(s, Tables.DWD_INCIDENT_DEADLINE, new IncidentRows.CheckRow());
        }

        @Override
        public void pauseEvents(DataStream<CaseEvent> events) {
            pauses = events.collectAsync();
        }
    }

    private static <T> DataGeneratorSource<T> source(List<T> items, Lines<T> lines, Class<T> type) {
        return new DataGeneratorSource<>(lines.with(items.stream().map(lines::encode).toList()), items.size(), RateLimiterStrategy.noOp(),
                TypeInformation.of(type));
    }

    /** Bounded test input: records travel as text lines (the POJOs are not Java-serializable) and are decoded per index. */
    abstract static class Lines<T> implements GeneratorFunction<Long, T> {
        List<String> lines;

        Lines<T> with(List<String> l) {
            this.lines = new ArrayList<>(l);
            return this;
        }

        abstract String encode(T t);

        abstract T decode(String line);

        @Override
        public T map(Long index) {
            return decode(lines.get(index.intValue()));
        }
    }

    static final class CaseLines extends Lines<CaseEvent> {
        @Override
        String encode(CaseEvent e) {
            return new String(new CaseEventCodec().encode(e), StandardCharsets.UTF_8);
        }

        @Override
        CaseEvent decode(String line) {
            return new CaseEventCodec().decode(line.getBytes(StandardCharsets.UTF_8));
        }
    }

    static final class FactLines extends Lines<IncidentFact> {
        @Override
        String encode(IncidentFact f) {
            return new IncidentFactCodec().encodeToString(f);
        }

        @Override
        IncidentFact decode(String line) {
            return new IncidentFactCodec().decode(line);
        }
    }

    static final class ActivityLines extends Lines<SourceActivity> {
        @Override
        String encode(SourceActivity a) {
            return a.sourceId + "|" + a.at + "|" + a.heartbeat;
        }

        @Override
        SourceActivity decode(String line) {
            String[] p = line.split("\\|");
            return new SourceActivity(p[0], Long.parseLong(p[1]), Boolean.parseBoolean(p[2]));
        }
    }

    static final class RawLines extends Lines<RawChange> {
        @Override
        String encode(RawChange r) {
            return r.topic + "|" + r.partition + "|" + r.offset + "|" + r.kafkaTimestamp + "|" + Base64.getEncoder().encodeToString(r.value);
        }

        @Override
        RawChange decode(String line) {
            String[] p = line.split("\\|");
            return new RawChange(p[0], Integer.parseInt(p[1]), Long.parseLong(p[2]), null, Base64.getDecoder().decode(p[4]), Long.parseLong(p[3]));
        }
    }
}
