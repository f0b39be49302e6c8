package cn.xiaoneng.console;

import static cn.xiaoneng.console.ThroughputFixtures.CENTER;
import static cn.xiaoneng.console.ThroughputFixtures.MARKET;
import static cn.xiaoneng.console.ThroughputFixtures.W01;

import cn.xiaoneng.incident.IncidentType;
import cn.xiaoneng.incident.engine.DeclaredPause;
import cn.xiaoneng.incident.engine.PauseEvents;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.EventIds;
import cn.xiaoneng.model.EventType;
import cn.xiaoneng.model.Limit;
import cn.xiaoneng.model.Times;
import cn.xiaoneng.testsupport.ClickHouseServer;
import cn.xiaoneng.warehouse.Tables;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A case whose clock stopped twice, as its canonical events (the departmental ones as normalization maps them, the
 * declared pause as the incident job's {@link PauseEvents} writes it), for the case page's tests:
 * <ul>
 *   <li>5WD, accepted by 市场监管局 at W01 Mon 2026-03-02 10:00 (counting starts Tue 00:00);</li>
 *   <li>补正 Mon 14:00 → Tue 09:00, requested by 王芳 "营业执照复印件不清晰": 9 h of counted time (Monday is not counted);</li>
 *   <li>the substation outage {@link #SUBSTATION} (停电), paused Tue 14:00 → Wed 18:00, declared by 中心主任 周强 at 15:00,
 *       logged 15:02: 28 h of working time;</li>
 *   <li>a RESUMED from the department without step id at Wed 10:00, inside the declared pause: it closes nothing (no
 *       suspension of the department's is open, and it never ends the center's declaration).</li>
 * </ul>
 */
final class PauseFixtures {
    static final String SUBSTATION = "SY-20260303-01";
    static final String DIRECTOR = "中心主任 周强";
    static final String REASON = "应急停表 SY-20260303-01 停电, 批准人 中心主任 周强 2026-03-03T15:00:00+08:00";
    static final long HOUR = 3_600_000L;
    /** Counted by Fri 03-06 00:00: Tue, Wed, Thu (72 h) less the 9 h + 28 h stopped. */
    static final long USED_BY_FRIDAY = 35 * HOUR;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CLICKHOUSE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(Times.CHINA);

    private PauseFixtures() {}

    static long at(String localDateTime) {
        return Times.parse(localDateTime + ":00+08:00");
    }

    /** The declared pause; {@code to} null while service is not restored. */
    static DeclaredPause substationPause(String to) {
        return new DeclaredPause(CENTER, SUBSTATION, "ops-7", at("2026-03-03T14:00"), to == null ? null : at(to), DIRECTOR,
                at("2026-03-03T15:00"), at("2026-03-03T15:02"), List.of(MARKET), List.of(), IncidentType.POWER_OUTAGE);
    }

    /** The case's events, in the order they were committed; {@code pauseEnd} null while the declared pause lasts. */
    static List<CaseEvent> pausedCase(String caseId, String pauseEnd) {
        List<CaseEvent> events = new ArrayList<>();
        CaseEvent accepted = lc(caseId, EventType.ACCEPTED, "2026-03-02T10:00", 1);
        accepted.caseKind = CaseKind.COMMITTED;
        accepted.committedLimit = Limit.parse("5WD");
        accepted.itemCode = "MKT-001";
        accepted.itemName = "食品经营许可";
        events.add(accepted);
        CaseEvent requested = lc(caseId, EventType.SUPPLEMENT_REQUESTED, "2026-03-02T14:00", 2);
        requested.reason = "营业执照复印件不清晰";
        requested.handler = "王芳";
        events.add(requested);
        events.add(lc(caseId, EventType.SUPPLEMENT_RECEIVED, "2026-03-03T09:00", 3));
        List<CaseEvent> declared = PauseEvents.forCase(substationPause(pauseEnd), caseId, MARKET);
        events.add(declared.get(0));
        CaseEvent departmentResumed = lc(caseId, EventType.RESUMED, "2026-03-04T10:00", 4);
        departmentResumed.handler = "王芳";
        events.add(departmentResumed);
        events.addAll(declared.subList(1, declared.size()));
        return events;
    }

    /** An event of 市场监管局's system (lc), committed 5 s after it happened. */
    private static CaseEvent lc(String caseId, EventType type, String at, int row) {
        CaseEvent e = new CaseEvent();
        e.eventId = EventIds.of("lc", "business_index", caseId, "lsn:" + caseId + ":" + row, 0);
        e.caseId = caseId;
        e.centerId = CENTER;
        e.departmentId = MARKET;
        e.windowId = W01;
        e.eventType = type;
        e.businessTime = at(at);
        e.sourceCommitTime = e.businessTime + 5_000;
        e.sourceId = "lc";
        e.sourceTable = "business_index";
        e.sourcePosition = "lsn:" + caseId + ":" + row;
        return e;
    }

    /**
     * The case as the warehouse holds it: its events in ods_case_event, the declaration written twice (a replay, in a
     * separate insert), and its dws_case_clock row as the deadline job wrote it as of Fri 2026-03-06 00:00 (due Wed
     * 03-11 13:00 after 37 h of stops).
     */
    static void write(ClickHouseServer clickHouse, String db, String caseId) {
        List<CaseEvent> events = pausedCase(caseId, "2026-03-04T18:00");
        ThroughputFixtures.insert(clickHouse, db, Tables.ODS_CASE_EVENT, events.stream().map(PauseFixtures::row).toList());
        CaseEvent declared = events.stream().filter(e -> PauseEvents.SOURCE_ID.equals(e.sourceId)).findFirst().orElseThrow();
        ThroughputFixtures.insert(clickHouse, db, Tables.ODS_CASE_EVENT, List.of(row(declared)));
        ThroughputFixtures.insert(clickHouse, db, Tables.DWS_CASE_CLOCK, List.of(JSON.createObjectNode().put("center_id", CENTER)
                .put("case_id", caseId).put("item_code", "MKT-001").put("item_name", "食品经营许可").put("case_kind", "COMMITTED")
                .put("department_id", MARKET).put("window_id", W01).put("accepted_at", "2026-03-02 10:00:00")
                .put("due_at", "2026-03-11 13:00:00").put("limit_text", "5WD").put("limit_basis", "COMMITTED")
                .put("used_ms", USED_BY_FRIDAY).put("remaining_ms", 5 * 24 * HOUR - USED_BY_FRIDAY)
                .put("steps", 0).put("outcome", "").put("overdue_ms", 0).put("as_of", "2026-03-06 00:00:00")));
    }

    /** An ods_case_event row (columns as in migration V001), as the normalization and incident jobs' sink writes it. */
    static ObjectNode row(CaseEvent e) {
        ObjectNode r = JSON.createObjectNode().put("event_id", e.eventId).put("schema_version", e.schemaVersion).put("case_id", e.caseId)
                .put("center_id", e.centerId).put("department_id", e.departmentId == null ? "" : e.departmentId).put("window_id", e.windowId)
                .put("item_code", e.itemCode).put("item_name", e.itemName).put("case_kind", e.caseKind == null ? null : e.caseKind.name())
                .put("event_type", e.eventType.name()).put("step_id", e.stepId).put("step_name", e.stepName).put("handler", e.handler)
                .put("reason", e.reason).put("result", e.result).put("business_time", CLICKHOUSE.format(Instant.ofEpochMilli(e.businessTime)))
                .put("source_commit_time", CLICKHOUSE.format(Instant.ofEpochMilli(e.sourceCommitTime)))
                .put("committed_limit", e.committedLimit == null ? null : e.committedLimit.toString())
                .put("legal_limit", e.legalLimit == null ? null : e.legalLimit.toString()).put("source_id", e.sourceId)
                .put("source_table", e.sourceTable).put("source_position", e.sourcePosition);
        ArrayNode departments = r.putArray("department_ids");
        if (e.departmentIds != null) {
            for (String d : e.departmentIds) {
                departments.add(d);
            }
        }
        return r;
    }
}
