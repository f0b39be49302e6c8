package cn.xiaoneng.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xiaoneng.console.IncidentFacts.Backfill;
import cn.xiaoneng.console.IncidentFacts.Card;
import cn.xiaoneng.console.IncidentFacts.Deadline;
import cn.xiaoneng.console.IncidentFacts.Incident;
import cn.xiaoneng.console.IncidentFacts.Throughput;
import cn.xiaoneng.console.IncidentReport.IncidentLine;
import cn.xiaoneng.console.ThroughputFacts.DepartmentKey;
import cn.xiaoneng.console.ThroughputFacts.Names;
import cn.xiaoneng.console.ThroughputFacts.WindowKey;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentReportTest {
    private static final String C = "hn-cs-zwzx";
    private static final Names NAMES = new Names(Map.of(C, "长沙市政务服务中心"), Map.of(new DepartmentKey(C, "crj"), "出入境"),
            Map.of(new WindowKey(C, "crj", "W11"), "11号窗口"));

    private static long at(String local) {
        return OffsetDateTime.parse(local + ":00+08:00").toInstant().toEpochMilli();
    }

    private static Incident incident(String id, String type, String level, boolean confirmed, String status) {
        return new Incident(C, id, type, level, confirmed, !confirmed, status, "OPS_LOG", "", at("2026-03-03T14:00"), at("2026-03-03T14:05"),
                null, null, List.of("crj"), List.of("W11", "W12"), 5, 1, 1, "hn-cs-zwzx/incident-2026.1", at("2026-03-03T17:00"));
    }

    private static Deadline deadline(String id, String key, String qualifier, String status, Integer met, String due) {
        return new Deadline(C, id, key, qualifier, "II", at("2026-03-03T14:05"), due == null ? null : at(due), "PT2H", "CLOCK", null, status, met);
    }

    private static Card card(String id, String cardId, String status, String label) {
        return new Card(C, id, cardId, status, "WRITTEN_REPORT_OVERDUE", label, "writtenReport", at("2026-03-03T16:05"), "II", true,
                at("2026-03-03T16:05"), "v1", "附录C 信息报告", "…", "{}");
    }

    /** The substation outage of docs/incidents.md, as the warehouse has it at 17:00 on the first day. */
    private static IncidentFacts facts() {
        return new IncidentFacts(at("2026-03-03T17:00"), NAMES,
                List.of(incident("SY-1", "POWER_OUTAGE", "II", true, "OPEN"), incident("AUTO-1", "SYSTEM_FAILURE", "IV", false, "SUSPECTED"),
                        incident("OLD-1", "FIRE_EVACUATION", "III", true, "DISMISSED")),
                List.of(deadline("SY-1", "verbalReport", "verbalReport", "MET", 1, "2026-03-03T14:35"),
                        deadline("SY-1", "writtenReport", "writtenReport", "UNMET", 0, "2026-03-03T16:05"),
                        deadline("SY-1", "restoration", "restoration", "UNMET", 0, "2026-03-03T18:05"),
                        deadline("SY-1", "followUpInterval", "followUp#2", "MOOT", null, null)),
                List.of(card("SY-1", "a", "RAISED", "书面报告超时"), card("SY-1", "b", "RAISED", "临时措施超时"), card("SY-1", "b", "RETRACTED", "临时措施超时")),
                List.of(new Throughput(C, "SY-1", "department", "crj", "", at("2026-03-03T14:00"), at("2026-03-03T17:00"), 3, 24.0, 0.125, 21.0,
                                3, 0, 4),
                        new Throughput(C, "SY-1", "window", "crj", "W11", at("2026-03-03T14:00"), at("2026-03-03T17:00"), 0, null, null, null, 3,
                                1, 0)),
                List.of(new Backfill(C, "SY-1", "crj", 4, 3, 7_200_000L, 14_400_000L, at("2026-03-04T18:40"), 6L, 3L)),
                List.of(), List.of(), List.of());
    }

    @Test
    void labelsAreChineseAndOpenAndSuspectedAreCounted() {
        IncidentReport r = IncidentReport.of(facts(), ConsoleOptions.defaults());
        assertThat(r.open()).isEqualTo(2);
        assertThat(r.suspected()).isEqualTo(1);
        IncidentLine sy = r.incidents().get(0);
        assertThat(sy.typeLabel()).isEqualTo("停电");
        assertThat(sy.levelLabel()).isEqualTo("重大(II级)");
        assertThat(sy.statusLabel()).isEqualTo("处置中");
        assertThat(sy.confirmationLabel()).isEqualTo("已确认");
        assertThat(sy.centerName()).isEqualTo("长沙市政务服务中心");
        assertThat(sy.departments()).extracting(IncidentReport.Named::name).containsExactly("出入境");
        assertThat(sy.windows()).extracting(IncidentReport.Named::name).as("W12 has no name: its id").containsExactly("11号窗口", "W12");
        assertThat(r.incidents().get(1).confirmationLabel()).isEqualTo("疑似");
        assertThat(r.incidents().get(2).confirmationLabel()).isEqualTo("已排除");
        assertThat(r.incidents().get(2).statusLabel()).isEqualTo("已排除");
    }

    @Test
    void deadlinesMissedAreThoseDueAndNotMetInTime() {
        IncidentLine sy = IncidentReport.of(facts(), ConsoleOptions.defaults()).incidents().get(0);
        assertThat(sy.deadlines()).extracting(IncidentReport.DeadlineLine::label)
                .containsExactly("口头报告", "书面报告", "恢复服务", "续报 #2");
        assertThat(sy.deadlines()).extracting(IncidentReport.DeadlineLine::statusLabel)
                .containsExactly("按时", "未完成", "未完成", "无需（已结束）");
        assertThat(sy.deadlinesMet()).isEqualTo(1);
        assertThat(sy.deadlinesMissed()).as("restoration is due only at 18:05").isEqualTo(1);
    }

    @Test
    void onlyRaisedUnretractedCardsStandAndThePanelCarriesNoEvidence() {
        IncidentReport r = IncidentReport.of(facts(), ConsoleOptions.defaults());
        IncidentLine sy = r.incidents().get(0);
        assertThat(sy.standingCards()).extracting(IncidentReport.CardLine::label).containsExactly("书面报告超时");
        assertThat(sy.standingCards().get(0).evidence()).isNull();
        assertThat(sy.timeline()).isNull();
        assertThat(r.incidents().get(1).standingCards()).isEmpty();
    }

    @Test
    void impactKeepsAMissingBaselineMissing() {
        IncidentLine sy = IncidentReport.of(facts(), ConsoleOptions.defaults()).incidents().get(0);
        assertThat(sy.impact().departments()).singleElement().satisfies(t -> {
            assertThat(t.departmentName()).isEqualTo("出入境");
            assertThat(t.ratio()).isEqualTo(0.125);
        });
        assertThat(sy.impact().windows()).singleElement().satisfies(t -> {
            assertThat(t.windowName()).isEqualTo("11号窗口");
            assertThat(t.baseline()).isNull();
            assertThat(t.hoursWithoutBaseline()).isEqualTo(1);
        });
        assertThat(sy.impact().backfill()).singleElement().satisfies(b -> {
            assertThat(b.missing()).isEqualTo(3);
            assertThat(b.lastEnteredAt()).isEqualTo("2026-03-04T18:40:00+08:00");
        });
    }

    @Test
    void urlsEncodeIdsAndThePanelRefreshesNoFasterThanFifteenSeconds() {
        assertThat(IncidentReport.url(C, "auto-window-rsj-W07-20260317T100000.000")).isEqualTo("/incidents/hn-cs-zwzx/auto-window-rsj-W07-20260317T100000.000");
        assertThat(IncidentReport.url(C, "GM#1 a")).isEqualTo("/incidents/hn-cs-zwzx/GM%231%20a");
        assertThat(IncidentReport.of(facts(), ConsoleOptions.defaults()).refreshIntervalMs()).isEqualTo(15_000);
        assertThatThrownBy(() -> IncidentReport.page(new IncidentFacts(0, NAMES, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of()))).isInstanceOf(IllegalArgumentException.class);
    }
}
