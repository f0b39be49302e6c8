package cn.xiaoneng.console;

import static cn.xiaoneng.console.IncidentFixtures.EARLIER;
import static cn.xiaoneng.console.IncidentFixtures.MAIN;
import static cn.xiaoneng.console.IncidentFixtures.SUSPECTED;
import static cn.xiaoneng.console.ThroughputFixtures.CENTER;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.deadline.calendar.CenterCalendars;
import cn.xiaoneng.incident.impact.AcceptanceCounts;
import cn.xiaoneng.incident.impact.ThroughputImpact;
import cn.xiaoneng.testsupport.ClickHouseServer;
import cn.xiaoneng.testsupport.TestDirs;
import cn.xiaoneng.warehouse.ClickHouseConnection;
import cn.xiaoneng.warehouse.Migrator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The incident panel and an incident's page against a real ClickHouse with the real migrations, the center's real
 * working calendar loaded by DimensionLoader, and rows as the incident and throughput jobs write them
 * ({@link IncidentFixtures}): labels in Chinese, plan deadlines of the latest revision, standing cards only, impact
 * equal to what ThroughputImpact computes in plain Java from the same buckets.
 */
class IncidentApiIT {
    private static final String DB = "incident_it";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static ClickHouseServer clickHouse;
    static ConsoleServer console;

