package cn.xiaoneng.ingestion.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.incident.FactSource;
import cn.xiaoneng.incident.FactType;
import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.IncidentLevel;
import cn.xiaoneng.incident.IncidentType;
import cn.xiaoneng.model.Times;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operations log's rows → incident facts, and every way a row becomes a dead letter instead. */
class OpsLogMapperTest {
    private static final String TOPIC = "xn.ops.fs-gm-zwzx.ops.incident_log";
    private static final long COMMITTED_0831 = Times.parse("2022-03-14T08:31:12+08:00");
    private final OpsLogMapper mapper = OpsLogMapper.standard();

    private static Map<String, Object> verbalReport() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("log_id", 1042);
        row.put("center_id", "fs-gm-zwzx");
        row.put("incident_no", "GM-20220314-01");
        row.put("entry_type", "口头报告");
        row.put("happened_at", Envelopes.wall("2022-03-14T08:25:00"));
        row.put("departments", "wjj, scjg");
        row.put("windows", null);
        row.put("reported_by", "大厅值班长 梁敏");
        row.put("reported_to", "区政务服务数据管理局");
        return row;
    }

    private OpsLogMapper.Outcome map(String op, Map<String, Object> row) {
        byte[] value = Envelopes.pg(op, "ops", "incident_log", op.equals("d") ? row : null, op.equals("d") ? null : row, 27_085_328L, COMMITTED_0831);
        return mapper.map(TOPIC, 0, 7, value, COMMITTED_0831 + 500);
    }

    @Test
    void anEntryBecomesAFactJudgedAtItsHappeningAndRecordedAtItsCommit() {
        IncidentFact f = map("c", verbalReport()).fact().orElseThrow();

        assertThat(f.factId).isEqualTo("ops-1042");
        assertThat(f.factType).isEqualTo(FactType.VERBAL_REPORT);
        assertThat(f.at).isEqualTo(Times.parse("2022-03-14T08:25:00+08:00"));
        assertThat(f.recordedAt).isEqualTo(COMMITTED_0831);
        assertThat(f.departmentIds).containsExactly("wjj", "scjg");
        assertThat(f.windowIds).isNull();
        assertThat(f.reportedBy).isEqualTo("大厅值班长 梁敏");
        assertThat(f.source).isEqualTo(FactSource.OPS_LOG);
        assertThat(f.sourcePosition).isEqualTo("lsn:27085328");
    }

    @Test
    void anOnsetCarriesTypeLevelAndSuspicionInNamesOrLabels() {
        Map<String, Object> row = verbalReport();
        row.put("entry_type", "ONSET");
        row.put("incident_type", IncidentType.POWER_OUTAGE.label());
        row.put("level", "Ⅱ");
        row.put("suspected", true);

        IncidentFact f = map("r", row).fact().orElseThrow();

        assertThat(f.factType).isEqualTo(FactType.ONSET);
        assertThat(f.incidentType).isEqualTo(IncidentType.POWER_OUTAGE);
        assertThat(f.level).isEqualTo(IncidentLevel.II);
        assertThat(f.confirmed).isFalse();
    }

    @Test
    void aDeclaredPauseCarriesItsApproverAndInterval() {
        Map<String, Object> row = verbalReport();
        row.put("entry_type", "CLOCK_PAUSE_DECLARED");
        row.put("approver", "中心主任 何平");
        row.put("pause_from", Envelopes.wall("2022-03-14T08:15:00"));
        row.put("pause_to", null);

        IncidentFact f = map("c", row).fact().orElseThrow();

        assertThat(f.approver).isEqualTo("中心主任 何平");
        assertThat(f.pauseFrom).isEqualTo(Times.parse("2022-03-14T08:15:00+08:00"));
        assertThat(f.pauseTo).isNull();
    }

    @Test
    void editsAndDeletesOfTheJournalYieldNoFactAndNoDeadLetter() {
        assertThat(map("u", verbalReport()).fact()).isEmpty();
        assertThat(map("u", verbalReport()).isDeadLetter()).isFalse();
        assertThat(map("d", verbalReport()).fact()).isEmpty();
        assertThat(mapper.map(TOPIC, 0, 8, null, 0).fact()).isEmpty();
    }

    @Test
    void anUnknownEntryTypeIsDeadLetteredWithTheColumnAndValue() {
        Map<String, Object> row = verbalReport();
        row.put("entry_type", "电话通知");

        OpsLogMapper.Outcome o = map("c", row);

        assertThat(o.deadLetter().reasonCode).isEqualTo("UNKNOWN_CODE");
        assertThat(o.deadLetter().reason).contains("entry_type", "电话通知", "entry 1042");
        assertThat(o.deadLetter().sourceId).isEqualTo(OpsLogMapper.SOURCE_ID);
        assertThat(o.deadLetter().topic).isEqualTo(TOPIC);
        assertThat(o.deadLetter().offset).isEqualTo(7);
    }

    @Test
    void aPauseWithoutApproverIsABadValue() {
        Map<String, Object> row = verbalReport();
        row.put("entry_type", "CLOCK_PAUSE_DECLARED");
        row.put("pause_from", Envelopes.wall("2022-03-14T08:15:00"));

        OpsLogMapper.Outcome o = map("c", row);

        assertThat(o.deadLetter().reasonCode).isEqualTo("BAD_VALUE");
        assertThat(o.deadLetter().reason).contains("approver");
    }

    @Test
    void missingTimesDroppedColumnsAndGarbageAreDeadLettered() {
        Map<String, Object> noTime = verbalReport();
        noTime.put("happened_at", null);
        assertThat(map("c", noTime).deadLetter().reasonCode).isEqualTo("MISSING_TIME");

        Map<String, Object> drifted = verbalReport();
        drifted.remove("incident_no");
        assertThat(map("c", drifted).deadLetter().reason).contains("column incident_no is missing");

        Map<String, Object> typo = verbalReport();
        typo.put("happened_at", Envelopes.wall("1922-03-14T08:25:00"));
        assertThat(map("c", typo).deadLetter().reasonCode).isEqualTo("IMPOSSIBLE_TIME");

        OpsLogMapper.Outcome garbage = mapper.map(TOPIC, 1, 3, "not json".getBytes(StandardCharsets.UTF_8), 0);
        assertThat(garbage.deadLetter().reasonCode).isEqualTo("MALFORMED");
        assertThat(garbage.deadLetter().rawValue).isEqualTo("not json");
    }

    @Test
    void aRecordWithSchemasOnIsReadThroughItsPayloadAndBrokenEnvelopesAreMalformed() {
        String plain = new String(Envelopes.pg("c", "ops", "incident_log", null, verbalReport(), 27_085_328L, COMMITTED_0831), StandardCharsets.UTF_8);
        String wrapped = "{\"schema\":{\"type\":\"struct\",\"optional\":false},\"payload\":" + plain + "}";
        OpsLogMapper.Outcome o = mapper.map(TOPIC, 0, 8, wrapped.getBytes(StandardCharsets.UTF_8), COMMITTED_0831 + 500);
        assertThat(o.fact().orElseThrow().factId).isEqualTo("ops-1042");
        assertThat(o.fact().orElseThrow().sourcePosition).isEqualTo("lsn:27085328");

        for (String broken : new String[] {plain.substring(0, plain.length() / 2), "[" + plain + "]", "1042",
            plain.replace("\"op\":\"c\"", "\"op\":\"x\""), plain.replaceFirst("\"after\":\\{", "\"after\":\"row\",\"ignored\":{")}) {
            OpsLogMapper.Outcome d = mapper.map(TOPIC, 0, 9, broken.getBytes(StandardCharsets.UTF_8), 0);
            assertThat(d.deadLetter().reasonCode).as(broken).isEqualTo("MALFORMED");
            assertThat(d.deadLetter().rawValue).isEqualTo(broken);
        }
    }
}
