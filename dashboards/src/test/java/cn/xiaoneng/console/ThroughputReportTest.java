package cn.xiaoneng.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.xiaoneng.console.ThroughputFacts.BucketRow;
import cn.xiaoneng.console.ThroughputFacts.BusinessWindow;
import cn.xiaoneng.console.ThroughputFacts.DepartmentKey;
import cn.xiaoneng.console.ThroughputFacts.Names;
import cn.xiaoneng.console.ThroughputFacts.WindowKey;
import cn.xiaoneng.console.ThroughputReport.Figures;
import cn.xiaoneng.console.ThroughputReport.Period;
import cn.xiaoneng.console.ThroughputReport.Point;
import cn.xiaoneng.console.ThroughputReport.Row;
import cn.xiaoneng.model.Times;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class ThroughputReportTest {
    private static final String CENTER = "hn-cs-zwzx";
    /** The business clock of the fixtures: the latest minute bucket starts at 10:15 on Monday 2 March 2026. */
    private static final long MONDAY_1015 = at("2026-03-02T10:15:00+08:00");
    private static final long MONDAY_0000 = at("2026-03-02T00:00:00+08:00");
    private static final ConsoleOptions OPTIONS = ConsoleOptions.defaults();
    private static final BusinessWindow WINDOW = BusinessWindow.of(MONDAY_1015, Duration.ofMinutes(30), Times.CHINA);
    private static final Names NAMES = new Names(Map.of(CENTER, "长沙市政务服务中心"),
            Map.of(new DepartmentKey(CENTER, "scjg"), "市场监管局", new DepartmentKey(CENTER, "rsj"), "人力资源和社会保障局"),
            Map.of(new WindowKey(CENTER, "scjg", "W01"), "1号窗口"));

    private static long at(String iso) {
        return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
    }

    /** A bucket row with only counts; {@link #handled} adds handling-time samples. */
    private static BucketRow bucket(String dept, String window, String kind, long start, long accepted, long completed) {
        return new BucketRow(CENTER, dept, window, kind, start, accepted, completed, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private static BucketRow handled(BucketRow r, long handled, double p50, double p90, double sum) {
        return new BucketRow(r.centerId(), r.departmentId(), r.windowId(), r.caseKind(), r.bucketStartMillis(), r.accepted(),
                r.completed(), r.returned(), r.notAccepted(), r.withdrawn(), r.supplementRequested(), handled, p50, p90, sum);
    }

    private static BucketRow closedOtherwise(BucketRow r, long returned, long notAccepted, long withdrawn, long supplement) {
        return new BucketRow(r.centerId(), r.departmentId(), r.windowId(), r.caseKind(), r.bucketStartMillis(), r.accepted(),
                r.completed(), returned, notAccepted, withdrawn, supplement, r.handled(), r.handlingP50S(), r.handlingP90S(),
                r.handlingSumS());
    }

    private static ThroughputReport report(List<BucketRow> minutes, List<BucketRow> hours, List<BucketRow> days) {
        return ThroughputReport.of(new ThroughputFacts(MONDAY_1015 + 5_000, WINDOW, NAMES, minutes, hours, days), OPTIONS);
    }

    private static Row row(Period p, String level, String dept, String window, String kind) {
        return p.rows().stream()
                .filter(r -> r.level().equals(level) && Objects.equals(r.departmentId(), dept)
                        && Objects.equals(r.windowId(), window) && Objects.equals(r.caseKind(), kind))
                .findFirst().orElseThrow(() -> new AssertionError("no " + level + " row " + dept + "/" + window + "/" + kind
                        + " in " + p.rows()));
    }

    @Test
    void immediateShareIsAcceptedImmediateCasesOverAllAccepted() {
        ThroughputReport r = report(List.of(), List.of(), List.of(
                bucket("scjg", "W01", "IMMEDIATE", MONDAY_0000, 3, 2),
                bucket("scjg", "W01", "COMMITTED", MONDAY_0000, 1, 0),
                bucket("rsj", "W07", "COMMITTED", MONDAY_0000, 4, 1)));

        assertThat(row(r.today(), "window", "scjg", "W01", null).figures().immediateShare()).isEqualTo(0.75);
        assertThat(row(r.today(), "department", "scjg", null, null).figures().immediateShare()).isEqualTo(0.75);
        assertThat(row(r.today(), "department", "rsj", null, null).figures().immediateShare()).isEqualTo(0.0);
        Figures total = r.today().totals();
        assertThat(total.accepted()).isEqualTo(8);
        assertThat(total.immediateAccepted()).isEqualTo(3);
        assertThat(total.immediateShare()).isEqualTo(3.0 / 8);
    }

    @Test
    void nothingAcceptedMeansNoShareRatherThanZeroPercent() {
        ThroughputReport r = report(List.of(), List.of(), List.of(bucket("scjg", "W01", "IMMEDIATE", MONDAY_0000, 0, 5)));

        assertThat(r.today().totals().immediateShare()).isNull();
        assertThat(r.today().totals().completed()).isEqualTo(5);
    }

    @Test
    void averageHandlingTimeIsTotalTimeOverAllCompletionsNotAMeanOfBucketAverages() {
        // 1 completion of 100 s in one minute, 3 taking 900 s together in another: 1000 / 4 = 250 s (not (100 + 300) / 2).
        ThroughputReport r = report(List.of(
                handled(bucket("scjg", "W01", "IMMEDIATE", MONDAY_1015 - 120_000, 1, 1), 1, 100, 100, 100),
                handled(bucket("scjg", "W01", "IMMEDIATE", MONDAY_1015, 0, 3), 3, 300, 400, 900)), List.of(), List.of());

        Figures kind = row(r.recent(), "kind", "scjg", "W01", "IMMEDIATE").figures();
        assertThat(kind.handled()).isEqualTo(4);
        assertThat(kind.handlingAvgS()).isEqualTo(250.0);
        assertThat(kind.handlingP50S()).as("two minute buckets hold samples: their medians do not combine").isNull();
        assertThat(kind.handlingP90S()).isNull();
        assertThat(kind.quantiles()).isEqualTo(ThroughputReport.QUANTILES_NOT_MERGEABLE);
    }

    @Test
    void quantilesAreShownExactlyWhenOneBucketRowHoldsEverySample() {
        ThroughputReport r = report(List.of(), List.of(), List.of(
                handled(bucket("scjg", "W01", "IMMEDIATE", MONDAY_0000, 5, 4), 4, 600, 1500, 3000),
                bucket("scjg", "W01", "COMMITTED", MONDAY_0000, 2, 0),
                handled(bucket("rsj", "W07", "COMMITTED", MONDAY_0000, 1, 1), 1, 86_400, 86_400, 86_400),
                handled(bucket("rsj", "W07", "URGENT", MONDAY_0000, 1, 1), 1, 3_600, 3_600, 3_600)));

        Figures kind = row(r.today(), "kind", "scjg", "W01", "IMMEDIATE").figures();
        assertThat(kind.quantiles()).isEqualTo(ThroughputReport.QUANTILES_EXACT);
        assertThat(kind.handlingP50S()).isEqualTo(600.0);
        assertThat(kind.handlingP90S()).isEqualTo(1500.0);
        // W01's committed cases completed nothing, so every W01 sample is in the immediate row: still exact.
        Figures window = row(r.today(), "window", "scjg", "W01", null).figures();
        assertThat(window.quantiles()).isEqualTo(ThroughputReport.QUANTILES_EXACT);
        assertThat(window.handlingP50S()).isEqualTo(600.0);
        assertThat(row(r.today(), "kind", "scjg", "W01", "COMMITTED").figures().quantiles())
                .isEqualTo(ThroughputReport.QUANTILES_NO_SAMPLES);
        Figures w07 = row(r.today(), "window", "rsj", "W07", null).figures();
        assertThat(w07.quantiles()).isEqualTo(ThroughputReport.QUANTILES_NOT_MERGEABLE);
        assertThat(w07.handlingP50S()).isNull();
        assertThat(w07.handlingAvgS()).isEqualTo((86_400 + 3_600) / 2.0);
    }

    @Test
    void returnsRefusalsWithdrawalsAndSupplementsAreCountedApartFromCompletions() {
        ThroughputReport r = report(List.of(), List.of(), List.of(
                closedOtherwise(bucket("scjg", "W01", "COMMITTED", MONDAY_0000, 6, 2), 1, 2, 1, 3)));

        Figures f = r.today().totals();
        assertThat(f).extracting(Figures::accepted, Figures::completed, Figures::returned, Figures::notAccepted,
                Figures::withdrawn, Figures::supplementRequested).containsExactly(6L, 2L, 1L, 2L, 1L, 3L);
    }

    @Test
    void rowsFormATreeOrderedByIdWithCaseKindsInTheStandardsOrderAndNamesFromTheDimensions() {
        ThroughputReport r = report(List.of(), List.of(), List.of(
                bucket("scjg", "W01", "URGENT", MONDAY_0000, 1, 0),
                bucket("scjg", "W01", "", MONDAY_0000, 1, 0),
                bucket("scjg", "W01", "IMMEDIATE", MONDAY_0000, 1, 0),
                bucket("scjg", "", "COMMITTED", MONDAY_0000, 1, 0),
                bucket("rsj", "W07", "COMMITTED", MONDAY_0000, 1, 0),
                bucket("zjj", "W09", "JOINT", MONDAY_0000, 1, 0)));

        assertThat(r.today().rows()).extracting(row -> row.level() + " " + switch (row.level()) {
            case "center" -> row.centerName();
            case "department" -> row.departmentName();
            case "window" -> row.windowName();
            default -> row.caseKindLabel();
        }).containsExactly(
                "center 长沙市政务服务中心",
                "department 人力资源和社会保障局", "window W07", "kind 承诺件",
                "department 市场监管局", "window （未注明窗口）", "kind 承诺件",
                "window 1号窗口", "kind 即办件", "kind 急办件", "kind （未知类型）",
                "department zjj", "window W09", "kind 联办件");
        assertThat(row(r.today(), "center", null, null, null).figures().accepted()).isEqualTo(6);
    }

    @Test
    void businessNowIsTheLatestBucketAndTodayIsItsDayInShanghai() {
        assertThat(WINDOW.asOfMillis()).isEqualTo(MONDAY_1015);
        assertThat(WINDOW.recentFromMillis()).isEqualTo(at("2026-03-02T09:46:00+08:00"));
        assertThat(WINDOW.recentToMillis()).isEqualTo(at("2026-03-02T10:16:00+08:00"));
        assertThat(WINDOW.day()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(WINDOW.dayStartMillis()).isEqualTo(MONDAY_0000);
        assertThat(WINDOW.dayEndMillis()).isEqualTo(at("2026-03-03T00:00:00+08:00"));

        ThroughputReport r = report(List.of(), List.of(), List.of());
        assertThat(r.asOf()).isEqualTo("2026-03-02T10:15:00+08:00");
        assertThat(r.businessDay()).isEqualTo("2026-03-02");
        assertThat(r.generatedAt()).isEqualTo("2026-03-02T10:15:05+08:00");
        assertThat(r.today().label()).isEqualTo("今日 2026-03-02");
    }

    @Test
    void justAfterMidnightTheRecentViewReachesBackIntoYesterdayButTodayStartsAtMidnight() {
        BusinessWindow w = BusinessWindow.of(at("2026-03-03T00:10:00+08:00"), Duration.ofMinutes(30), Times.CHINA);

        assertThat(w.recentFromMillis()).isEqualTo(at("2026-03-02T23:41:00+08:00"));
        assertThat(w.day()).isEqualTo(LocalDate.of(2026, 3, 3));
        assertThat(w.dayStartMillis()).isEqualTo(at("2026-03-03T00:00:00+08:00"));
    }

    @Test
    void perMinutePointsCoverEveryMinuteOfTheRecentViewWithQuietMinutesAsZeros() {
        ThroughputReport r = report(List.of(
                bucket("scjg", "W01", "IMMEDIATE", at("2026-03-02T09:46:00+08:00"), 2, 1),
                bucket("rsj", "W07", "COMMITTED", MONDAY_1015, 1, 0),
                bucket("scjg", "W01", "IMMEDIATE", MONDAY_1015, 3, 2)), List.of(), List.of());

        List<Point> points = r.perMinute();
        assertThat(points).hasSize(30);
        assertThat(points.get(0)).isEqualTo(new Point("2026-03-02T09:46:00+08:00", "09:46", 2, 1));
        assertThat(points.get(1)).isEqualTo(new Point("2026-03-02T09:47:00+08:00", "09:47", 0, 0));
        assertThat(points.get(29)).isEqualTo(new Point("2026-03-02T10:15:00+08:00", "10:15", 4, 2));
        assertThat(r.recentMinutes()).isEqualTo(30);
        assertThat(r.recent().totals().accepted()).isEqualTo(6);
        assertThat(r.recent().from()).isEqualTo("2026-03-02T09:46:00+08:00");
        assertThat(r.recent().to()).isEqualTo("2026-03-02T10:16:00+08:00");
    }

    @Test
    void hoursRunFromTheFirstWithDataToTheCurrentOneWithQuietHoursAsEmptyPeriods() {
        ThroughputReport r = report(List.of(), List.of(
                bucket("scjg", "W01", "IMMEDIATE", at("2026-03-02T08:00:00+08:00"), 4, 3),
                bucket("scjg", "W01", "IMMEDIATE", at("2026-03-02T10:00:00+08:00"), 1, 1)), List.of());

        assertThat(r.hours()).extracting(Period::label).containsExactly("08:00–09:00", "09:00–10:00", "10:00–11:00");
        assertThat(r.hours()).extracting(h -> h.totals().accepted()).containsExactly(4L, 0L, 1L);
        assertThat(r.hours().get(1).rows()).isEmpty();
        assertThat(r.hours().get(0).from()).isEqualTo("2026-03-02T08:00:00+08:00");
        assertThat(r.hours().get(0).table()).isEqualTo("dws_throughput_hour");
        assertThat(row(r.hours().get(0), "kind", "scjg", "W01", "IMMEDIATE").figures().accepted()).isEqualTo(4);
    }

    @Test
    void aDayWithoutHourBucketsYetStillShowsTheCurrentHour() {
        ThroughputReport r = report(List.of(bucket("scjg", "W01", "IMMEDIATE", MONDAY_1015, 1, 0)), List.of(), List.of());

        assertThat(r.hours()).extracting(Period::label).containsExactly("10:00–11:00");
        assertThat(r.today().rows()).isEmpty();
        assertThat(r.today().totals().accepted()).isZero();
        assertThat(r.today().totals().handlingAvgS()).isNull();
    }

    @Test
    void emptyTablesGiveAReportWithoutPeriodsThatThePageCanStillRead() throws Exception {
        ThroughputReport r = ThroughputReport.of(ThroughputFacts.empty(MONDAY_1015, Names.none()), OPTIONS);

        assertThat(r.asOf()).isNull();
        assertThat(r.today()).isNull();
        assertThat(r.recent()).isNull();
        assertThat(r.hours()).isEmpty();
        assertThat(r.perMinute()).isEmpty();
        JsonNode json = ConsoleServer.JSON.readTree(ConsoleServer.JSON.writeValueAsString(r));
        assertThat(json.get("asOf").isNull()).isTrue();
        assertThat(json.get("refreshIntervalMs").asLong()).isEqualTo(3000);
        assertThat(json.get("timeZone").asText()).isEqualTo("Asia/Shanghai");
    }

    @Test
    void jsonFieldNamesAreTheContractWithThePage() throws Exception {
        ThroughputReport r = report(List.of(), List.of(),
                List.of(handled(bucket("scjg", "W01", "IMMEDIATE", MONDAY_0000, 2, 1), 1, 60, 90, 60)));

        JsonNode json = ConsoleServer.JSON.readTree(ConsoleServer.JSON.writeValueAsString(r));
        assertThat(json.fieldNames()).toIterable().containsExactly("generatedAt", "refreshIntervalMs", "timeZone", "asOf",
                "businessDay", "recentMinutes", "recent", "perMinute", "today", "hours");
        JsonNode kind = json.get("today").get("rows").get(3);
        assertThat(kind.fieldNames()).toIterable().containsExactly("level", "centerId", "centerName", "departmentId",
                "departmentName", "windowId", "windowName", "caseKind", "caseKindLabel", "figures");
        assertThat(kind.get("figures").fieldNames()).toIterable().containsExactly("accepted", "completed", "returned",
                "notAccepted", "withdrawn", "supplementRequested", "immediateAccepted", "immediateShare", "handled",
                "handlingAvgS", "handlingP50S", "handlingP90S", "quantiles");
        assertThat(kind.get("figures").get("handlingP90S").asDouble()).isCloseTo(90.0, within(1e-9));
    }
}
