package cn.xiaoneng.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CaseEventCodecTest {
    private final CaseEventCodec codec = new CaseEventCodec();

    static CaseEvent jointCaseAccepted() {
        CaseEvent e = new CaseEvent();
        e.eventId = EventIds.of("lc", "approval.business_index", "{\"sblsh\":\"LC1\"}", "lsn:100", 1);
        e.caseId = "LC1";
        e.centerId = "hn-cs-zwzx";
        e.departmentId = "zjj";
        e.departmentIds = new String[] {"zjj", "zrzy", "xf"};
        e.windowId = "W21";
        e.itemCode = "XK-ZJJ-002";
        e.itemName = "商品房预售许可";
        e.caseKind = CaseKind.JOINT;
        e.eventType = EventType.ACCEPTED;
        e.handler = "吴刚";
        e.businessTime = Times.parse("2026-03-02T09:41:00.250+08:00");
        e.sourceCommitTime = Times.parse("2026-03-02T12:00:00+08:00");
        e.committedLimit = Limit.workingDays(20);
        e.legalLimit = Limit.workingDays(45);
        e.applicantKey = "0123456789abcdef0123456789abcdef";
        e.applicantPhoneMasked = "138****5678";
        e.sourceId = "lc";
        e.sourceTable = "approval.business_index";
        e.sourcePosition = "lsn:100";
        return e;
    }

    @Test
    void everyFieldSurvivesARoundTrip() {
        CaseEvent e = jointCaseAccepted();
        assertThat(codec.decode(codec.encode(e))).isEqualTo(e);
    }

    @Test
    void theReusedGeneratorWritesEachEventWholeAndAlone() {
        CaseEvent full = jointCaseAccepted();
        CaseEvent sparse = new CaseEvent();
        sparse.caseId = "S";
        sparse.eventType = EventType.COMPLETED;
        byte[] first = codec.encode(full);
        byte[] second = codec.encode(sparse);
        assertThat(codec.encode(full)).isEqualTo(first);
        assertThat(new String(second, StandardCharsets.UTF_8)).startsWith("{\"schemaVersion\":1,\"caseId\":\"S\"").endsWith("}")
                .doesNotContain("eventId");
        assertThat(codec.decode(second).caseId).isEqualTo("S");
    }

    @Test
    void instantsArePrintedWithTheCentersOffset() {
        String json = new String(codec.encode(jointCaseAccepted()), StandardCharsets.UTF_8);
        assertThat(json).contains("\"businessTime\":\"2026-03-02T09:41:00.25+08:00\"").contains("\"committedLimit\":\"20WD\"");
        assertThat(json).doesNotContain("null");
    }

    @Test
    void fieldsOfANewerSchemaAreSkippedAndNullsRead() {
        String json = "{\"schemaVersion\":1,\"future\":{\"nested\":[1,{\"x\":2}]},\"caseId\":\"X\",\"windowId\":null,"
                + "\"departmentIds\":[\"a\",\"b\"],\"eventType\":\"ACCEPTED\",\"businessTime\":\"2026-03-02T09:41:00+08:00\","
                + "\"sourceCommitTime\":\"2026-03-02T09:41:01+08:00\",\"later\":[]}";
        CaseEvent e = codec.decode(json.getBytes(StandardCharsets.UTF_8));
        assertThat(e.caseId).isEqualTo("X");
        assertThat(e.windowId).isNull();
        assertThat(e.departmentIds).containsExactly("a", "b");
        assertThat(e.eventType).isEqualTo(EventType.ACCEPTED);
        assertThat(e.sourceCommitTime - e.businessTime).isEqualTo(1000);
    }

    @Test
    void brokenJsonIsRefusedWithAReason() {
        assertThatThrownBy(() -> codec.decode("{\"caseId\":".getBytes(StandardCharsets.UTF_8))).hasMessageStartingWith("case event is not JSON");
        assertThatThrownBy(() -> codec.decode("[1]".getBytes(StandardCharsets.UTF_8))).hasMessage("case event is not a JSON object");
    }

    @Test
    void eventWithoutTypeIsRefused() {
        assertThatThrownBy(() -> codec.decode("{\"caseId\":\"X\",\"businessTime\":\"2026-03-02T09:41:00+08:00\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("eventType");
    }

    @Test
    void eventIdsAreDeterministicAndDistinguishRules() {
        assertThat(EventIds.of("lc", "t", "k", "lsn:1", 0)).isEqualTo(EventIds.of("lc", "t", "k", "lsn:1", 0)).hasSize(32)
                .isNotEqualTo(EventIds.of("lc", "t", "k", "lsn:1", 1)).isNotEqualTo(EventIds.of("lc", "t", "k2", "lsn:1", 0));
    }

    @Test
    void limitsParseTheirOwnTextForm() {
        for (Limit l : new Limit[] {Limit.workingDays(20), Limit.naturalDays(30), Limit.immediate()}) {
            assertThat(Limit.parse(l.toString())).isEqualTo(l);
        }
        assertThatThrownBy(() -> Limit.parse("-3WD")).hasMessageContaining("negative");
        assertThatThrownBy(() -> Limit.parse("3 weeks")).hasMessageContaining("20WD, 30ND or IMMEDIATE");
    }

    @Test
    void phoneNumbersAreMaskedAndIdentityNumbersKeyed() {
        Pseudonymizer p = new Pseudonymizer("0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        assertThat(Pseudonymizer.maskPhone("13812345678")).isEqualTo("138****5678");
        assertThat(p.keyOf("430102199001011234")).isEqualTo(p.keyOf(" 430102199001011234 ")).hasSize(32);
        assertThat(p.keyOf("43010219900101123x")).isEqualTo(p.keyOf("43010219900101123X"));
        assertThat(new Pseudonymizer("another-key-0123".getBytes(StandardCharsets.UTF_8)).keyOf("430102199001011234")).isNotEqualTo(p.keyOf("430102199001011234"));
    }
}
