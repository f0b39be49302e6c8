package cn.xiaoneng.jobs.incident;

import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.ingestion.mapping.OpsLogMapper;
import cn.xiaoneng.ingestion.simulator.IncidentScripts;
import cn.xiaoneng.ingestion.simulator.OpsLogEntry;
import cn.xiaoneng.jobs.normalize.RawChange;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.EventType;
import cn.xiaoneng.model.Times;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Named instants and builders in the domain's words: the 佛山高明 outage replayed on Tuesday 2026-03-03 at 市场监管局
 * (scjg, source lc) of the built-in center, and the cases of that department.
 */
final class IncidentFixtures {
    static final String CENTER = "hn-cs-zwzx";
    static final String DEPARTMENT = "scjg";
    static final String GAOMING = "GM-20260303-01";
    static final long ONSET_TUESDAY_0815 = local("2026-03-03T08:15:00");
    static final long RESTORED_1000 = local("2026-03-03T10:00:00");
    private static final ObjectMapper JSON = new ObjectMapper();

    private IncidentFixtures() {}

    static long local(String isoLocalDateTime) {
        return Times.parse(isoLocalDateTime + "+08:00");
    }

    /** The 高明 timeline as a 重大 (Ⅱ) incident at scjg windows W01–W02, with a pause declared by 中心主任. */
    static List<OpsLogEntry> gaomingEntries() {
        return IncidentScripts.gaoming(CENTER, GAOMING, Instant.ofEpochMilli(ONSET_TUESDAY_0815), "II", List.of(DEPARTMENT), List.of("W01", "W02"),
                "中心主任 何平");
    }

    /** The operations-log change records Debezium would publish for the entries, committed at their write times. */
    static List<RawChange> opsLogRecords(List<OpsLogEntry> entries) {
        List<RawChange> out = new ArrayList<>();
        long lsn = 40_000_000L;
        for (int i = 0; i < entries.size(); i++) {
            OpsLogEntry e = entries.get(i);
            lsn += 1_000;
            out.add(new RawChange("xn.ops." + CENTER + ".ops.incident_log", 0, i, null, envelope(e, 1000 + i, lsn), e.writeAt()));
        }
        return out;
    }

    /** What the ops-log mapper makes of the records: the facts the tracker reads back from the facts topic. */
    static List<IncidentFact> facts(List<RawChange> records) {
        OpsLogMapper mapper = OpsLogMapper.standard();
        List<IncidentFact> out = new ArrayList<>();
        for (RawChange r : records) {
            mapper.map(r.topic, r.partition, r.offset, r.value, 0).fact().ifPresent(out::add);
        }
        return out;
    }

    static byte[] envelope(OpsLogEntry e, long logId, long lsn) {
        ObjectNode row = JSON.createObjectNode();
        row.put("log_id", logId).put("center_id", e.centerId()).put("incident_no", e.incidentNo()).put("entry_type", e.entryType())
                .put("happened_at", wall(e.happenedAt())).put("incident_type", e.incidentType()).put("level", e.level());
        if (e.suspected() != null) {
            row.put("suspected", e.suspected());
        } else {
            row.putNull("suspected");
        }
        row.put("windows", e.windows().isEmpty() ? null : String.join(",", e.windows()))
                .put("departments", e.departments().isEmpty() ? null : String.join(",", e.departments()))
                .put("reported_by", e.reportedBy()).put("reported_to", e.reportedTo()).put("approver", e.approver());
        if (e.pauseFrom() != null) {
            row.put("pause_from", wall(e.pauseFrom()));
        } else {
            row.putNull("pause_from");
        }
        if (e.pauseTo() != null) {
            row.put("pause_to", wall(e.pauseTo()));
        } else {
            row.putNull("pause_to");
        }
        if (e.paperCases() != null) {
            row.put("paper_cases", e.paperCases());
        } else {
            row.putNull("paper_cases");
        }
        row.put("note", e.note()).put("recorded_at", wall(e.writeAt()));
        ObjectNode source = JSON.createObjectNode().put("connector", "postgresql").put("db", "ops_log").put("schema", "ops")
                .put("table", "incident_log").put("lsn", lsn).put("ts_ms", e.writeAt());
        ObjectNode root = JSON.createObjectNode();
        root.putNull("before");
        root.set("after", row);
        root.set("source", source);
        root.put("op", "c").put("ts_ms", e.writeAt());
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A wall-clock time as Debezium's connect mode sends it: the local time's millis read as UTC. */
    private static long wall(long instant) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(instant), Times.CHINA).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** A case of scjg accepted at {@code window} at {@code at}, committed at the same time. */
    static CaseEvent accepted(String caseId, String window, String at) {
        return caseEvent(EventType.ACCEPTED, caseId, window, at);
    }

    static CaseEvent completed(String caseId, String at) {
        return caseEvent(EventType.COMPLETED, caseId, null, at);
    }

    static CaseEvent caseEvent(EventType type, String caseId, String window, String at) {
        CaseEvent e = new CaseEvent();
        e.eventId = caseId + "-" + type + "-" + at;
        e.caseId = caseId;
        e.centerId = CENTER;
        e.departmentId = DEPARTMENT;
        e.windowId = window;
        e.eventType = type;
        e.businessTime = local(at);
        e.sourceCommitTime = e.businessTime;
        e.sourceId = "lc";
        e.sourceTable = "approval.business_index";
        e.sourcePosition = "lsn:" + e.businessTime;
        return e;
    }

    static SourceActivity heartbeat(String sourceId, String at) {
        return new SourceActivity(sourceId, local(at), true);
    }
}
