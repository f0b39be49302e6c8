package cn.xiaoneng.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.testsupport.ClickHouseServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident impact views of V009 on a real ClickHouse, with the real migrations and rows whose figures were worked
 * out by hand (test resource incident-impact/rows.sql explains each one): the baseline skips a 春节 week, an hour with
 * its own incident and the weeks before the data, but not a dismissed false alarm nor another department's outage;
 * 事后补录 counts, lateness and what is still missing against the paper register. ThroughputImpactTest (incident-rules)
 * computes the same window figures in plain Java.
 */
class IncidentImpactViewsIT {
    private static final String DB = "incident_impact_it";

    @TempDir
    static Path serverDir;
    static ClickHouseServer server;

    @BeforeAll
    static void migrateAndLoad() throws IOException {
        server = ClickHouseServer.start(serverDir);
        new Migrator(ClickHouseConnection.builder(server.httpUrl()).database(DB).build()).migrate();
        String rows;
        try (InputStream in = IncidentImpactViewsIT.class.getResourceAsStream("/incident-impact/rows.sql")) {
            rows = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String statement : rows.split(";\n")) {
            String sql = statement.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + b + "\n").strip();
            if (!sql.isEmpty()) {
                server.query(sql.replace("INSERT INTO ", "INSERT INTO " + DB + "."));
            }
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static String query(String sql) {
        return server.query(sql.replace("${db}", DB));
    }

    @Test
    void eachHourIsComparedWithItsComparableWeeksOnly() {
        assertThat(query("SELECT scope, window_id, toString(piece_from), toString(piece_to), day_class, actual, weeks_back, baseline"
                + " FROM ${db}.dws_incident_throughput_hour WHERE incident_id = 'MAIN' ORDER BY scope, window_id, hour_start"))
                .as("09:30: week 2 had its own outage, week 4 is 春节, weeks 6-8 precede the data; 10:00: only week 4 is skipped")
                .isEqualTo("""
                        department\t\t2026-03-17 09:30:00\t2026-03-17 10:00:00\tWORKDAY\t2\t[1,3,5]\t7
                        department\t\t2026-03-17 10:00:00\t2026-03-17 10:30:00\tWORKDAY\t1\t[1,2,3,5]\t4
                        window\tW01\t2026-03-17 09:30:00\t2026-03-17 10:00:00\tWORKDAY\t2\t[1,3,5]\t6
                        window\tW01\t2026-03-17 10:00:00\t2026-03-17 10:30:00\tWORKDAY\t0\t[1,2,3,5]\t4""");
    }

    @Test
    void perDepartmentAndPerWindowTheIncidentIsItsHoursSummed() {
        assertThat(query("SELECT department_id, actual, baseline, round(ratio, 4), shortfall, hours, hours_without_baseline, weeks_used_min"
                + " FROM ${db}.dws_incident_throughput WHERE incident_id = 'MAIN'"))
                .as("W01 and W02: 2 + 1 against (6 + 3 + 8 + 4) / 3 + (4 + 2 + 6 + 4) / 4")
                .isEqualTo("scjg\t3\t11\t0.2727\t8\t2\t0\t3");
        assertThat(query("SELECT window_id, department_id, actual, baseline, ratio, shortfall FROM ${db}.dws_incident_throughput_window"
                + " WHERE incident_id = 'MAIN'"))
                .isEqualTo("W01\tscjg\t2\t10\t0.2\t8");
        assertThat(query("SELECT incident_id, baseline FROM ${db}.dws_incident_throughput WHERE incident_id IN ('EARLIER', 'OTHER-DEPT')"
                + " ORDER BY incident_id"))
                .as("EARLIER: 02-24 (8) and 02-10 (4), 春节 skipped; OTHER-DEPT: rsj accepted nothing on 02-10")
                .isEqualTo("EARLIER\t6\nOTHER-DEPT\t0");
    }

    @Test
    void withoutAComparableWeekThereIsNoBaselineRatherThanAZeroOne() {
        assertThat(query("SELECT actual, baseline, ratio, shortfall, hours_without_baseline FROM ${db}.dws_incident_throughput"
                + " WHERE incident_id = 'TOO-EARLY'"))
                .isEqualTo("0\t\\N\t\\N\t\\N\t1");
    }

    @Test
    void anOpenIncidentRunsToTheBusinessNowAndADismissedOneIsNone() {
        assertThat(query("SELECT toString(to_t), actual, hours FROM ${db}.dws_incident_throughput WHERE incident_id = 'STILL-OPEN'"))
                .isEqualTo("2026-03-17 10:11:00\t9\t2");
        assertThat(query("SELECT count() FROM ${db}.dws_incident_throughput_hour WHERE incident_id = 'FALSE-ALARM'")).isEqualTo("0");
        assertThat(query("SELECT count() FROM ${db}.dws_incident_backfill WHERE incident_id = 'FALSE-ALARM'")).isEqualTo("0");
    }

    @Test
    void backfillCountsCasesEnteredLateHowLateAndHowManyAreStillMissing() {
        assertThat(query("SELECT department_id, in_scope, backfilled, lateness_p50_ms, lateness_max_ms, toString(last_entered_at),"
                + " paper_registered, missing FROM ${db}.dws_incident_backfill WHERE incident_id = 'MAIN'"))
                .as("c1-c4 in scope; c2, c3, c4 entered 2 h, 1 h, 4 h late (lower median 2 h); register 5, 3 entered")
                .isEqualTo("scjg\t4\t3\t7200000\t14400000\t2026-03-17 14:05:00.000\t5\t2");
        assertThat(query("SELECT window_id, registered, backfilled, missing, lateness_max_ms, department_ids"
                + " FROM ${db}.dws_incident_backfill_window WHERE incident_id = 'MAIN'"))
                .isEqualTo("W01\t5\t3\t2\t14400000\t['scjg']");
        assertThat(query("SELECT in_scope, backfilled, paper_registered, missing FROM ${db}.dws_incident_backfill"
                + " WHERE incident_id = 'EARLIER'"))
                .as("no case, no register: zeros and unknowns, not a register of another incident")
                .isEqualTo("0\t0\t\\N\t\\N");
    }

    @Test
    void theFiguresDoNotDependOnJoinUseNulls() {
        for (String view : new String[] {"dws_incident_throughput_hour", "dws_incident_backfill", "dws_incident_backfill_window"}) {
            String sql = "SELECT * FROM ${db}." + view + " ORDER BY ALL";
            assertThat(query(sql + " SETTINGS join_use_nulls = 1")).as(view).isEqualTo(query(sql + " SETTINGS join_use_nulls = 0"));
        }
    }

    @Test
    void theV008GrainIsKeptOneRowPerIncidentAndAffectedDepartment() {
        assertThat(query("SELECT incident_id, count() FROM ${db}.dws_incident_throughput GROUP BY incident_id ORDER BY incident_id"))
                .isEqualTo("EARLIER\t1\nMAIN\t1\nOTHER-DEPT\t1\nSTILL-OPEN\t1\nTOO-EARLY\t1");
        assertThat(query("SELECT incident_id, count() FROM ${db}.dws_incident_backfill GROUP BY incident_id ORDER BY incident_id"))
                .isEqualTo("EARLIER\t1\nMAIN\t1\nOTHER-DEPT\t1\nSTILL-OPEN\t1\nTOO-EARLY\t1");
    }
}
