package cn.xiaoneng.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.xiaoneng.model.Times;
import cn.xiaoneng.testsupport.ClickHouseServer;
import cn.xiaoneng.testsupport.TestDirs;
import cn.xiaoneng.warehouse.ClickHouseConnection;
import cn.xiaoneng.warehouse.Migrator;
import cn.xiaoneng.warehouse.Tables;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's acceptance: real headless Chromium (Debian's package) loads the console page, runs its scripts against
 * the console and a real ClickHouse, and the figures the rendered DOM shows per department, window and case kind are
 * the ones ClickHouse returns for the same question — asked here in SQL of the test's own, not through the console's
 * repository. The case page (跟踪表) renders the pause rows the API gives for a case with a 补正 and a declared pause
 * ({@link PauseFixtures}).
 */
class ConsolePageBrowserIT {
    private static final String DB = "browser_it";
    private static final Duration VIRTUAL_TIME = Duration.ofSeconds(10);
    private static final Duration CHROMIUM_TIMEOUT = Duration.ofSeconds(90);
    private static final String PAUSED_CASE = "LC-PAUSE-4";
    private static final DateTimeFormatter CH_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    static ClickHouseServer clickHouse;
    static ConsoleServer console;
    static Document page;
    static Document casePage;

    @BeforeAll
    static void renderThePageInChromium() {
        HeadlessChromium chromium = new HeadlessChromium(TestDirs.fresh("chromium"));  // fails first if not installed
        clickHouse = ClickHouseServer.start(TestDirs.fresh("browser-it"));
        ClickHouseConnection connection = ClickHouseConnection.builder(clickHouse.httpUrl()).database(DB).build();
        new Migrator(connection).migrate();
        ThroughputFixtures.loadNames(clickHouse, connection, DB);
        ThroughputFixtures.writeBusinessDay(clickHouse, DB);
        PauseFixtures.write(clickHouse, DB, PAUSED_CASE);
        console = ConsoleServer.start(connection, 0);
        page = Jsoup.parse(chromium.dumpDom(console.url() + "/", VIRTUAL_TIME, CHROMIUM_TIMEOUT));
        casePage = Jsoup.parse(chromium.dumpDom(console.url() + ConsoleServer.CASE_PAGE + "/" + ThroughputFixtures.CENTER + "/" + PAUSED_CASE,
                VIRTUAL_TIME, CHROMIUM_TIMEOUT));
        if (Boolean.getBoolean("console.screenshot")) {
            chromium.screenshot(console.url() + "/", TestDirs.fresh("screenshot").resolve("console.png"), VIRTUAL_TIME,
                    CHROMIUM_TIMEOUT);
        }
    }

    @AfterAll
    static void stopAll() {
        if (console != null) {
            console.stop();
        }
        if (clickHouse != null) {
            clickHouse.stop();
        }
    }

    // ---- ClickHouse, asked directly ----

    /** One row per line, columns tab-separated. */
    private static List<String[]> sql(String query) {
        String out = clickHouse.query(query + " FORMAT TSV");
        return out.isEmpty() ? List.of() : Arrays.stream(out.split("\n")).map(l -> l.split("\t", -1)).toList();
    }

    private static String latestMinute() {
        return "(SELECT max(bucket_start) FROM " + DB + "." + Tables.DWS_THROUGHPUT_MINUTE + ")";
    }

    private static final String FIGURES = "sum(accepted), sum(completed), sum(returned), sum(supplement_requested),"
            + " sumIf(accepted, case_kind = 'IMMEDIATE') / sum(accepted), sum(handling_sum_s) / sum(handled)";

    // ---- the rendered DOM ----

    private static Element tableRow(String table, String selector) {
        Element row = page.selectFirst("table#" + table + " tbody tr" + selector);
        assertThat(row).as("row %s in #%s of the rendered page:\n%s", selector, table,
                page.selectFirst("table#" + table) == null ? page.outerHtml() : page.selectFirst("table#" + table).outerHtml()).isNotNull();
        return row;
    }

    private static Element cell(Element row, String field) {
        Element td = row.selectFirst("td[data-field=" + field + "]");
        assertThat(td).as("cell %s in %s", field, row.outerHtml()).isNotNull();
        return td;
    }

