package cn.xiaoneng.deadline.engine;

import static cn.xiaoneng.deadline.engine.CaseHistory.millis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeclaredPauseReasonTest {

    @Test
    void theReasonReadsAsASentenceAndParsesBackIntoItsParts() {
        DeclaredPauseReason r = new DeclaredPauseReason("SY-20260303-01", "停电", "中心主任 周强", millis("2026-03-03T15:00"));
        assertThat(r.text()).isEqualTo("应急停表 SY-20260303-01 停电, 批准人 中心主任 周强 2026-03-03T15:00:00+08:00");
        assertThat(DeclaredPauseReason.parse(r.text())).contains(r);
    }

    @Test
    void anIncidentOfUnknownTypeHasNoLabel() {
        DeclaredPauseReason r = new DeclaredPauseReason("auto-silence-lc-20260303T100000.000", null, "主任", millis("2026-03-03T10:30"));
        assertThat(r.text()).isEqualTo("应急停表 auto-silence-lc-20260303T100000.000, 批准人 主任 2026-03-03T10:30:00+08:00");
        assertThat(DeclaredPauseReason.parse(r.text())).contains(r);
        assertThat(new DeclaredPauseReason("X", " ", "主任", 0).incidentTypeLabel()).isNull();
    }

    @Test
    void labelsAndApproversWithSpacesSlashesAndCommasRoundTrip() {
        DeclaredPauseReason r = new DeclaredPauseReason("GM-20260316-01", "网络/业务系统故障", "大厅值班长 梁敏, 副主任", millis("2026-03-16T08:35:12.345"));
        assertThat(DeclaredPauseReason.parse(r.text())).contains(r);
    }

    @Test
    void otherTextsAreNotDeclaredPauseReasons() {
        assertThat(DeclaredPauseReason.parse(null)).isEmpty();
        assertThat(DeclaredPauseReason.parse("专家评审")).isEmpty();
        assertThat(DeclaredPauseReason.parse("应急停表")).isEmpty();
        assertThat(DeclaredPauseReason.parse("应急停表 GM-1 停电")).as("no approver").isEmpty();
        assertThat(DeclaredPauseReason.parse("应急停表 GM-1 停电, 批准人 中心主任")).as("no time").isEmpty();
        assertThat(DeclaredPauseReason.parse("应急停表 GM-1 停电, 批准人 中心主任 昨天")).as("not an instant").isEmpty();
        assertThat(DeclaredPauseReason.parse("应急停表 GM-1, 批准人 2026-03-03T15:00:00+08:00")).as("no approver before the time").isEmpty();
        assertThat(DeclaredPauseReason.parse("应急停表 , 批准人 主任 2026-03-03T15:00:00+08:00")).as("no incident").isEmpty();
    }

    @Test
    void anIdThatWouldNotParseBackOrAMissingApproverIsRefused() {
        assertThatThrownBy(() -> new DeclaredPauseReason("GM 1", null, "主任", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GM 1");
        assertThatThrownBy(() -> new DeclaredPauseReason("GM,1", null, "主任", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeclaredPauseReason("GM-1", null, " ", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("approver");
        assertThatThrownBy(() -> new DeclaredPauseReason("GM-1", null, null, 0)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theStepIdNamesTheIncident() {
        assertThat(Conventions.declaredPauseStepId("GM-1")).isEqualTo("incident:GM-1");
    }
}
