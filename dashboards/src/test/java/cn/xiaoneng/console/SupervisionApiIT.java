package cn.xiaoneng.console;

import static cn.xiaoneng.console.ThroughputFixtures.CENTER;
import static cn.xiaoneng.console.ThroughputFixtures.MARKET;
import static cn.xiaoneng.console.ThroughputFixtures.W01;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.testsupport.ClickHouseServer;
import cn.xiaoneng.testsupport.TestDirs;
import cn.xiaoneng.warehouse.ClickHouseConnection;
import cn.xiaoneng.warehouse.Migrator;
import cn.xiaoneng.warehouse.Tables;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The 督办 panel and the case page against a real ClickHouse with the real migrations and rows as the deadline job
 * writes them (V006): a card counts while it is raised, not retracted, and its case is open; replays (identical rows
 * written twice) count once; the case page shows every record with its evidence, and the clock stops the deadline
 * engine's rules make from the case's events in ods_case_event ({@link PauseFixtures}: a 补正 and a declared pause).
 */
class SupervisionApiIT {
    private static final String DB = "supervision_it";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Open, overdue for a week: 黄牌 then 红牌 (shown: the 红牌), replayed twice. */
    private static final String OVERDUE_CASE = "LC-RED-1";
    /** Open: a 预警 withdrawn by a fact entered late (counts nowhere) and a 环节超时 that stands. */
    private static final String RETRACTED_CASE = "LC-WARN-2";
    /** Closed overdue: its 黄牌 is history, not something to chase. */
    private static final String CLOSED_CASE = "LC-DONE-3";
    /** Open: a 补正 and the substation outage's declared pause (PauseFixtures), the declaration replayed. */
    private static final String PAUSED_CASE = "LC-PAUSE-4";

    static ClickHouseServer clickHouse;
    static ConsoleServer console;