    /** Counts: both the raw value and the text a person reads. */
    private static void assertCount(Element row, String field, String fromClickHouse) {
        Element td = cell(row, field);
        assertThat(td.attr("data-value")).as(field + " in " + row.attr("data-department") + "/" + row.attr("data-window"))
                .isEqualTo(fromClickHouse);
        assertThat(td.text()).isEqualTo(fromClickHouse);
    }

    private static void assertNumber(Element row, String field, String fromClickHouse) {
        String shown = cell(row, field).attr("data-value");
        if (fromClickHouse.equals("nan") || fromClickHouse.equals("\\N")) {
            assertThat(shown).as(field).isEmpty();
        } else {
            assertThat(Double.parseDouble(shown)).as(field).isCloseTo(Double.parseDouble(fromClickHouse), within(1e-9));
        }
    }

    private static void assertFigures(Element row, String[] ch, int from) {
        assertCount(row, "accepted", ch[from]);
        assertCount(row, "completed", ch[from + 1]);
        assertCount(row, "returned", ch[from + 2]);
        assertCount(row, "supplementRequested", ch[from + 3]);
        assertNumber(row, "immediateShare", ch[from + 4]);
        assertNumber(row, "handlingAvgS", ch[from + 5]);
    }

    // ---- tests ----

    @Test
    void thePageShowsTheBusinessTimeOfTheLatestBucket() {
        String latest = sql("SELECT " + latestMinute()).get(0)[0];
        Element asOf = page.selectFirst("#tp-asof [data-field=asOf]");

        assertThat(asOf).as(page.selectFirst("#throughput").outerHtml()).isNotNull();
        assertThat(asOf.attr("data-value")).isEqualTo(Times.format(
                LocalDateTime.parse(latest, CH_DATETIME).atZone(Times.CHINA).toInstant().toEpochMilli()));
        assertThat(page.selectFirst("#tp-asof [data-field=businessDay]").text()).isEqualTo(latest.substring(0, 10));
    }

    @Test
    void todayPerDepartmentAndWindowEqualsTheDayTableInClickHouse() {
        String where = " FROM " + DB + "." + Tables.DWS_THROUGHPUT_DAY + " FINAL WHERE bucket_start = toStartOfDay("
                + latestMinute() + ")";
        List<String[]> departments = sql("SELECT department_id, " + FIGURES + where + " GROUP BY department_id");
        List<String[]> windows = sql("SELECT department_id, window_id, " + FIGURES + where + " GROUP BY department_id, window_id");

        assertThat(departments).hasSize(2);
        for (String[] d : departments) {
            assertFigures(tableRow("tp-today", "[data-level=department][data-department=" + d[0] + "]"), d, 1);
        }
        assertThat(windows).hasSize(2);
        for (String[] w : windows) {
            assertFigures(tableRow("tp-today", "[data-level=window][data-department=" + w[0] + "][data-window=" + w[1] + "]"), w, 2);
        }
        assertThat(page.select("table#tp-today tbody tr[data-level=department]")).hasSize(departments.size());
    }

    @Test
    void exactQuantilesPerWindowAndKindEqualTheDayBuckets() {
        List<String[]> kinds = sql("SELECT department_id, window_id, case_kind, handling_p50_s, handling_p90_s, accepted FROM "
                + DB + "." + Tables.DWS_THROUGHPUT_DAY + " FINAL WHERE bucket_start = toStartOfDay(" + latestMinute() + ")"
                + " AND handled > 0");

        assertThat(kinds).hasSize(3);
        for (String[] k : kinds) {
            Element row = tableRow("tp-today", "[data-level=kind][data-department=" + k[0] + "][data-window=" + k[1]
                    + "][data-kind=" + k[2] + "]");
            assertNumber(row, "handlingP50S", k[3]);
            assertNumber(row, "handlingP90S", k[4]);
            assertCount(row, "accepted", k[5]);
        }
        // W07 has samples in two kinds: no made-up window quantile, the page says why.
        Element w07 = tableRow("tp-today", "[data-level=window][data-window=" + ThroughputFixtures.W07 + "]");
        assertThat(cell(w07, "handlingP50S").text()).isEqualTo("不可合并");
        assertThat(cell(w07, "handlingP50S").attr("data-value")).isEmpty();
    }

