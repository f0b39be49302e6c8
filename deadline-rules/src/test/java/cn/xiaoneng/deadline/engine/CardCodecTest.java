package cn.xiaoneng.deadline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CardCodecTest {
    private final CardCodec codec = new CardCodec();

    private static List<Card> overdueCase() {
        return ScheduleAssertions.schedule(CaseHistory.committed("C-ST", "5WD").accepted("2026-03-02T10:00")
                .stepStarted("S1", "承办", "张伟", "2026-03-02T11:00")
                .stepCompleted("S1", "承办", "张伟", "2026-03-06T17:00")
                .stepStarted("S2", "审核", "王芳", "2026-03-06T17:00")).cards();
    }

    @Test
    void aYellowCardAsOneJsonLine() {
        Card yellow = overdueCase().stream().filter(c -> c.kind == CardKind.YELLOW).findFirst().orElseThrow();
        String json = codec.encodeToString(yellow);
        assertThat(json).doesNotContain("\n").isEqualTo("{\"cardId\":\"" + yellow.cardId + "\",\"status\":\"RAISED\",\"kind\":\"YELLOW\","
                + "\"label\":\"黄牌\",\"qualifier\":\"due\",\"instant\":\"2026-03-10T00:00:00+08:00\",\"caseId\":\"C-ST\","
                + "\"centerId\":\"hn-cs-zwzx\",\"itemCode\":\"XK-SCJG-001\",\"itemName\":\"食品经营许可\",\"caseKind\":\"COMMITTED\","
                + "\"holder\":{\"departmentId\":\"scjg\",\"windowId\":\"W02\",\"handler\":\"王芳\",\"stepId\":\"S2\",\"stepName\":\"审核\"},"
                + "\"accepted\":\"2026-03-02T10:00:00+08:00\",\"due\":\"2026-03-10T00:00:00+08:00\",\"limit\":\"5WD\","
                + "\"limitBasis\":\"COMMITTED\",\"measure\":\"WORKING_DAYS\",\"remainingMillis\":0,\"remainingDays\":0.000,"
                + "\"attribution\":{\"basis\":\"STEPS_OVER_BUDGET\",\"steps\":[{\"stepId\":\"S1\",\"stepName\":\"承办\","
                + "\"departmentId\":\"scjg\",\"handler\":\"张伟\",\"usedMillis\":320400000,\"budgetMillis\":216000000,"
                + "\"overMillis\":104400000,\"overDays\":1.208}]},"
                + "\"ruleVersion\":\"hn-cs-zwzx/2026.1\",\"clause\":\"6.6.7\",\"limitClause\":\"6.6.7 承诺时限\",\"provisional\":false}");
    }

    @Test
    void everyCardRoundTrips() {
        for (Card c : overdueCase()) {
            assertThat(codec.decode(codec.encode(c))).isEqualTo(c);
            Card r = c.retraction();
            assertThat(codec.decode(codec.encode(r))).isEqualTo(r);
        }
    }

    @Test
    void aRedCardShowsHowFarOverdue() {
        Card red = overdueCase().stream().filter(c -> c.kind == CardKind.RED).findFirst().orElseThrow();
        assertThat(codec.encodeToString(red)).contains("\"remainingMillis\":-259200000,\"remainingDays\":-3.000");
    }

    @Test
    void badJsonIsRefusedWithAReason() {
        assertThatThrownBy(() -> codec.decode("{".getBytes(StandardCharsets.UTF_8))).hasMessageStartingWith("card is not JSON");
        assertThatThrownBy(() -> codec.decode("[]".getBytes(StandardCharsets.UTF_8))).hasMessage("card is not a JSON object");
        assertThatThrownBy(() -> codec.decode("{\"cardId\":\"x\",\"status\":\"RAISED\",\"kind\":\"BLUE\",\"instant\":\"2026-03-10T00:00:00+08:00\"}"
                .getBytes(StandardCharsets.UTF_8))).hasMessageStartingWith("card JSON is not valid");
    }
}
