package cn.xiaoneng.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The CDC chain on real servers: PostgreSQL and MariaDB → Debezium connectors on a Kafka Connect worker → raw topics.
 * One platform for the class; the last test replaces the worker, so it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CdcSmokeIT {
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(60);
    private static final String PG_TOPIC = "xn.raw.smoke.pg.public.cases";
    private static final String MARIA_TOPIC = "xn.raw.smoke.maria.dept_b.cases";

    private static LocalPlatform platform;
    private static long[] pids;
    private static ChangeEventReader pgEvents;
    private static ChangeEventReader mariaEvents;

    @BeforeAll
    static void startPlatformAndConnectors() {
        long t0 = System.nanoTime();
        platform = LocalPlatform.builder().postgres().mariaDb().connect().start(TestDirs.fresh("cdc-smoke"));
        System.out.printf("platform ready in %d ms; per server: %s%n", (System.nanoTime() - t0) / 1_000_000,
                platform.startTimes());
        System.out.println("endpoints: " + platform.endpoints());
        pids = new long[] {platform.postgres().pid(), platform.mariaDb().pid(), platform.kafka().pid()};

        PostgresServer pg = platform.postgres();
        pg.createDatabase("dept_a");
        pg.execute("dept_a",
                "CREATE TABLE cases (id bigint PRIMARY KEY, status text NOT NULL, accepted_at timestamptz NOT NULL)",
                // Without FULL, updates carry no before image and deletes only the key.
                "ALTER TABLE cases REPLICA IDENTITY FULL",
                "CREATE PUBLICATION xn_smoke_pub FOR TABLE cases",
                "CREATE ROLE cdc LOGIN REPLICATION",
                "GRANT SELECT ON cases TO cdc",
                "INSERT INTO cases VALUES (1, 'submitted', '2026-03-02 09:30:00+08')");

        MariaDbServer maria = platform.mariaDb();
        maria.createDatabase("dept_b");
        maria.createCdcUser("cdc", "cdc-secret");
        maria.execute("dept_b",
                "CREATE TABLE cases (id BIGINT PRIMARY KEY, status_code CHAR(2) NOT NULL, accepted_at DATETIME(3) NOT NULL)",
                "INSERT INTO cases VALUES (1, '01', '2026-03-02 09:30:00')");

        ConnectRestClient connect = platform.connect().client();
        assertThat(connect.putConnector("smoke-pg", pgConnector(pg))).isTrue();
        assertThat(connect.putConnector("smoke-maria", mariaConnector(maria))).isTrue();
        connect.awaitRunning("smoke-pg", RUNNING_TIMEOUT);
        connect.awaitRunning("smoke-maria", RUNNING_TIMEOUT);
        System.out.printf("connectors running %d ms after start%n", (System.nanoTime() - t0) / 1_000_000);

        pgEvents = new ChangeEventReader(platform.kafka().bootstrapServers(), PG_TOPIC);
        mariaEvents = new ChangeEventReader(platform.kafka().bootstrapServers(), MARIA_TOPIC);
    }

    @AfterAll
    static void stopEverything() {
        long connectPid = platform == null ? -1 : platform.connect().pid(); // the replacement worker, if test 4 ran
        for (AutoCloseable c : new AutoCloseable[] {pgEvents, mariaEvents, platform}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("cleanup: " + e);
            }
        }
        assertThat(ProcessHandle.of(connectPid).filter(ProcessHandle::isAlive)).as("Connect worker after close").isEmpty();
        if (pids != null) {
            for (long pid : pids) {
                assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("process %d after close", pid).isEmpty();
            }
        }
    }

    static Map<String, String> pgConnector(PostgresServer pg) {
        return Map.ofEntries(
                Map.entry("connector.class", "io.debezium.connector.postgresql.PostgresConnector"),
                Map.entry("tasks.max", "1"),
                Map.entry("database.hostname", "127.0.0.1"),
                Map.entry("database.port", Integer.toString(pg.port())),
                Map.entry("database.user", "cdc"),
                Map.entry("database.password", ""),
                Map.entry("database.dbname", "dept_a"),
                Map.entry("topic.prefix", "xn.raw.smoke.pg"),
                Map.entry("plugin.name", "pgoutput"),
                Map.entry("slot.name", "xn_smoke"),
                Map.entry("publication.name", "xn_smoke_pub"),
                Map.entry("publication.autocreate.mode", "disabled"),
                Map.entry("table.include.list", "public.cases"),
                Map.entry("time.precision.mode", "connect"),
                Map.entry("poll.interval.ms", "100"));
    }

    static Map<String, String> mariaConnector(MariaDbServer maria) {
        return Map.ofEntries(
                Map.entry("connector.class", "io.debezium.connector.mariadb.MariaDbConnector"),
                Map.entry("tasks.max", "1"),
                Map.entry("database.hostname", "127.0.0.1"),
                Map.entry("database.port", Integer.toString(maria.port())),
                Map.entry("database.user", "cdc"),
                Map.entry("database.password", "cdc-secret"),
                Map.entry("database.server.id", "5401"),
                Map.entry("topic.prefix", "xn.raw.smoke.maria"),
                Map.entry("database.include.list", "dept_b"),
                Map.entry("table.include.list", "dept_b.cases"),
                Map.entry("include.schema.changes", "false"),
                Map.entry("schema.history.internal.kafka.bootstrap.servers", platform.kafka().bootstrapServers()),
                Map.entry("schema.history.internal.kafka.topic", "xn.raw.smoke.maria.schema-history"),
                Map.entry("time.precision.mode", "connect"),
                Map.entry("poll.interval.ms", "100"));
    }

    @Test
    @Order(1)
    void workerHasTheDebeziumPlugins() {
        assertThat(platform.connect().client().plugins()).extracting(ConnectRestClient.ConnectorPlugin::className)
                .contains("io.debezium.connector.postgresql.PostgresConnector", "io.debezium.connector.mariadb.MariaDbConnector");
    }

    @Test
    @Order(2)
    void postgresSnapshotInsertAndUpdateArriveWithBeforeAndAfterImages() {
        JsonNode snapshot = pgEvents.awaitEvent("r", "id", 1, EVENT_TIMEOUT);
        assertThat(snapshot.path("after").path("status").asText()).isEqualTo("submitted");

        PostgresServer pg = platform.postgres();
        pg.execute("dept_a", "INSERT INTO cases VALUES (2, 'submitted', '2026-03-02 10:00:00+08')");
        pg.execute("dept_a", "UPDATE cases SET status = 'accepted' WHERE id = 2");

        JsonNode insert = pgEvents.awaitEvent("c", "id", 2, EVENT_TIMEOUT);
        assertThat(insert.path("before").isNull()).isTrue();
        assertThat(insert.path("after").path("status").asText()).isEqualTo("submitted");
        assertThat(insert.path("source").path("table").asText()).isEqualTo("cases");

        JsonNode update = pgEvents.awaitEvent("u", "id", 2, EVENT_TIMEOUT);
        assertThat(update.path("before").path("status").asText()).isEqualTo("submitted");
        assertThat(update.path("after").path("status").asText()).isEqualTo("accepted");
        // time.precision.mode=connect: timestamptz arrives as an ISO-8601 string in UTC.
        assertThat(Instant.parse(update.path("after").path("accepted_at").asText())).isEqualTo("2026-03-02T02:00:00Z");
    }

    @Test
    @Order(3)
    void mariaDbSnapshotInsertAndUpdateArriveWithBeforeAndAfterImages() {
        JsonNode snapshot = mariaEvents.awaitEvent("r", "id", 1, EVENT_TIMEOUT);
        assertThat(snapshot.path("after").path("status_code").asText()).isEqualTo("01");

        MariaDbServer maria = platform.mariaDb();
        maria.execute("dept_b", "INSERT INTO cases VALUES (2, '01', '2026-03-02 10:00:00')");
        maria.execute("dept_b", "UPDATE cases SET status_code = '02' WHERE id = 2");

        JsonNode insert = mariaEvents.awaitEvent("c", "id", 2, EVENT_TIMEOUT);
        assertThat(insert.path("before").isNull()).isTrue();
        assertThat(insert.path("after").path("status_code").asText()).isEqualTo("01");

        JsonNode update = mariaEvents.awaitEvent("u", "id", 2, EVENT_TIMEOUT);
        assertThat(update.path("before").path("status_code").asText()).isEqualTo("01");
        assertThat(update.path("after").path("status_code").asText()).isEqualTo("02");
        // DATETIME with time.precision.mode=connect: epoch milliseconds (a Connect Timestamp).
        assertThat(update.path("after").path("accepted_at").asLong()).isEqualTo(1772445600000L);
    }

    @Test
    @Order(4)
    void newWorkerResumesFromStoredOffsetsAfterTheOldOneStopped() {
        // Both connectors have streamed before the stop (row 1 snapshot at least), so offsets are stored.
        pgEvents.awaitEvent("r", "id", 1, EVENT_TIMEOUT);
        mariaEvents.awaitEvent("r", "id", 1, EVENT_TIMEOUT);
        long stoppedPid = platform.connect().pid();
        platform.stopConnect();
        assertThat(ProcessHandle.of(stoppedPid).filter(ProcessHandle::isAlive)).isEmpty();

        // Written while no worker runs: only stored offsets (PG slot LSN, binlog position) lead a new worker here.
        platform.postgres().execute("dept_a", "INSERT INTO cases VALUES (3, 'submitted', '2026-03-02 11:00:00+08')");
        platform.mariaDb().execute("dept_b", "INSERT INTO cases VALUES (3, '01', '2026-03-02 11:00:00')");

        long t0 = System.nanoTime();
        KafkaConnectWorker worker = platform.startConnect();
        System.out.printf("second worker ready in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(worker.client().connectors()).containsExactlyInAnyOrder("smoke-pg", "smoke-maria");
        worker.client().awaitRunning("smoke-pg", RUNNING_TIMEOUT);
        worker.client().awaitRunning("smoke-maria", RUNNING_TIMEOUT);

        assertThat(pgEvents.awaitEvent("c", "id", 3, EVENT_TIMEOUT).path("after").path("status").asText()).isEqualTo("submitted");
        assertThat(mariaEvents.awaitEvent("c", "id", 3, EVENT_TIMEOUT).path("after").path("status_code").asText()).isEqualTo("01");
        // Resumed, not restarted: no second snapshot of row 1.
        assertThat(snapshotsOfRow1(pgEvents.events())).isEqualTo(1);
        assertThat(snapshotsOfRow1(mariaEvents.events())).isEqualTo(1);
    }

    private static long snapshotsOfRow1(List<JsonNode> events) {
        return events.stream().filter(e -> "r".equals(e.path("op").asText()) && e.path("after").path("id").asLong() == 1).count();
    }
}