    @Test
    void lastMinutesPerWindowEqualTheMinuteTableInClickHouse() {
        List<String[]> windows = sql("SELECT department_id, window_id, " + FIGURES + " FROM " + DB + "."
                + Tables.DWS_THROUGHPUT_MINUTE + " FINAL WHERE bucket_start > " + latestMinute() + " - INTERVAL 30 MINUTE"
                + " AND bucket_start <= " + latestMinute() + " GROUP BY department_id, window_id");

        assertThat(windows).hasSize(2);
        for (String[] w : windows) {
            assertFigures(tableRow("tp-recent", "[data-level=window][data-department=" + w[0] + "][data-window=" + w[1] + "]"), w, 2);
        }
    }

    @Test
    void theCurrentHourPerDepartmentEqualsTheHourTableInClickHouse() {
        List<String[]> departments = sql("SELECT department_id, " + FIGURES + " FROM " + DB + "." + Tables.DWS_THROUGHPUT_HOUR
                + " FINAL WHERE bucket_start = toStartOfHour(" + latestMinute() + ") GROUP BY department_id");

        assertThat(departments).hasSize(2);
        for (String[] d : departments) {
            assertFigures(tableRow("tp-hour", "[data-level=department][data-department=" + d[0] + "]"), d, 1);
        }
    }

    @Test
    void todaysCardsEqualTheDayTotalsAndTheChartsWereDrawn() {
        String[] total = sql("SELECT " + FIGURES + " FROM " + DB + "." + Tables.DWS_THROUGHPUT_DAY + " FINAL"
                + " WHERE bucket_start = toStartOfDay(" + latestMinute() + ")").get(0);

        assertThat(page.selectFirst("#tp-cards [data-total=accepted]").text()).isEqualTo(total[0]);
        assertThat(page.selectFirst("#tp-cards [data-total=completed]").text()).isEqualTo(total[1]);
        assertThat(Double.parseDouble(page.selectFirst("#tp-cards [data-total=immediateShare]").attr("data-value")))
                .isCloseTo(Double.parseDouble(total[4]), within(1e-9));
        // ECharts (from the WebJar) drew into both chart containers.
        assertThat(page.select("#chart-hourly canvas")).isNotEmpty();
        assertThat(page.select("#chart-recent canvas")).isNotEmpty();
        assertThat(page.select("#banners .banner")).as("no panel failed to load").isEmpty();
    }

    @Test
    void theCasePageShowsTheSupplementAndTheDeclaredPause() {
        List<Element> rows = casePage.select("table#case-pauses tbody tr");
        assertThat(rows).as(casePage.select("main").outerHtml()).extracting(r -> r.attr("data-kind")).containsExactly("SUPPLEMENT", "DECLARED");
        Element supplement = rows.get(0);
        assertThat(supplement.selectFirst(".badge").text()).isEqualTo("补正");
        assertThat(cell(supplement, "from").text()).isEqualTo("03-02 14:00:00");
        assertThat(cell(supplement, "to").text()).isEqualTo("03-03 09:00:00");
        assertThat(cell(supplement, "reason").text()).isEqualTo("营业执照复印件不清晰");
        assertThat(cell(supplement, "handler").text()).isEqualTo("王芳");
        assertThat(cell(supplement, "stoppedDays").attr("data-value")).isEqualTo(String.valueOf(9 * PauseFixtures.HOUR));

        Element declared = rows.get(1);
        assertThat(declared.selectFirst(".badge").text()).isEqualTo("应急停表");
        assertThat(cell(declared, "to").text()).isEqualTo("03-04 18:00:00");
        assertThat(cell(declared, "reason").text()).isEqualTo(PauseFixtures.REASON);
        assertThat(cell(declared, "handler").text()).isEqualTo(PauseFixtures.DIRECTOR);
        assertThat(cell(declared, "recordedAt").text()).isEqualTo("03-03 15:02:00");
        Element incident = cell(declared, "incident");
        assertThat(incident.selectFirst("a").attr("href")).isEqualTo("/incidents/" + ThroughputFixtures.CENTER + "/" + PauseFixtures.SUBSTATION);
        assertThat(incident.text()).contains(PauseFixtures.SUBSTATION, "批准人 " + PauseFixtures.DIRECTOR, "03-03 15:00:00");
        assertThat(cell(declared, "stoppedDays").text()).isEqualTo("1.2 天（工作日）");
        assertThat(casePage.select("#banners .banner")).as("the case loaded").isEmpty();
    }
}