    @BeforeAll
    static void startClickHouseAndConsole() {
        clickHouse = ClickHouseServer.start(TestDirs.fresh("incident-it"));
        ClickHouseConnection connection = ClickHouseConnection.builder(clickHouse.httpUrl()).database(DB).build();
        new Migrator(connection).migrate();
        ThroughputFixtures.loadNames(clickHouse, connection, DB);
        IncidentFixtures.write(clickHouse, DB);
        console = ConsoleServer.start(connection, 0);
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

    @Test
    void theCentersCalendarIsInTheWarehouse() {
        assertThat(clickHouse.query("SELECT day_class, label FROM " + DB + ".dim_work_day FINAL WHERE center_id = '" + CENTER
                + "' AND day IN ('2026-02-17', '2026-02-28', '2026-03-17') ORDER BY day"))
                .isEqualTo("REST\t放假 春节\nMAKEUP_WORKDAY\t调休上班 春节调休上班\nWORKDAY\t工作日");
    }

    @Test
    void thePanelListsOpenIncidentsFirstWithChineseLabelsDeadlinesCardsAndImpact() {
        JsonNode r = json(ConsoleServer.API_INCIDENTS + "?center=" + CENTER, 200);
        assertThat(r.path("open").asLong()).isEqualTo(1);
        assertThat(r.path("suspected").asLong()).isEqualTo(1);
        assertThat(ids(r.path("incidents"))).containsExactly(SUSPECTED, MAIN, EARLIER);

        JsonNode suspected = r.path("incidents").get(0);
        assertThat(suspected.path("confirmationLabel").asText()).isEqualTo("疑似");
        assertThat(suspected.path("typeLabel").asText()).isEqualTo("电梯/设备故障");
        assertThat(suspected.path("source").asText()).isEqualTo("DETECTOR");

        JsonNode main = r.path("incidents").get(1);
        assertThat(main.path("typeLabel").asText()).isEqualTo("网络/业务系统故障");
        assertThat(main.path("levelLabel").asText()).isEqualTo("一般(IV级)");
        assertThat(main.path("statusLabel").asText()).isEqualTo("已结束");
        assertThat(main.path("confirmationLabel").asText()).isEqualTo("已确认");
        assertThat(main.path("onset").asText()).isEqualTo("2026-03-17T09:30:00+08:00");
        assertThat(main.path("restored").asText()).isEqualTo("2026-03-17T10:30:00+08:00");
        assertThat(main.path("departments").get(0).path("name").asText()).isEqualTo("市场监管局");
        assertThat(main.path("windows").get(0).path("name").asText()).isEqualTo("1号窗口");
        assertThat(main.path("url").asText()).isEqualTo("/incidents/" + CENTER + "/" + MAIN);

        assertThat(StreamSupport.stream(main.path("deadlines").spliterator(), false).map(d -> d.path("label").asText() + " "
                + d.path("statusLabel").asText()))
                .as("the latest revision only: the response met at 10:00 replaces revision 3's UNMET")
                .containsExactlyInAnyOrder("口头报告 按时", "启动响应 按时", "书面报告 未完成", "续报 #1 不适用");
        assertThat(main.path("deadlinesMet").asLong()).isEqualTo(2);
        assertThat(main.path("deadlinesMissed").asLong()).isEqualTo(1);
        assertThat(main.path("standingCards")).singleElement().satisfies(c -> assertThat(c.path("label").asText()).isEqualTo("书面报告超时"));

        JsonNode dept = main.path("impact").path("departments").get(0);
        assertThat(dept.path("departmentName").asText()).isEqualTo("市场监管局");
        assertThat(dept.path("actual").asLong()).isEqualTo(2);
        assertThat(dept.path("baseline").asDouble()).as("(6 + 8 + 4) / 3 + (4 + 2 + 6 + 4) / 4").isEqualTo(10.0);
        assertThat(dept.path("ratio").asDouble()).isEqualTo(0.2);
        assertThat(dept.path("hoursWithoutBaseline").asLong()).isZero();
        assertThat(main.path("impact").path("windows").get(0).path("windowName").asText()).isEqualTo("1号窗口");

        JsonNode backfill = main.path("impact").path("backfill").get(0);
        assertThat(backfill.path("inScope").asLong()).isEqualTo(4);
        assertThat(backfill.path("backfilled").asLong()).isEqualTo(3);
        assertThat(backfill.path("latenessP50Ms").asLong()).isEqualTo(Duration.ofHours(2).toMillis());
        assertThat(backfill.path("latenessMaxMs").asLong()).isEqualTo(Duration.ofHours(4).toMillis());
        assertThat(backfill.path("paperRegistered").asLong()).isEqualTo(5);
        assertThat(backfill.path("missing").asLong()).isEqualTo(2);

        assertThat(json(ConsoleServer.API_INCIDENTS + "?center=no-such-center", 200).path("incidents")).isEmpty();
        assertThat(ids(json(ConsoleServer.API_INCIDENTS, 200).path("incidents"))).as("every center").hasSize(3);
    }

    @Test
    void theSqlBaselineIsWhatThroughputImpactComputesInPlainJava() {
        ZoneId china = ZoneId.of("Asia/Shanghai");
        List<Long> instants = new ArrayList<>();
        for (String[] m : IncidentFixtures.MINUTES) {
            long t = LocalDateTime.parse(m[0].replace(' ', 'T')).atZone(china).toInstant().toEpochMilli();
            for (int i = 0; i < Integer.parseInt(m[1]); i++) {
                instants.add(t);
            }
        }
        ThroughputImpact.Rules rules = new ThroughputImpact.Rules(ThroughputImpact.DEFAULT_WEEKS, CenterCalendars.forCenter(CENTER),
                List.of(interval("2026-03-03T09:00", "2026-03-03T09:45"), interval("2026-03-17T09:30", "2026-03-17T10:30")),
                instant("2026-02-10T08:00"));
        ThroughputImpact java = ThroughputImpact.compute(MAIN, instant("2026-03-17T09:30"), instant("2026-03-17T10:30"),
                AcceptanceCounts.of(instants.stream().mapToLong(Long::longValue).toArray()), rules);

        JsonNode page = json(ConsoleServer.API_INCIDENTS + "/" + CENTER + "/" + MAIN, 200);
        List<JsonNode> departmentHours = StreamSupport.stream(page.path("hours").spliterator(), false)
                .filter(h -> h.path("scope").asText().equals("department")).toList();
        assertThat(departmentHours).hasSize(java.hours().size());
        for (int i = 0; i < departmentHours.size(); i++) {
            JsonNode h = departmentHours.get(i);
            ThroughputImpact.Hour j = java.hours().get(i);
            assertThat(h.path("actual").asLong()).isEqualTo(j.actual());
            assertThat(h.path("baseline").asDouble()).isEqualTo(j.baseline());
            assertThat(StreamSupport.stream(h.path("weeksBack").spliterator(), false).map(JsonNode::asInt).toList()).isEqualTo(j.weeksBack());
            assertThat(h.path("dayClass").asText()).isEqualTo(j.dayClass().name());
        }
        assertThat(page.path("impact").path("departments").get(0).path("baseline").asDouble()).isEqualTo(java.baseline());
    }

    @Test
    void theIncidentPageShowsTheTimelineEveryCardRecordAndTheHours() {
        JsonNode r = json(ConsoleServer.API_INCIDENTS + "/" + CENTER + "/" + MAIN, 200);
        assertThat(StreamSupport.stream(r.path("timeline").spliterator(), false).map(f -> f.path("label").asText()))
                .containsExactly("发生", "发现", "口头报告", "启动响应", "纸质受理登记", "恢复服务", "结束");
        JsonNode verbal = r.path("timeline").get(2);
        assertThat(verbal.path("reportedBy").asText()).isEqualTo("大厅值班长 梁敏");
        assertThat(verbal.path("recordedAt").asText()).isEqualTo("2026-03-17T09:41:00+08:00");
        assertThat(r.path("timeline").get(4).path("paperCases").asInt()).isEqualTo(5);
        assertThat(StreamSupport.stream(r.path("cardRecords").spliterator(), false).map(c -> c.path("cardId").asText() + " "
                + c.path("status").asText())).containsExactly("k-response RAISED", "k-response RETRACTED", "k-written RAISED");
        assertThat(r.path("cardRecords").get(2).path("evidence").asText()).contains("\"cardId\":\"k-written\"");
        assertThat(r.path("hours")).hasSize(4);
        assertThat(r.path("hours").get(0).path("dayClassLabel").asText()).isEqualTo("工作日");

        HttpResponse<String> page = get(console.url() + ConsoleServer.INCIDENT_PAGE + "/" + CENTER + "/" + MAIN);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("时间线").contains("预案时限").contains("/incident.js");
        assertThat(get(console.url() + "/").body()).as("the panel is on the console").contains("突发事件").contains("/api/incidents");
    }

    @Test
    void anUnknownIncidentIsNotFoundWithAReason() {
        JsonNode r = json(ConsoleServer.API_INCIDENTS + "/" + CENTER + "/NO-SUCH-INCIDENT", 404);
        assertThat(r.path("error").asText()).contains("NO-SUCH-INCIDENT");
    }

    private static List<String> ids(JsonNode incidents) {
        return StreamSupport.stream(incidents.spliterator(), false).map(i -> i.path("incidentId").asText()).toList();
    }

    private static long instant(String local) {
        return LocalDateTime.parse(local).atZone(ZoneId.of("Asia/Shanghai")).toInstant().toEpochMilli();
    }

    private static ThroughputImpact.Interval interval(String from, String to) {
        return new ThroughputImpact.Interval(instant(from), instant(to));
    }

    private static JsonNode json(String path, int status) {
        HttpResponse<String> r = get(console.url() + path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
