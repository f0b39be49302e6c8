package cn.xiaoneng.console;

import static cn.xiaoneng.console.ThroughputFixtures.CENTER;
import static cn.xiaoneng.console.ThroughputFixtures.LABOUR;
import static cn.xiaoneng.console.ThroughputFixtures.MARKET;
import static cn.xiaoneng.console.ThroughputFixtures.W01;
import static cn.xiaoneng.console.ThroughputFixtures.W07;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.util.Objects;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /api/throughput against a real ClickHouse with the real migrations and one business day of DWS rows
 * ({@link ThroughputFixtures}): the figures must be exactly the highest versions of the buckets in the views, in
 * business time, however far the wall clock is from the simulated office day.
 */
class ThroughputApiIT {
    private static final String DB = "throughput_it";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static ClickHouseServer clickHouse;
    static ClickHouseConnection connection;
    static ConsoleServer console;

    @BeforeAll
    static void startClickHouseAndConsole() {
        clickHouse = ClickHouseServer.start(TestDirs.fresh("throughput-it"));
        connection = ClickHouseConnection.builder(clickHouse.httpUrl()).database(DB).build();
        new Migrator(connection).migrate();
        ThroughputFixtures.loadNames(clickHouse, connection, DB);
        ThroughputFixtures.writeBusinessDay(clickHouse, DB);
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

    private static JsonNode throughput(ConsoleServer server) {
        HttpResponse<String> r = get(server.url() + ConsoleServer.API_THROUGHPUT);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + r.body(), e);
        }
    }

    static JsonNode row(JsonNode period, String level, String dept, String window, String kind) {
        return StreamSupport.stream(period.get("rows").spliterator(), false)
                .filter(r -> r.get("level").asText().equals(level) && Objects.equals(text(r, "departmentId"), dept)
                        && Objects.equals(text(r, "windowId"), window) && Objects.equals(text(r, "caseKind"), kind))
                .findFirst().orElseThrow(() -> new AssertionError("no " + level + " " + dept + "/" + window + "/" + kind));
    }

    private static String text(JsonNode n, String field) {
        return n.get(field).isNull() ? null : n.get(field).asText();
    }

    @Test
    void businessNowIsTheLatestBucketInTheDataNotTheWallClock() {
        JsonNode t = throughput(console);

        assertThat(t.get("asOf").asText()).isEqualTo(ThroughputFixtures.AS_OF);
        assertThat(t.get("businessDay").asText()).isEqualTo(ThroughputFixtures.DAY);
        assertThat(t.get("timeZone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(t.get("generatedAt").asText()).as("read at: the real clock").doesNotStartWith(ThroughputFixtures.DAY);
    }

    @Test
    void todayCountsOnlyTheHighestVersionOfEachDayBucketAndNotYesterday() {
        JsonNode today = throughput(console).get("today");

        JsonNode totals = today.get("totals");
        assertThat(totals.get("accepted").asLong()).isEqualTo(19);
        assertThat(totals.get("completed").asLong()).isEqualTo(14);
        assertThat(totals.get("returned").asLong()).isEqualTo(1);
        assertThat(totals.get("supplementRequested").asLong()).isEqualTo(1);
        assertThat(totals.get("immediateShare").asDouble()).isEqualTo(14.0 / 19);
        assertThat(today.get("table").asText()).isEqualTo("dws_throughput_day");

        JsonNode market = row(today, "department", MARKET, null, null);
        assertThat(market.get("departmentName").asText()).isEqualTo("市场监管局");
        assertThat(market.get("figures").get("accepted").asLong()).isEqualTo(16);
        assertThat(market.get("figures").get("immediateShare").asDouble()).isEqualTo(14.0 / 16);

        JsonNode immediate = row(today, "kind", MARKET, W01, "IMMEDIATE").get("figures");
        assertThat(immediate.get("accepted").asLong()).as("version 25, not the stale version 12").isEqualTo(14);
        assertThat(immediate.get("quantiles").asText()).isEqualTo("EXACT");
        assertThat(immediate.get("handlingP50S").asDouble()).isEqualTo(290.0);
        assertThat(immediate.get("handlingP90S").asDouble()).isEqualTo(480.0);
        assertThat(immediate.get("handlingAvgS").asDouble()).isCloseTo(3560.0 / 11, within(1e-9));
        assertThat(row(today, "window", MARKET, W01, null).get("windowName").asText()).isEqualTo("1号窗口");

        JsonNode w07 = row(today, "window", LABOUR, W07, null);
        assertThat(w07.get("windowName").asText()).as("unnamed in dim_window: shown by id").isEqualTo(W07);
        assertThat(w07.get("figures").get("quantiles").asText()).isEqualTo("NOT_MERGEABLE");
        assertThat(w07.get("figures").get("handlingP50S").isNull()).isTrue();
        assertThat(w07.get("figures").get("handlingAvgS").asDouble()).isCloseTo((172_800 + 7_400) / 3.0, within(1e-9));
        assertThat(row(today, "center", null, null, null).get("centerName").asText()).isEqualTo("长沙市政务服务中心");
        assertThat(row(today, "center", null, null, null).get("centerId").asText()).isEqualTo(CENTER);
    }

    @Test
    void recentMinutesCountTheHighestVersionsWithinTheViewAndShowAveragesNotQuantiles() {
        JsonNode t = throughput(console);
        JsonNode recent = t.get("recent");

        assertThat(recent.get("from").asText()).isEqualTo("2026-03-02T09:46:00+08:00");
        assertThat(recent.get("to").asText()).isEqualTo("2026-03-02T10:16:00+08:00");
        assertThat(recent.get("totals").get("accepted").asLong()).as("3 + 2 + 1; 09:40 is outside, version 2 is stale")
                .isEqualTo(6);
        assertThat(recent.get("totals").get("completed").asLong()).isEqualTo(3);
        assertThat(recent.get("totals").get("quantiles").asText()).isEqualTo("NOT_MERGEABLE");
        assertThat(recent.get("totals").get("handlingAvgS").asDouble()).isCloseTo((640 + 172_800) / 3.0, within(1e-9));
        assertThat(row(recent, "kind", MARKET, W01, "IMMEDIATE").get("figures").get("accepted").asLong()).isEqualTo(3);

        JsonNode points = t.get("perMinute");
        assertThat(points).hasSize(30);
        JsonNode last = points.get(29);
        assertThat(last.get("label").asText()).isEqualTo("10:15");
        assertThat(last.get("accepted").asLong()).isEqualTo(3);
        assertThat(last.get("completed").asLong()).isEqualTo(2);
        assertThat(points.get(14).get("label").asText()).isEqualTo("10:00");
        assertThat(points.get(14).get("accepted").asLong()).isEqualTo(1);
    }

    @Test
    void hoursOfTodayComeFromTheHourTableWithTheCorrectedVersion() {
        JsonNode hours = throughput(console).get("hours");

        assertThat(hours).extracting(h -> h.get("label").asText()).containsExactly("09:00–10:00", "10:00–11:00");
        assertThat(hours.get(0).get("totals").get("accepted").asLong()).isEqualTo(12);
        JsonNode ten = hours.get(1);
        assertThat(ten.get("totals").get("accepted").asLong()).as("4 (version 7, not 2) + 2 + 1").isEqualTo(7);
        assertThat(ten.get("totals").get("returned").asLong()).isEqualTo(1);
        JsonNode immediate = row(ten, "kind", MARKET, W01, "IMMEDIATE").get("figures");
        assertThat(immediate.get("handlingP50S").asDouble()).isEqualTo(300.0);
        assertThat(immediate.get("handlingP90S").asDouble()).isEqualTo(420.0);
    }

    @Test
    void aMigratedDatabaseWithoutThroughputSaysSoInsteadOfFailing() {
        ClickHouseConnection fresh = connection.withDatabase("throughput_empty");
        new Migrator(fresh).migrate();
        try (ConsoleServer empty = ConsoleServer.start(fresh, 0)) {
            JsonNode t = throughput(empty);

            assertThat(t.get("asOf").isNull()).isTrue();
            assertThat(t.get("today").isNull()).isTrue();
            assertThat(t.get("hours")).isEmpty();
        }
    }

    @Test
    void aDatabaseWithoutTheTablesIsReportedAsAnErrorTheBannerShows() {
        try (ConsoleServer unmigrated = ConsoleServer.start(connection.withDatabase("default"), 0)) {
            HttpResponse<String> r = get(unmigrated.url() + ConsoleServer.API_THROUGHPUT);

            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("reading business clock from ClickHouse", "UNKNOWN_TABLE",
                    "apply the warehouse-schema migrations");
        }
    }
}
