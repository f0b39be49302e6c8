package cn.xiaoneng.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.console.SupervisionFacts.KindCount;
import cn.xiaoneng.console.ThroughputFacts.Names;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupervisionReportTest {
    private static final Names NO_NAMES = new Names(Map.of(), Map.of(), Map.of());

    @Test
    void departmentsWithMoreRedCardsComeFirstWhateverTheirTotals() {
        SupervisionFacts facts = new SupervisionFacts(0, NO_NAMES, List.of(
                new KindCount("c", "busy", "WARNING", "预警", 40), new KindCount("c", "busy", "YELLOW", "黄牌", 3),
                new KindCount("c", "late", "RED", "红牌", 1)), 12, List.of());
        SupervisionReport r = SupervisionReport.of(facts, ConsoleOptions.defaults());
        assertThat(r.departments()).extracting(SupervisionReport.DepartmentRow::departmentId).containsExactly("late", "busy");
        assertThat(r.departments().get(1).total()).isEqualTo(43);
        assertThat(r.totals()).containsExactly(Map.entry("RED", 1L), Map.entry("YELLOW", 3L), Map.entry("DEEMED_CONSENT", 0L),
                Map.entry("ABSENCE_DEFAULT", 0L), Map.entry("STEP_OVERRUN", 0L), Map.entry("WARNING", 40L));
        assertThat(r.kinds()).extracting(SupervisionReport.Kind::label).containsExactly("红牌", "黄牌", "超时默许", "缺席默认", "环节超时", "预警");
    }

    @Test
    void trackingLinksEscapeIdsAndDaysRoundToOneDecimal() {
        assertThat(SupervisionReport.trackingUrl("hn cs", "LC/2026 #1")).isEqualTo("/cases/hn%20cs/LC%2F2026%20%231");
        assertThat(SupervisionReport.days(-129_600_000L)).isEqualByComparingTo("-1.5");
        assertThat(SupervisionReport.days(null)).isNull();
    }
}
