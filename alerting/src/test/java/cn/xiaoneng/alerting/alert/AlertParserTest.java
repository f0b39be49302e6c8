package cn.xiaoneng.alerting.alert;

import static cn.xiaoneng.alerting.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xiaoneng.deadline.engine.CardKind;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertParserTest {
    private final AlertParser parser = new AlertParser();

    @Test
    void aDeadlineCardKeepsWhatRoutingAndMessagesNeed() {
        Alert a = raised(CardKind.RED, "LC20260213000001", MON_0900);
        assertThat(a.source()).isEqualTo(AlertSource.DEADLINE);
        assertThat(a.level()).isEqualTo(3);
        assertThat(a.label()).isEqualTo("红牌");
        assertThat(a.departmentIds()).containsExactly("scjg");
        assertThat(a.windowIds()).containsExactly("W02");
        assertThat(a.handler()).isEqualTo("李娜");
        assertThat(a.overdueDays()).isEqualByComparingTo(new BigDecimal("3.0"));
        assertThat(AlertParser.dayUnit(a)).isEqualTo("个工作日");
        assertThat(a.ruleVersion()).isEqualTo("hn-cs-zwzx/2026.1");
        assertThat(a.retracted()).isFalse();
        assertThat(retracted(a).retracted()).isTrue();
        assertThat(retracted(a).recordKey()).isNotEqualTo(a.recordKey());
    }

    @Test
    void theLadderMapsToLevelsOneToThree() {
        assertThat(Levels.of(CardKind.WARNING)).isEqualTo(1);
        assertThat(Levels.of(CardKind.YELLOW)).isEqualTo(2);
        assertThat(Levels.of(CardKind.STEP_OVERRUN)).isEqualTo(2);
        assertThat(Levels.of(CardKind.DEEMED_CONSENT)).isEqualTo(2);
        assertThat(Levels.of(CardKind.ABSENCE_DEFAULT)).isEqualTo(2);
        assertThat(Levels.of(CardKind.RED)).isEqualTo(3);
    }

    @Test
    void anIncidentCardIsReadFromItsOwnShapeWithLevelOneTheGravest() {
        Alert a = parser.parse(incidentJson("inc-1", "RAISED", "RESPONSE_OVERDUE", "I", MON_0900, true, List.of("scjg", "rsj"),
                List.of("W02", "W03")));
        assertThat(a.source()).isEqualTo(AlertSource.INCIDENT);
        assertThat(a.level()).isEqualTo(4);
        assertThat(a.kind()).isEqualTo("RESPONSE_OVERDUE");
        assertThat(a.departmentIds()).containsExactly("scjg", "rsj");
        assertThat(a.windowIds()).containsExactly("W02", "W03");
        assertThat(a.confirmed()).isTrue();
        assertThat(a.caseId()).isNull();
        assertThat(a.subject()).isEqualTo("INC-20260302-01");
        assertThat(Levels.ofIncident("IV")).isEqualTo(1);
        assertThat(Levels.ofIncident("Ⅲ")).isEqualTo(2);
    }

    @Test
    void badCardsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> parser.parse("not json")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> parser.parse(incidentJson("inc-1", "OPEN", "INCIDENT_RAISED", "II", MON_0900, true, List.of(),
                List.of()))).hasMessageContaining("status must be RAISED or RETRACTED");
        assertThatThrownBy(() -> parser.parse(incidentJson("inc-1", "RAISED", "INCIDENT_RAISED", "V", MON_0900, true, List.of(),
                List.of()))).hasMessageContaining("incident level must be I, II, III or IV");
    }
}
