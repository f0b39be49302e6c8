package cn.xiaoneng.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.console.DimensionLoader.Center;
import cn.xiaoneng.console.DimensionLoader.Department;
import cn.xiaoneng.model.Times;
import cn.xiaoneng.testsupport.ClickHouseServer;
import cn.xiaoneng.testsupport.FreePorts;
import cn.xiaoneng.testsupport.TestDirs;
import cn.xiaoneng.testsupport.Waits;
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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console against a real ClickHouse with the real migrations: known receipts, events, dead letters and
 * heartbeats go in (some twice, as a replay would insert them), and the page's API must show exactly them.
 */
class ConsoleServerIT {
    private static final String DB = "console_it";
    private static final String CENTER = "hn-cs-zwzx";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration WAIT = Duration.ofSeconds(30);

    static ClickHouseServer clickHouse;
    static ClickHouseConnection connection;
    static ConsoleServer console;
    /** Wall clock when the fixtures were written; ClickHouse runs on this machine, so it shares the clock. */
    static long now;

    @BeforeAll
    static void startClickHouseAndConsole() {
        clickHouse = ClickHouseServer.start(TestDirs.fresh("console-it"));
        connection = ClickHouseConnection.builder(clickHouse.httpUrl()).database(DB).build();
        new Migrator(connection).migrate();
        new DimensionLoader(connection).upsertCenters(List.of(new Center(CENTER, "长沙市政务服务中心", "430100")));
        new DimensionLoader(connection).upsertDepartments(List.of(
                new Department(CENTER, "scjg", "市场监管局", "lc"),
                new Department(CENTER, "rsj", "人力资源和社会保障局", "xd"),
                new Department(CENTER, "zjj", "住房和城乡建设局", "ex")));
        now = System.currentTimeMillis();
        writeFixtures();
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

    // ---- fixtures: what the normalization job would have written ----

    private static long secondsAgo(long seconds) {
        return now - seconds * 1000;
    }

    private static ObjectNode receipt(String source, String table, long offset, String outcome, int events, long processedAt) {
        ObjectNode r = JSON.createObjectNode();
        r.put("source_id", source).put("source_table", table).put("topic", source + ".raw." + table).put("partition", 0)
                .put("offset", offset).put("op", "c").put("outcome", outcome).put("events", events)
                .put("source_commit_time", Times.format(processedAt - 1000)).put("processed_at", Times.format(processedAt));
        return r;
    }

    private static ObjectNode caseEvent(String eventId, String source, long committedAt, long ingestedAt) {
        ObjectNode e = JSON.createObjectNode();
        e.put("event_id", eventId).put("schema_version", 1).put("case_id", "CASE-" + eventId).put("center_id", CENTER)
                .put("department_id", source).put("event_type", "ACCEPTED")
                .put("business_time", Times.format(committedAt)).put("source_commit_time", Times.format(committedAt))
                .put("source_id", source).put("source_table", "case").put("source_position", "pos-" + eventId)
                .put("ingested_at", Times.format(ingestedAt));
        e.putArray("department_ids").add(source);
        return e;
    }

    private static ObjectNode deadLetter(String source, String table, long offset, String reasonCode, String reason, long at) {
        ObjectNode d = JSON.createObjectNode();
        d.put("source_id", source).put("source_table", table).put("topic", source + ".raw." + table).put("partition", 0)
                .put("offset", offset).put("source_position", "lsn:" + offset).put("reason_code", reasonCode)
                .put("reason", reason).put("raw_value", "{\"id_card\":\"430102199001011234\"}")
                .put("source_commit_time", Times.format(at - 1000)).put("dead_lettered_at", Times.format(at));
        return d;
    }

    private static ObjectNode heartbeat(String source, long at) {
        return JSON.createObjectNode().put("source_id", source).put("heartbeat_time", Times.format(at));
    }

    private static void insert(String table, List<ObjectNode> rows) {
        StringBuilder body = new StringBuilder("INSERT INTO " + DB + "." + table
                + " SETTINGS date_time_input_format = 'best_effort' FORMAT JSONEachRow\n");
        rows.forEach(r -> body.append(r).append('\n'));
        clickHouse.query(body.toString());
    }

    /**
     * lc: 5 positions (3 mapped, 1 without event, 1 dead letter), two of them received twice; 5 events with lags of
     * 1–5 s, two of them re-inserted 20 s later by a replay. xd: 3 positions, 2 events ingested an hour ago (outside the
     * lag window), 2 dead letters of different reasons, the older one outside the window. ex: only heartbeats.
     */
    private static void writeFixtures() {
        List<ObjectNode> receipts = new ArrayList<>();
        String[] lcOutcomes = {"MAPPED", "MAPPED", "DEAD_LETTER", "NO_EVENT", "MAPPED"};
        for (int offset = 0; offset < lcOutcomes.length; offset++) {
            receipts.add(receipt("lc", "business_index", offset, lcOutcomes[offset], lcOutcomes[offset].equals("MAPPED") ? 1 : 0, secondsAgo(20)));
        }
        receipts.add(receipt("lc", "business_index", 0, "MAPPED", 1, secondsAgo(10)));  // replay
        receipts.add(receipt("lc", "business_index", 1, "MAPPED", 1, secondsAgo(10)));  // replay
        for (int offset = 0; offset < 3; offset++) {
            receipts.add(receipt("xd", "case_info", offset, offset == 2 ? "DEAD_LETTER" : "MAPPED", offset == 2 ? 0 : 1, secondsAgo(3600)));
        }
        insert(Tables.ODS_RAW_CHANGE, receipts);

        List<ObjectNode> events = new ArrayList<>();
        long ingested = secondsAgo(30);
        for (int i = 1; i <= 5; i++) {
            events.add(caseEvent("lc-e" + i, "lc", ingested - i * 1000L, ingested));
        }
        // Replayed copies, 20 s later. In the same insert on purpose: ReplacingMergeTree then keeps the last copy at
        // once, which it would otherwise do at some later merge, so the figures below do not depend on merge timing.
        events.add(caseEvent("lc-e1", "lc", ingested - 1000, secondsAgo(10)));
        events.add(caseEvent("lc-e5", "lc", ingested - 5000, secondsAgo(10)));
        events.add(caseEvent("xd-e1", "xd", secondsAgo(3601), secondsAgo(3600)));
        events.add(caseEvent("xd-e2", "xd", secondsAgo(3602), secondsAgo(3600)));
        insert(Tables.ODS_CASE_EVENT, events);

        ObjectNode lcDead = deadLetter("lc", "business_index", 2, "UNKNOWN_CODE", "status 99 is not in lc.yaml", secondsAgo(20));
        insert(Tables.ODS_DEAD_LETTER, List.of(
                lcDead, lcDead.deepCopy(),  // the same position dead-lettered twice (replay)
                deadLetter("xd", "case_info", 2, "MISSING_CASE_ID", "column sblsh is empty", secondsAgo(15)),
                deadLetter("xd", "case_info", 7, "IMPOSSIBLE_TIME", "accepted 2099-01-01 is after commit", secondsAgo(3600))));

        insert(Tables.ODS_SOURCE_HEARTBEAT, List.of(
                heartbeat("lc", secondsAgo(6)), heartbeat("lc", secondsAgo(2)), heartbeat("ex", secondsAgo(3))));
    }

    // ---- HTTP ----

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

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + r.body(), e);
        }
    }

    private static JsonNode source(JsonNode status, String sourceId) {
        return StreamSupport.stream(status.get("sources").spliterator(), false)
                .filter(s -> s.get("sourceId").asText().equals(sourceId)).findFirst().orElseThrow();
    }

    private static JsonNode pipelineOnceLcIsVisible() {
        JsonNode[] last = new JsonNode[1];
        Waits.until("/api/pipeline to show lc's captured rows", WAIT, () -> {
            HttpResponse<String> r = get(console.url() + ConsoleServer.API_PIPELINE);
            last[0] = json(r);
            return r.statusCode() == 200 && source(last[0], "lc").get("capturedRows").asLong() > 0;
        });
        return last[0];
    }

    // ---- tests ----

    @Test
    void pipelineFiguresEqualWhatWasInsertedWithReplaysCountedOnce() {
        JsonNode status = pipelineOnceLcIsVisible();

        assertThat(status.get("sources")).extracting(s -> s.get("sourceId").asText()).containsExactly("ex", "lc", "xd");

        JsonNode lc = source(status, "lc");
        assertThat(lc.get("name").asText()).isEqualTo("市场监管局");
        assertThat(lc.get("capturedRows").asLong()).isEqualTo(5);
        assertThat(lc.get("mappedRows").asLong()).isEqualTo(3);
        assertThat(lc.get("noEventRows").asLong()).isEqualTo(1);
        assertThat(lc.get("events").asLong()).isEqualTo(5);
        assertThat(lc.get("deadLetters").asLong()).isEqualTo(1);
        assertThat(lc.get("recentDeadLetters").asLong()).isEqualTo(1);
        assertThat(lc.get("deadLettersByReason").get(0).get("reasonCode").asText()).isEqualTo("UNKNOWN_CODE");
        assertThat(lc.get("deadLettersByReason").get(0).get("count").asLong()).isEqualTo(1);
        // One sample per event. e2..e4 keep their 2-4 s; e1 and e5 were replayed 20 s later in the same block, and
        // ReplacingMergeTree kept the replayed copy: a replay shows as lag (21 s and 25 s), as it would after a merge.
        JsonNode lag = lc.get("lag");
        assertThat(lag.get("samples").asLong()).isEqualTo(5);
        assertThat(lag.get("p50Ms").asLong()).isEqualTo(4000);
        assertThat(lag.get("p95Ms").asLong()).isEqualTo(25000);
        assertThat(lag.get("maxMs").asLong()).isEqualTo(25000);
        assertThat(lc.get("lastHeartbeatAt").asText()).isEqualTo(Times.format(secondsAgo(2)));
        assertThat(lc.get("lastRecordAt").asText()).isEqualTo(Times.format(secondsAgo(10)));
        assertThat(lc.get("health").asText()).isEqualTo("DEAD_LETTERS");
        assertThat(lc.get("healthLabel").asText()).isEqualTo("有新死信");

        JsonNode xd = source(status, "xd");
        assertThat(xd.get("name").asText()).isEqualTo("人力资源和社会保障局");
        assertThat(xd.get("capturedRows").asLong()).isEqualTo(3);
        assertThat(xd.get("events").asLong()).isEqualTo(2);
        assertThat(xd.get("lag").isNull()).as("no xd event arrived within the lag window").isTrue();
        assertThat(xd.get("deadLetters").asLong()).isEqualTo(2);
        assertThat(xd.get("recentDeadLetters").asLong()).isEqualTo(1);
        assertThat(xd.get("deadLettersByReason")).extracting(r -> r.get("reasonCode").asText())
                .containsExactlyInAnyOrder("MISSING_CASE_ID", "IMPOSSIBLE_TIME");
        assertThat(xd.get("health").asText()).as("last heard an hour ago, no heartbeat").isEqualTo("STALE");

        JsonNode ex = source(status, "ex");
        assertThat(ex.get("name").asText()).isEqualTo("住房和城乡建设局");
        assertThat(ex.get("capturedRows").asLong()).isZero();
        assertThat(ex.get("health").asText()).as("idle but heartbeating").isEqualTo("OK");
        assertThat(ex.get("lastHeartbeatAt").asText()).isEqualTo(Times.format(secondsAgo(3)));

        JsonNode totals = status.get("totals");
        assertThat(totals.get("capturedRows").asLong()).isEqualTo(8);
        assertThat(totals.get("events").asLong()).isEqualTo(7);
        assertThat(totals.get("deadLetters").asLong()).isEqualTo(3);
        assertThat(totals.get("maxLagMs").asLong()).isEqualTo(25000);
    }

    @Test
    void latestDeadLettersAreListedNewestFirstWithReasonAndPositionButNoRawValue() {
        JsonNode recent = pipelineOnceLcIsVisible().get("recentDeadLetters");

        assertThat(recent).hasSize(3);
        assertThat(recent).extracting(d -> d.get("sourceId").asText() + "/" + d.get("offset").asLong() + " " + d.get("reasonCode").asText())
                .containsExactly("xd/2 MISSING_CASE_ID", "lc/2 UNKNOWN_CODE", "xd/7 IMPOSSIBLE_TIME");
        JsonNode first = recent.get(0);
        assertThat(first.get("sourceName").asText()).isEqualTo("人力资源和社会保障局");
        assertThat(first.get("sourceTable").asText()).isEqualTo("case_info");
        assertThat(first.get("topic").asText()).isEqualTo("xd.raw.case_info");
        assertThat(first.get("partition").asLong()).isZero();
        assertThat(first.get("sourcePosition").asText()).isEqualTo("lsn:2");
        assertThat(first.get("reason").asText()).isEqualTo("column sblsh is empty");
        assertThat(first.get("deadLetteredAt").asText()).isEqualTo(Times.format(secondsAgo(15)));
        assertThat(recent.toString()).doesNotContain("430102199001011234");
    }

    @Test
    void rootServesThePageWithChineseLabelsAndItsScriptLocally() {
        HttpResponse<String> page = get(console.url() + "/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("吞吐量", "受理", "办结", "即办", "数据源", "捕获行数", "规范事件", "死信", "延迟", "最近心跳", "id=\"banners\"",
                "<script src=\"console.js\"></script>");
        assertThat(page.body()).doesNotContain("http://", "https://");

        HttpResponse<String> script = get(console.url() + "/console.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("'/api/pipeline'", "'/api/throughput'", "setBanner");
        assertThat(get(console.url() + "/console.css").statusCode()).isEqualTo(200);

        // ECharts comes from the WebJar on the classpath; a version bump in the pom without one in index.html fails here.
        Matcher echarts = Pattern.compile("<script src=\"(/webjars/echarts/[^\"]+)\">")
                .matcher(page.body());
        assertThat(echarts.find()).as("index.html loads ECharts from /webjars").isTrue();
        HttpResponse<String> library = get(console.url() + echarts.group(1));
        assertThat(library.statusCode()).as(echarts.group(1)).isEqualTo(200);
        assertThat(library.body()).contains("echarts");
    }

    @Test
    void healthAnswersWhileTheConsoleRuns() {
        HttpResponse<String> health = get(console.url() + ConsoleServer.HEALTH);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void aDatabaseWithoutTheTablesIsReportedAsAnErrorTheBannerShows() {
        try (ConsoleServer unmigrated = ConsoleServer.start(connection.withDatabase("default"), 0)) {
            HttpResponse<String> r = get(unmigrated.url() + ConsoleServer.API_PIPELINE);

            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(json(r).get("error").asText()).contains("database default", "UNKNOWN_TABLE", "apply the warehouse-schema migrations");
            assertThat(json(r).get("refreshIntervalMs").asLong()).isEqualTo(3000);
        }
    }

    @Test
    void anUnreachableClickHouseIsReportedAsAnErrorNotABlankPage() {
        ClickHouseConnection nowhere = ClickHouseConnection.of("http://127.0.0.1:" + FreePorts.next());
        try (ConsoleServer orphan = ConsoleServer.start(nowhere, 0)) {
            HttpResponse<String> r = get(orphan.url() + ConsoleServer.API_PIPELINE);

            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(json(r).get("error").asText()).startsWith("reading server clock from ClickHouse at " + nowhere.endpoint());
            assertThat(get(orphan.url() + "/").body()).contains("捕获行数");
        }
    }
}
