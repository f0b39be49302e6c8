package cn.xiaoneng.incident.engine;

import static cn.xiaoneng.incident.Instants.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.incident.IncidentCardKind;
import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.IncidentLevel;
import cn.xiaoneng.incident.plan.IncidentPlan;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentCardCodecTest {
    private final IncidentCardCodec codec = new IncidentCardCodec();

    private IncidentCard writtenReportCard() {
        IncidentTracker tracker = IncidentTracker.of(IncidentPlan.defaults(), WorkCalendar.china());
        IncidentState s = null;
        for (IncidentFact f : OutageScenarioTest.foshanGaoming(IncidentLevel.II).facts()) {
            s = tracker.onFact(s, f, f.recordedAt).state();
        }
        return tracker.schedule(s).cards().get(1);
    }

    @Test
    void theCardIdIsTheDocumentedHash() {
        IncidentCard c = writtenReportCard();
        assertThat(c.cardId).isEqualTo(IncidentCardIds.of("fs-gm-zwzx", "GM-20220314-01", IncidentCardKind.WRITTEN_REPORT_OVERDUE,
                "writtenReport", at("2022-03-14T10:15"), "hn-cs-zwzx/incident-2026.1"));
        // golden: a change here changes every card id in the warehouse
        assertThat(IncidentCardIds.of("c", "i", IncidentCardKind.INCIDENT_RAISED, "level=II", 0L, "v"))
                .isEqualTo(sha256("c\u0001i\u0001INCIDENT_RAISED\u0001level=II\u00010\u0001v"));
    }

    @Test
    void theJsonHasTheAgreedFieldsFirstInOrder() throws Exception {
        String line = codec.encodeToString(writtenReportCard());
        assertThat(line).doesNotContain("\n");
        JsonNode n = new ObjectMapper().readTree(line);
        List<String> fields = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            fields.add(it.next());
        }
        assertThat(fields).containsExactly("cardId", "status", "kind", "label", "level", "instant", "centerId", "incidentId", "incidentType",
                "departmentIds", "windowIds", "confirmed", "ruleVersion", "clause", "summary",
                "qualifier", "incidentTypeLabel", "levelLabel", "onset", "start", "due", "budget", "counting");
        assertThat(line).startsWith("{\"cardId\":\"" + writtenReportCard().cardId + "\",\"status\":\"RAISED\",\"kind\":\"WRITTEN_REPORT_OVERDUE\","
                + "\"label\":\"书面报告超时\",\"level\":\"II\",\"instant\":\"2022-03-14T10:15:00+08:00\",\"centerId\":\"fs-gm-zwzx\","
                + "\"incidentId\":\"GM-20220314-01\",\"incidentType\":\"SYSTEM_FAILURE\",\"departmentIds\":[\"wjj\"],\"windowIds\":[\"W05\",\"W06\"],"
                + "\"confirmed\":true,\"ruleVersion\":\"hn-cs-zwzx/incident-2026.1\",\"clause\":\"附录C 信息报告\",\"summary\":");
        assertThat(line).endsWith("\"qualifier\":\"writtenReport\",\"incidentTypeLabel\":\"网络/业务系统故障\",\"levelLabel\":\"重大\","
                + "\"onset\":\"2022-03-14T08:15:00+08:00\",\"start\":\"2022-03-14T08:15:00+08:00\",\"due\":\"2022-03-14T10:15:00+08:00\","
                + "\"budget\":\"PT2H\",\"counting\":\"CLOCK\"}");
    }

    @Test
    void raisedAndRetractedCardsRoundTrip() {
        IncidentCard c = writtenReportCard();
        assertThat(codec.decode(codec.encode(c))).isEqualTo(c);
        assertThat(codec.decode(codec.encode(c.retraction()))).isEqualTo(c.retraction());
        assertThatThrownBy(() -> codec.decode("{\"status\":\"RAISED\"}".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("no cardId");
        assertThatThrownBy(() -> codec.decode("nope".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("not JSON");
    }

    private static String sha256(String s) throws RuntimeException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
