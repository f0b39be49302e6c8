package cn.xiaoneng.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xiaoneng.console.PipelineFacts.DeadLetterCount;
import cn.xiaoneng.console.PipelineFacts.DeadLetterEntry;
import cn.xiaoneng.console.PipelineFacts.Events;
import cn.xiaoneng.console.PipelineFacts.Lag;
import cn.xiaoneng.console.PipelineFacts.Receipts;
import cn.xiaoneng.console.PipelineStatus.SourceStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineStatusTest {
    private static final long MONDAY_1000 = OffsetDateTime.parse("2026-03-02T10:00:00+08:00").toInstant().toEpochMilli();
    private static final ConsoleOptions OPTIONS = ConsoleOptions.defaults();
    private static final Map<String, String> BUILT_IN_NAMES = Map.of(
            "lc", "市场监管局", "xd", "人力资源和社会保障局", "ex", "住房和城乡建设局");

    private static long secondsBefore(long instant, long seconds) {
        return instant - seconds * 1000;
    }

    private static PipelineFacts facts(Map<String, String> names, List<Receipts> receipts, List<Events> events, List<Lag> lags,
                                       List<DeadLetterCount> deadLetters, List<DeadLetterEntry> recent, Map<String, Long> heartbeats) {
        return new PipelineFacts(MONDAY_1000, names, receipts, events, lags, deadLetters, recent, heartbeats);
    }

    private static PipelineFacts emptyFacts() {
        return facts(Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Map.of());
    }

    private static SourceStatus row(PipelineStatus status, String sourceId) {
        return status.sources().stream().filter(s -> s.sourceId().equals(sourceId)).findFirst().orElseThrow();
    }

    @Test
    void everyKnownSourceGetsARowNamedFromTheDimensionOrderedById() {
        PipelineStatus status = PipelineStatus.of(facts(BUILT_IN_NAMES,
                List.of(new Receipts("lc", 10, 8, 1, 1, secondsBefore(MONDAY_1000, 2))),
                List.of(new Events("lc", 12)), List.of(), List.of(), List.of(), Map.of()), OPTIONS);

        assertThat(status.sources()).extracting(SourceStatus::sourceId).containsExactly("ex", "lc", "xd");
        assertThat(status.sources()).extracting(SourceStatus::name).containsExactly("住房和城乡建设局", "市场监管局", "人力资源和社会保障局");
        assertThat(row(status, "lc")).extracting(SourceStatus::capturedRows, SourceStatus::mappedRows, SourceStatus::noEventRows,
                SourceStatus::events).containsExactly(10L, 8L, 1L, 12L);
    }

    @Test
    void aSourceMissingFromTheDimensionIsShownByItsId() {
        PipelineStatus status = PipelineStatus.of(facts(Map.of(), List.of(), List.of(new Events("zz", 3)), List.of(),
                List.of(), List.of(), Map.of()), OPTIONS);

        assertThat(row(status, "zz").name()).isEqualTo("zz");
    }

    @Test
    void aKnownSourceThatNeverSentAnythingHasNoData() {
        PipelineStatus status = PipelineStatus.of(facts(BUILT_IN_NAMES, List.of(), List.of(), List.of(), List.of(), List.of(),
                Map.of()), OPTIONS);

        SourceStatus ex = row(status, "ex");
        assertThat(ex.health()).isEqualTo(SourceHealth.NO_DATA);
        assertThat(ex.healthLabel()).isEqualTo("无数据");
        assertThat(ex.lastHeardAt()).isNull();
        assertThat(ex.lastHeardAgeMs()).isNull();
        assertThat(ex.lag()).isNull();
    }

    @Test
    void anIdleSourceWithFreshHeartbeatsIsHealthyAndHasNoLag() {
        long heartbeat = secondsBefore(MONDAY_1000, 4);
        PipelineStatus status = PipelineStatus.of(facts(BUILT_IN_NAMES,
                List.of(new Receipts("xd", 5, 5, 0, 0, secondsBefore(MONDAY_1000, 3600))), List.of(new Events("xd", 5)),
                List.of(), List.of(), List.of(), Map.of("xd", heartbeat)), OPTIONS);

        SourceStatus xd = row(status, "xd");
        assertThat(xd.health()).isEqualTo(SourceHealth.OK);
        assertThat(xd.lastHeardAt()).isEqualTo("2026-03-02T09:59:56+08:00");
        assertThat(xd.lastHeartbeatAt()).isEqualTo(xd.lastHeardAt());
        assertThat(xd.lastRecordAt()).isEqualTo("2026-03-02T09:00:00+08:00");
        assertThat(xd.lastHeardAgeMs()).isEqualTo(4000L);
        assertThat(xd.lag()).isNull();
    }

    @Test
    void silenceLongerThanStaleAfterIsStaleEvenWithDeadLetters() {
        PipelineStatus status = PipelineStatus.of(facts(BUILT_IN_NAMES, List.of(), List.of(), List.of(),
                List.of(new DeadLetterCount("lc", "UNKNOWN_CODE", 2, 2)), List.of(),
                Map.of("lc", secondsBefore(MONDAY_1000, 61))), OPTIONS);

        assertThat(row(status, "lc").health()).isEqualTo(SourceHealth.STALE);
        assertThat(row(status, "lc").healthLabel()).isEqualTo("失联");
    }

    @Test
    void p95AboveTheWarningIsLaggingAndRecentDeadLettersWarnOtherwise() {
        long now = secondsBefore(MONDAY_1000, 1);
        PipelineStatus status = PipelineStatus.of(facts(BUILT_IN_NAMES, List.of(), List.of(),
                List.of(new Lag("lc", 100, 2_000, 61_000, 90_000), new Lag("xd", 10, 800, 1_500, 2_000)),
                List.of(new DeadLetterCount("xd", "MISSING_CASE_ID", 3, 1), new DeadLetterCount("ex", "UNKNOWN_CODE", 4, 0)),
                List.of(), Map.of("lc", now, "xd", now, "ex", now)), OPTIONS);

        assertThat(row(status, "lc").health()).isEqualTo(SourceHealth.LAGGING);
        assertThat(row(status, "xd").health()).isEqualTo(SourceHealth.DEAD_LETTERS);
        // Old dead letters stay counted but no longer colour the source.
        assertThat(row(status, "ex").health()).isEqualTo(SourceHealth.OK);
        assertThat(row(status, "ex").deadLetters()).isEqualTo(4);
    }

    @Test
    void deadLettersAreSummedPerSourceAndReasonsListedMostFrequentFirst() {
        PipelineStatus status = PipelineStatus.of(facts(BUILT_IN_NAMES, List.of(), List.of(), List.of(),
                List.of(new DeadLetterCount("xd", "IMPOSSIBLE_TIME", 1, 0),
                        new DeadLetterCount("xd", "UNKNOWN_CODE", 3, 1),
                        new DeadLetterCount("xd", "MISSING_CASE_ID", 1, 1)),
                List.of(), Map.of()), OPTIONS);

        SourceStatus xd = row(status, "xd");
        assertThat(xd.deadLetters()).isEqualTo(5);
        assertThat(xd.recentDeadLetters()).isEqualTo(2);
        assertThat(xd.deadLettersByReason()).extracting(PipelineStatus.ReasonCount::reasonCode)
                .containsExactly("UNKNOWN_CODE", "IMPOSSIBLE_TIME", "MISSING_CASE_ID");
        assertThat(status.totals().deadLetters()).isEqualTo(5);
    }

    @Test
    void totalsAddCountsAndTakeTheWorstMaximumLag() {
        PipelineStatus status = PipelineStatus.of(facts(BUILT_IN_NAMES,
                List.of(new Receipts("lc", 10, 10, 0, 0, MONDAY_1000), new Receipts("xd", 7, 6, 0, 1, MONDAY_1000)),
                List.of(new Events("lc", 20), new Events("xd", 6)),
                List.of(new Lag("lc", 20, 900, 1_800, 2_500), new Lag("xd", 6, 1_200, 3_000, 4_100)),
                List.of(new DeadLetterCount("xd", "UNKNOWN_CODE", 1, 1)), List.of(), Map.of()), OPTIONS);

        assertThat(status.totals()).isEqualTo(new PipelineStatus.Totals(17, 26, 1, 4_100L));
        assertThat(PipelineStatus.of(emptyFacts(), OPTIONS).totals()).isEqualTo(new PipelineStatus.Totals(0, 0, 0, null));
    }

    @Test
    void recentDeadLettersCarryTheSourceNameAndPositionButNoRawRecord() {
        PipelineStatus status = PipelineStatus.of(facts(BUILT_IN_NAMES, List.of(), List.of(), List.of(), List.of(),
                List.of(new DeadLetterEntry("xd", "case_info", "xd.raw.case_info", 1, 42, "mysql-bin.000003:1234",
                        "UNKNOWN_CODE", "status code 99 is not in xd.yaml statusCodes", secondsBefore(MONDAY_1000, 30))),
                Map.of()), OPTIONS);

        assertThat(status.recentDeadLetters()).containsExactly(new PipelineStatus.DeadLetterView("xd", "人力资源和社会保障局",
                "case_info", "xd.raw.case_info", 1, 42, "mysql-bin.000003:1234", "UNKNOWN_CODE",
                "status code 99 is not in xd.yaml statusCodes", "2026-03-02T09:59:30+08:00"));
    }

    @Test
    void jsonCarriesTheFieldNamesThePageReads() throws Exception {
        PipelineStatus status = PipelineStatus.of(facts(BUILT_IN_NAMES,
                List.of(new Receipts("lc", 10, 9, 0, 1, MONDAY_1000)), List.of(new Events("lc", 9)),
                List.of(new Lag("lc", 9, 700, 1_400, 1_900)), List.of(new DeadLetterCount("lc", "UNKNOWN_CODE", 1, 1)),
                List.of(), Map.of("lc", MONDAY_1000)), OPTIONS);

        JsonNode json = ConsoleServer.JSON.readTree(ConsoleServer.JSON.writeValueAsString(status));

        assertThat(json.get("generatedAt").asText()).isEqualTo("2026-03-02T10:00:00+08:00");
        assertThat(json.get("refreshIntervalMs").asLong()).isEqualTo(3000);
        assertThat(json.get("lagWindowSeconds").asLong()).isEqualTo(300);
        JsonNode lc = json.get("sources").get(1);
        assertThat(lc.get("sourceId").asText()).isEqualTo("lc");
        assertThat(lc.get("health").asText()).isEqualTo("DEAD_LETTERS");
        assertThat(lc.get("healthLabel").asText()).isEqualTo("有新死信");
        assertThat(lc.get("lag").get("p95Ms").asLong()).isEqualTo(1400);
        assertThat(lc.get("deadLettersByReason").get(0).get("reasonCode").asText()).isEqualTo("UNKNOWN_CODE");
        assertThat(json.get("sources").get(0).get("lag").isNull()).isTrue();
        assertThat(json.get("totals").get("maxLagMs").asLong()).isEqualTo(1900);
    }

    @Test
    void twoRowsForOneSourceAreABugNotAGuess() {
        PipelineFacts twice = facts(Map.of(), List.of(), List.of(new Events("lc", 1), new Events("lc", 2)), List.of(), List.of(),
                List.of(), Map.of());

        assertThatThrownBy(() -> PipelineStatus.of(twice, OPTIONS)).hasMessageContaining("two rows for source lc");
    }
}