    @BeforeAll
    static void startClickHouseAndConsole() {
        clickHouse = ClickHouseServer.start(TestDirs.fresh("supervision-it"));
        ClickHouseConnection connection = ClickHouseConnection.builder(clickHouse.httpUrl()).database(DB).build();
        new Migrator(connection).migrate();
        ThroughputFixtures.loadNames(clickHouse, connection, DB);
        List<ObjectNode> cards = List.of(
                card("y1", "RAISED", "YELLOW", "黄牌", "due", OVERDUE_CASE, "2026-03-03 00:00:00", 0),
                card("r1", "RAISED", "RED", "红牌", "due+3WD", OVERDUE_CASE, "2026-03-06 00:00:00", -259_200_000L),
                card("w2", "RAISED", "WARNING", "预警", "remaining<=1WD", RETRACTED_CASE, "2026-03-05 00:00:00", 86_400_000L),
                card("w2", "RETRACTED", "WARNING", "预警", "remaining<=1WD", RETRACTED_CASE, "2026-03-05 00:00:00", 86_400_000L),
                card("s2", "RAISED", "STEP_OVERRUN", "环节超时", "step-1", RETRACTED_CASE, "2026-03-04 12:00:00", 129_600_000L),
                card("y3", "RAISED", "YELLOW", "黄牌", "due", CLOSED_CASE, "2026-03-02 00:00:00", 0));
        ThroughputFixtures.insert(clickHouse, DB, Tables.DWD_DEADLINE_CARD, cards);
        ThroughputFixtures.insert(clickHouse, DB, Tables.DWD_DEADLINE_CARD, cards.subList(0, 2)); // a replay
        ThroughputFixtures.insert(clickHouse, DB, Tables.DWS_CASE_CLOCK, List.of(clock(OVERDUE_CASE, ""), clock(RETRACTED_CASE, ""),
                clock(CLOSED_CASE, "OVERDUE")));
        PauseFixtures.write(clickHouse, DB, PAUSED_CASE);
        ObjectNode step = JSON.createObjectNode().put("center_id", CENTER).put("case_id", OVERDUE_CASE).put("step_key", "LC-RED-1-1")
                .put("step_id", "LC-RED-1-1").put("step_name", "承办").put("department_id", MARKET).put("window_id", W01)
                .put("handler", "王芳").put("started_at", "2026-02-24 10:00:00").put("start_inferred", 0).putNull("ended_at")
                .put("result", "").put("used_ms", 691_200_000L).put("budget", "50%").put("budget_ms", 216_000_000L)
                .put("over_budget_ms", 475_200_000L).put("as_of", "2026-03-06 00:00:00");
        ThroughputFixtures.insert(clickHouse, DB, Tables.DWD_CASE_STEP_LEDGER, List.of(step));
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
    void standingCardsCountOnlyRaisedUnretractedCardsOfOpenCasesOnce() {
        JsonNode r = json(ConsoleServer.API_CARDS, 200);
        assertThat(r.path("totals").path("RED").asLong()).isEqualTo(1);
        assertThat(r.path("totals").path("YELLOW").asLong()).as("the closed case's 黄牌 is history; the replay counts once").isEqualTo(1);
        assertThat(r.path("totals").path("WARNING").asLong()).as("retracted").isZero();
        assertThat(r.path("totals").path("STEP_OVERRUN").asLong()).isEqualTo(1);
        assertThat(r.path("casesWithCards").asLong()).isEqualTo(2);
        assertThat(r.path("kinds").get(0).path("label").asText()).isEqualTo("红牌");

        JsonNode first = r.path("cases").get(0);
        assertThat(first.path("caseId").asText()).isEqualTo(OVERDUE_CASE);
        assertThat(first.path("kind").asText()).as("the worst card of the case").isEqualTo("RED");
        assertThat(first.path("standingCards").asLong()).isEqualTo(2);
        assertThat(first.path("remainingDays").decimalValue()).isEqualByComparingTo("-3.0");
        assertThat(first.path("departmentName").asText()).isEqualTo("市场监管局");
        assertThat(first.path("windowName").asText()).isEqualTo("1号窗口");
        assertThat(first.path("trackingUrl").asText()).isEqualTo("/cases/" + CENTER + "/" + OVERDUE_CASE);
        assertThat(r.path("cases").get(1).path("kind").asText()).isEqualTo("STEP_OVERRUN");
        assertThat(r.path("cases")).hasSize(2);

        JsonNode market = r.path("departments").get(0);
        assertThat(market.path("departmentName").asText()).isEqualTo("市场监管局");
        assertThat(market.path("cards").path("RED").asLong()).isEqualTo(1);
        assertThat(market.path("total").asLong()).isEqualTo(3);
    }

    @Test
    void theCasePageShowsTheTrackingTableAndEveryCardRecordWithItsEvidence() {
        JsonNode r = json(ConsoleServer.API_CASES + "/" + CENTER + "/" + RETRACTED_CASE, 200);
        assertThat(r.path("clock").path("limit").asText()).isEqualTo("5WD");
        assertThat(r.path("cards")).hasSize(3);
        assertThat(java.util.stream.StreamSupport.stream(r.path("cards").spliterator(), false).map(c -> c.path("kind").asText() + " "
                + c.path("status").asText())).containsExactly("STEP_OVERRUN RAISED", "WARNING RAISED", "WARNING RETRACTED");
        assertThat(r.path("cards").get(1).path("evidence").path("cardId").asText()).isEqualTo("w2");
        assertThat(r.path("pauses")).as("no event stopped its clock").isEmpty();

        JsonNode red = json(ConsoleServer.API_CASES + "/" + CENTER + "/" + OVERDUE_CASE, 200);
        assertThat(red.path("steps").get(0).path("handler").asText()).isEqualTo("王芳");
        assertThat(red.path("steps").get(0).path("overBudgetDays").decimalValue()).isEqualByComparingTo("5.5");

        HttpResponse<String> page = get(console.url() + ConsoleServer.CASE_PAGE + "/" + CENTER + "/" + OVERDUE_CASE);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("办件跟踪表").contains("/case.js");
    }

    @Test
    void theCasePageShowsASupplementAndADeclaredPauseByTheDeadlineEnginesRules() {
        JsonNode r = json(ConsoleServer.API_CASES + "/" + CENTER + "/" + PAUSED_CASE, 200);
        JsonNode pauses = r.path("pauses");
        assertThat(pauses).as("the replayed declaration counts once").hasSize(2);

        JsonNode supplement = pauses.get(0);
        assertThat(supplement.path("label").asText()).isEqualTo("补正");
        assertThat(supplement.path("from").asText()).isEqualTo("2026-03-02T14:00:00+08:00");
        assertThat(supplement.path("to").asText()).isEqualTo("2026-03-03T09:00:00+08:00");
        assertThat(supplement.path("reason").asText()).isEqualTo("营业执照复印件不清晰");
        assertThat(supplement.path("handler").asText()).isEqualTo("王芳");
        assertThat(supplement.path("stoppedMillis").asLong()).as("Tue 00:00–09:00: the 受理 day is not counted").isEqualTo(9 * PauseFixtures.HOUR);
        assertThat(supplement.path("incidentId").isNull()).isTrue();

        JsonNode declared = pauses.get(1);
        assertThat(declared.path("kind").asText()).isEqualTo("DECLARED");
        assertThat(declared.path("label").asText()).isEqualTo("应急停表");
        assertThat(declared.path("stepId").asText()).isEqualTo("incident:" + PauseFixtures.SUBSTATION);
        assertThat(declared.path("to").asText()).as("not the department's RESUMED at Wed 10:00").isEqualTo("2026-03-04T18:00:00+08:00");
        assertThat(declared.path("open").asBoolean()).isFalse();
        assertThat(declared.path("reason").asText()).isEqualTo(PauseFixtures.REASON);
        assertThat(declared.path("incidentId").asText()).isEqualTo(PauseFixtures.SUBSTATION);
        assertThat(declared.path("incidentUrl").asText()).isEqualTo("/incidents/" + CENTER + "/" + PauseFixtures.SUBSTATION);
        assertThat(declared.path("approver").asText()).isEqualTo(PauseFixtures.DIRECTOR);
        assertThat(declared.path("approvedAt").asText()).isEqualTo("2026-03-03T15:00:00+08:00");
        assertThat(declared.path("recordedAt").asText()).isEqualTo("2026-03-03T15:02:00+08:00");
        assertThat(declared.path("stoppedMillis").asLong()).isEqualTo(28 * PauseFixtures.HOUR);
        assertThat(declared.path("stoppedDays").decimalValue()).isEqualByComparingTo("1.2");
        assertThat(declared.path("measureLabel").asText()).isEqualTo("工作日");

        assertThat(get(console.url() + ConsoleServer.CASE_PAGE + "/" + CENTER + "/" + PAUSED_CASE).body()).contains("停表", "case-pauses");
        assertThat(get(console.url() + "/case.js").body()).contains("case-pauses", "p.label", "p.approver");
    }

    @Test
    void anUnknownCaseIsNotFoundWithAReason() {
        JsonNode r = json(ConsoleServer.API_CASES + "/" + CENTER + "/NO-SUCH-CASE", 404);
        assertThat(r.path("error").asText()).contains("NO-SUCH-CASE");
    }

    private static ObjectNode card(String id, String status, String kind, String label, String qualifier, String caseId, String instant,
            long remaining) {
        ObjectNode evidence = JSON.createObjectNode().put("cardId", id).put("status", status).put("kind", kind).put("caseId", caseId);
        return JSON.createObjectNode().put("card_id", id).put("status", status).put("kind", kind).put("kind_label", label)
                .put("qualifier", qualifier).put("instant", instant).put("center_id", CENTER).put("case_id", caseId)
                .put("item_code", "MKT-001").put("item_name", "食品经营许可").put("case_kind", "COMMITTED").put("department_id", MARKET)
                .put("window_id", W01).put("handler", "王芳").put("step_name", "承办").put("due_at", "2026-03-03 00:00:00")
                .put("remaining_ms", remaining).put("rule_version", "hn-cs-zwzx/2026.1").put("clause", "6.6.7").put("provisional", 0)
                .put("card_json", evidence.toString()).put("emitted_at", instant);
    }

    private static ObjectNode clock(String caseId, String outcome) {
        return JSON.createObjectNode().put("center_id", CENTER).put("case_id", caseId).put("item_code", "MKT-001")
                .put("item_name", "食品经营许可").put("case_kind", "COMMITTED").put("department_id", MARKET).put("window_id", W01)
                .put("accepted_at", "2026-02-24 09:30:00").put("due_at", "2026-03-03 00:00:00").put("limit_text", "5WD")
                .put("limit_basis", "COMMITTED").put("used_ms", 691_200_000L).put("remaining_ms", -259_200_000L).put("steps", 1)
                .put("outcome", outcome).put("overdue_ms", 0).put("as_of", "2026-03-06 00:00:00");
    }

    private static JsonNode json(String path, int status) {
        HttpResponse<String> r = get(console.url() + path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(r.body(), e);
        }
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
