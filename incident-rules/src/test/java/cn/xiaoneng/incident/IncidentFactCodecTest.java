package cn.xiaoneng.incident;

import static cn.xiaoneng.incident.Instants.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IncidentFactCodecTest {
    private final IncidentFactCodec codec = new IncidentFactCodec();

    private static final String VERBAL = "{\"schemaVersion\":1,\"factId\":\"ops-1042\",\"incidentId\":\"GM-20260316-01\",\"centerId\":\"fs-gm-zwzx\","
            + "\"factType\":\"VERBAL_REPORT\",\"at\":\"2026-03-16T08:25:00+08:00\",\"recordedAt\":\"2026-03-16T08:31:12+08:00\","
            + "\"departmentIds\":[\"wjj\"],\"reportedBy\":\"大厅值班长 梁敏\",\"reportedTo\":\"区政务服务数据管理局\",\"sourcePosition\":\"0/16B3A10\"}";

    @Test
    void aReportRoundTripsAsOneLineWithFieldsInTheDocumentedOrder() {
        IncidentFact f = codec.decode(VERBAL);
        assertThat(f.factType).isEqualTo(FactType.VERBAL_REPORT);
        assertThat(f.at).isEqualTo(at("2026-03-16T08:25"));
        assertThat(f.recordedAt).isEqualTo(at("2026-03-16T08:31:12"));
        assertThat(f.reportedTo).isEqualTo("区政务服务数据管理局");
        assertThat(f.sourceOrDefault()).isEqualTo(FactSource.OPS_LOG);
        assertThat(codec.encodeToString(f)).isEqualTo(VERBAL);
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        IncidentFact f = IncidentFact.of("hn-cs-zwzx", "INC-7", FactType.CLOCK_PAUSE_DECLARED, at("2026-03-03T15:00"))
                .recordedAt(at("2026-03-03T15:02")).type(IncidentType.POWER_OUTAGE).level(IncidentLevel.II).confirmed(true)
                .windows("W01", "W02").departments("scjg").reported("a", "b").pause("中心主任 周强", at("2026-03-03T14:00"), at("2026-03-04T18:00"))
                .by(FactSource.DETECTOR, "source-silence").note("备注");
        f.paperCases = 3;
        f.sourcePosition = "x";
        assertThat(codec.decode(codec.encode(f))).isEqualTo(f);
    }

    @Test
    void recordedAtDefaultsToAtAndUnknownFieldsAreSkipped() {
        IncidentFact f = codec.decode("{\"factId\":\"f1\",\"incidentId\":\"i1\",\"centerId\":\"c\",\"factType\":\"ONSET\","
                + "\"at\":\"2026-03-03T14:00:00+08:00\",\"incidentType\":\"POWER_OUTAGE\",\"level\":\"Ⅱ\",\"confirmed\":false,"
                + "\"futureField\":{\"nested\":[1,2]}}");
        assertThat(f.recordedAt).isEqualTo(f.at);
        assertThat(f.level).isEqualTo(IncidentLevel.II);
        assertThat(f.confirmedOrDefault()).isFalse();
    }

    @Test
    void malformedInputIsRefusedNamingTheProblem() {
        String base = "\"factId\":\"f1\",\"incidentId\":\"i1\",\"centerId\":\"c\"";
        assertError("not json", "incident fact is not JSON");
        assertError("[1,2]", "is not a JSON object");
        assertError("{" + base + ",\"factType\":\"VERBAL_REPORT\"}", "incident fact 'f1' has no at");
        assertError("{" + base + ",\"factType\":\"VERBAL_REPORT\",\"at\":\"2026-03-03T14:00:00\"}",
                "field at '2026-03-03T14:00:00' is not an ISO-8601 instant with an offset");
        assertError("{" + base + ",\"factType\":\"REPORTED\",\"at\":\"2026-03-03T14:00:00+08:00\"}", "'REPORTED' is not an incident fact type");
        assertError("{" + base + ",\"factType\":\"LEVEL_CHANGED\",\"level\":\"V\",\"at\":\"2026-03-03T14:00:00+08:00\"}",
                "'V' is not an incident level (I, II, III, IV)");
        assertError("{" + base + ",\"factType\":\"LEVEL_CHANGED\",\"at\":\"2026-03-03T14:00:00+08:00\"}", "a LEVEL_CHANGED needs a level");
        assertError("{" + base + ",\"factType\":\"ONSET\",\"at\":\"2026-03-03T14:00:00+08:00\"}", "an ONSET needs an incidentType");
        assertError("{" + base + ",\"factType\":\"ONSET\",\"incidentType\":\"FLOOD\",\"at\":\"2026-03-03T14:00:00+08:00\"}",
                "'FLOOD' is not an incident type");
        assertError("{" + base + ",\"factType\":\"NOTE\",\"windowIds\":\"W01\",\"at\":\"2026-03-03T14:00:00+08:00\"}",
                "field windowIds is not an array");
        assertError("{" + base + ",\"factType\":\"NOTE\",\"windowIds\":[1],\"at\":\"2026-03-03T14:00:00+08:00\"}",
                "field windowIds must be an array of strings");
        assertError("{" + base + ",\"factType\":\"ONSET\",\"incidentType\":\"POWER_OUTAGE\",\"confirmed\":\"no\",\"at\":\"2026-03-03T14:00:00+08:00\"}",
                "field confirmed is not true or false");
        assertError("{" + base + ",\"factType\":\"CLOCK_PAUSE_DECLARED\",\"pauseFrom\":\"2026-03-03T14:00:00+08:00\","
                + "\"at\":\"2026-03-03T14:00:00+08:00\"}", "needs the approver");
        assertError("{" + base + ",\"factType\":\"CLOCK_PAUSE_DECLARED\",\"approver\":\"x\",\"pauseFrom\":\"2026-03-03T14:00:00+08:00\","
                + "\"pauseTo\":\"2026-03-03T13:00:00+08:00\",\"at\":\"2026-03-03T14:00:00+08:00\"}", "is not after pauseFrom");
        assertError("{" + base + ",\"factType\":\"PAPER_REGISTERED\",\"windowIds\":[\"W1\",\"W2\"],\"paperCases\":3,"
                + "\"at\":\"2026-03-03T14:00:00+08:00\"}", "names exactly one window");
        assertError("{" + base + ",\"factType\":\"PAPER_REGISTERED\",\"windowIds\":[\"W1\"],\"paperCases\":\"3\","
                + "\"at\":\"2026-03-03T14:00:00+08:00\"}", "field paperCases is not an integer");
        assertError("{\"factId\":\"f1\",\"centerId\":\"c\",\"factType\":\"NOTE\",\"at\":\"2026-03-03T14:00:00+08:00\"}", "has no incidentId");
        assertError("{\"factId\":\"f 1\",\"incidentId\":\"i\",\"centerId\":\"c\",\"factType\":\"NOTE\",\"at\":\"2026-03-03T14:00:00+08:00\"}",
                "factId 'f 1' must be");
        assertError("{\"schemaVersion\":2," + base + ",\"factType\":\"NOTE\",\"at\":\"2026-03-03T14:00:00+08:00\"}",
                "schemaVersion 2 is not 1");
        assertError("{" + base + ",\"factType\":{\"x\":1},\"at\":\"2026-03-03T14:00:00+08:00\"}", "field factType is not a single value");
    }

    private void assertError(String json, String message) {
        assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
