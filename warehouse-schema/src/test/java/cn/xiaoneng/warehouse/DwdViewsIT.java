package cn.xiaoneng.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.testsupport.ClickHouseServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DWD case and step tables on a real server: their {@code *_current} views agree with the truth computed from
 * {@code ods_case_event} itself, replays change nothing, and V010 (views without GROUP BY) upgrades a warehouse that
 * already holds data from V009's views without losing a 补正 or 中止 count or a step.
 */
class DwdViewsIT {
    private static final String UPGRADED = "dwd_upgraded";
    private static final String FRESH = "dwd_fresh";
    /** The last migration before the views lost their GROUP BY. */
    private static final int BEFORE = 9;

    @TempDir
    static Path serverDir;
    @TempDir
    static Path oldMigrations;
    static ClickHouseServer server;

    @BeforeAll
    static void start() {
        server = ClickHouseServer.start(serverDir);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** Case A: accepted, two 补正 (one replayed), a 中止, two steps, completed. Case B: accepted, a step started. */
    private static final String FIRST_EVENTS = """
            ('a1', 'A', 'ACCEPTED', NULL, NULL, '2026-03-02 09:00:00'),
            ('a2', 'A', 'SUPPLEMENT_REQUESTED', NULL, '缺身份证复印件', '2026-03-02 10:00:00'),
            ('a2', 'A', 'SUPPLEMENT_REQUESTED', NULL, '缺身份证复印件', '2026-03-02 10:00:00'),
            ('a3', 'A', 'STEP_STARTED', 's1', NULL, '2026-03-02 11:00:00'),
            ('a4', 'A', 'SUSPENDED', NULL, '现场勘验', '2026-03-03 09:00:00'),
            ('b1', 'B', 'ACCEPTED', NULL, NULL, '2026-03-02 09:30:00'),
            ('b2', 'B', 'STEP_STARTED', 'b-s1', NULL, '2026-03-02 09:40:00')""";

    /** After the upgrade: a replay of a 补正 and of an acceptance, a new 补正, steps ending, A completed. */
    private static final String LATER_EVENTS = """
            ('a2', 'A', 'SUPPLEMENT_REQUESTED', NULL, '缺身份证复印件', '2026-03-02 10:00:00'),
            ('a1', 'A', 'ACCEPTED', NULL, NULL, '2026-03-02 09:00:00'),
            ('a5', 'A', 'SUPPLEMENT_REQUESTED', NULL, '缺营业执照', '2026-03-04 09:00:00'),
            ('a6', 'A', 'STEP_COMPLETED', 's1', '同意', '2026-03-04 15:00:00'),
            ('a7', 'A', 'COMPLETED', NULL, NULL, '2026-03-05 10:00:00'),
            ('b3', 'B', 'STEP_COMPLETED', 'b-s1', '同意', '2026-03-03 10:00:00')""";

    @Test
    void anUpgradedWarehouseAndAFreshOneAgreeWithTheEventsThemselves() throws IOException {
        try (URLClassLoader upToV9 = new URLClassLoader(new URL[] {copyMigrationsUpTo(BEFORE).toUri().toURL()}, null)) {
            new Migrator(connection(UPGRADED), "db/migration", upToV9).migrate();
        }
        insert(UPGRADED, FIRST_EVENTS);
        new Migrator(connection(UPGRADED)).migrate();
        insert(UPGRADED, LATER_EVENTS);

        new Migrator(connection(FRESH)).migrate();
        insert(FRESH, FIRST_EVENTS);
        insert(FRESH, LATER_EVENTS);

        for (String db : new String[] {UPGRADED, FRESH}) {
            assertThat(query("SELECT case_id, toString(accepted_at), toString(closed_at), closing_type, supplement_requests, suspensions, "
                    + "window_id, toString(last_event_at) FROM " + db + ".dwd_case_current ORDER BY case_id"))
                    .as(db)
                    .isEqualTo("""
                            A\t2026-03-02 09:00:00.000\t2026-03-05 10:00:00.000\tCOMPLETED\t2\t1\tW1\t2026-03-05 10:00:00.000
                            B\t2026-03-02 09:30:00.000\t\\N\t\\N\t0\t0\tW1\t2026-03-03 10:00:00.000
                            """.stripTrailing());
            assertThat(query("SELECT case_id, step_id, toString(started_at), toString(ended_at), opinion FROM " + db
                    + ".dwd_case_step_current ORDER BY case_id, step_id"))
                    .as(db)
                    .isEqualTo("""
                            A\ts1\t2026-03-02 11:00:00.000\t2026-03-04 15:00:00.000\t同意
                            B\tb-s1\t2026-03-02 09:40:00.000\t2026-03-03 10:00:00.000\t同意
                            """.stripTrailing());
            // The truth from the events themselves, replays removed.
            assertThat(query("SELECT case_id, uniqExactIf(event_id, event_type = 'SUPPLEMENT_REQUESTED'), "
                    + "uniqExactIf(event_id, event_type = 'SUSPENDED') FROM " + db + ".ods_case_event GROUP BY case_id ORDER BY case_id"))
                    .isEqualTo("A\t2\t1\nB\t0\t0");
            assertThat(query("SELECT name FROM system.columns WHERE database = '" + db + "' AND table = 'dwd_case' "
                    + "AND type LIKE 'AggregateFunction%'")).as("no aggregate states left in " + db).isEmpty();
        }
    }

    private static void insert(String db, String values) {
        server.query("INSERT INTO " + db + ".ods_case_event (event_id, case_id, event_type, step_id, reason, business_time, "
                + "schema_version, center_id, department_id, department_ids, window_id, source_commit_time, source_id, "
                + "source_table, source_position) SELECT e.1, e.2, e.3, e.4, e.5, toDateTime64(e.6, 3, 'Asia/Shanghai'), 1, "
                + "'hn-cs', 'ex', ['ex'], 'W1', toDateTime64(e.6, 3, 'Asia/Shanghai'), 'ex', 'ex_step_log', e.1 "
                + "FROM (SELECT arrayJoin([" + values + "]) AS e)");
    }

    /** TSV without the trailing newline. */
    private static String query(String sql) {
        return server.query(sql + " FORMAT TSV");
    }

    private static ClickHouseConnection connection(String db) {
        return ClickHouseConnection.builder(server.httpUrl()).database(db).build();
    }

    /** The project's migrations V001 … V{@code last}, byte for byte, in a folder db/migration under a new root. */
    private static Path copyMigrationsUpTo(int last) throws IOException {
        Path folder = Files.createDirectories(oldMigrations.resolve("db/migration"));
        for (Migration m : new Migrator(ClickHouseConnection.of("http://127.0.0.1:1")).migrations()) {
            if (m.version() <= last) {
                try (InputStream in = DwdViewsIT.class.getClassLoader().getResourceAsStream("db/migration/" + m.script())) {
                    assertThat(in).as(m.script()).isNotNull();
                    Files.write(folder.resolve(m.script()), in.readAllBytes());
                }
            }
        }
        return oldMigrations;
    }
}
