package cn.xiaoneng.console;

import static cn.xiaoneng.console.ThroughputFixtures.CENTER;
import static cn.xiaoneng.console.ThroughputFixtures.LABOUR;
import static cn.xiaoneng.console.ThroughputFixtures.MARKET;
import static cn.xiaoneng.console.ThroughputFixtures.W01;
import static cn.xiaoneng.console.ThroughputFixtures.W07;
import static cn.xiaoneng.console.ThroughputFixtures.bucket;
import static cn.xiaoneng.console.ThroughputFixtures.insert;

import cn.xiaoneng.testsupport.ClickHouseServer;
import cn.xiaoneng.warehouse.Tables;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Incidents as the incident job writes them (V008 tables), with the throughput and acceptances their impact is computed
 * from, for the console's ITs. The working calendar comes from {@link ThroughputFixtures#loadNames} (DimensionLoader
 * loads the center's real 2025–2026 calendar, in which Tue 2026-02-17 is 春节).
 * <ul>
 *   <li>{@link #MAIN}: 市场监管局's system fails at window W01, Tue 2026-03-17 09:30 → restored 10:30, closed 11:00; one
 *       written report missing (card standing), a response card retracted by a report entered late; 5 cases on paper,
 *       3 entered later (1 h, 2 h, 4 h).</li>
 *   <li>{@link #EARLIER}: an outage of 市场监管局 on 03-03 09:00–09:45, so that week is no baseline for 09:30–10:00.</li>
 *   <li>{@link #SUSPECTED}: 人社局's window W07 idle, opened by the detector at 03-17 10:00, not confirmed, still open.</li>
 * </ul>
 * Expected impact of MAIN (hand-worked as in warehouse-schema's IncidentImpactViewsIT): 2 accepted against 6.0 + 4.0.
 */
final class IncidentFixtures {
    static final String MAIN = "GM-20260317-01";
    static final String EARLIER = "GM-20260303-01";
    static final String SUSPECTED = "auto-window-rsj-W07-20260317T100000.000";
    /** Minute buckets of W01 (市场监管局): start, accepted. The first one is where the data begin. */
    static final String[][] MINUTES = {
            {"2026-02-10 08:00:00", "1"}, {"2026-02-10 09:31:00", "4"}, {"2026-02-10 10:15:00", "4"},
            {"2026-02-17 09:31:00", "50"}, {"2026-02-17 10:01:00", "50"},
            {"2026-02-24 09:30:00", "8"}, {"2026-02-24 10:29:00", "6"},
            {"2026-03-03 09:40:00", "100"}, {"2026-03-03 10:00:00", "2"}, {"2026-03-03 10:30:00", "70"},
            {"2026-03-10 09:00:00", "5"}, {"2026-03-10 09:45:00", "6"}, {"2026-03-10 10:20:00", "4"},
            {"2026-03-17 09:05:00", "1"}, {"2026-03-17 09:35:00", "1"}, {"2026-03-17 09:40:00", "1"}};

    private static final ObjectMapper JSON = new ObjectMapper();

    private IncidentFixtures() {}

    static void write(ClickHouseServer clickHouse, String db) {
        insert(clickHouse, db, Tables.DWD_INCIDENT, List.of(
                incident(MAIN, "SYSTEM_FAILURE", "IV", true, "CLOSED", "OPS_LOG", "", "2026-03-17 09:30:00", "2026-03-17 09:32:00",
                        "2026-03-17 10:30:00", "2026-03-17 11:00:00", MARKET, W01),
                incident(EARLIER, "POWER_OUTAGE", "IV", true, "CLOSED", "OPS_LOG", "", "2026-03-03 09:00:00", null,
                        "2026-03-03 09:45:00", "2026-03-03 10:00:00", MARKET, null),
                incident(SUSPECTED, "EQUIPMENT_FAILURE", "IV", false, "SUSPECTED", "DETECTOR", "window-idle", "2026-03-17 09:20:00",
                        "2026-03-17 10:00:00", null, null, LABOUR, W07)));

        List<ObjectNode> minutes = new ArrayList<>();
        for (String[] m : MINUTES) {
            minutes.add(bucket(MARKET, W01, "IMMEDIATE", m[0], Long.parseLong(m[1]), Long.parseLong(m[1]), 0));
        }
        insert(clickHouse, db, Tables.DWS_THROUGHPUT_MINUTE, minutes);

        insert(clickHouse, db, Tables.DWD_INCIDENT_FACT, List.of(
                fact("ops-1", "ONSET", "发生", "2026-03-17 09:30:00", "2026-03-17 09:33:00").put("incident_type", "SYSTEM_FAILURE").put("level", "IV"),
                fact("ops-2", "DETECTED", "发现", "2026-03-17 09:32:00", "2026-03-17 09:33:00"),
                fact("ops-3", "VERBAL_REPORT", "口头报告", "2026-03-17 09:40:00", "2026-03-17 09:41:00")
                        .put("reported_by", "大厅值班长 梁敏").put("reported_to", "市政务服务数据管理局"),
                fact("ops-4", "RESPONSE_STARTED", "启动响应", "2026-03-17 10:00:00", "2026-03-17 11:00:00"),
                paper(fact("ops-5", "PAPER_REGISTERED", "纸质受理登记", "2026-03-17 10:20:00", "2026-03-17 10:21:00"), W01, 5),
                fact("ops-6", "SERVICE_RESTORED", "恢复服务", "2026-03-17 10:30:00", "2026-03-17 10:31:00"),
                fact("ops-7", "CLOSED", "结束", "2026-03-17 11:00:00", "2026-03-17 11:01:00")));

        insert(clickHouse, db, Tables.DWD_INCIDENT_DEADLINE, List.of(
                // revision 3, before the response was entered: replaced as a whole by revision 7
                deadline("response", "response", "2026-03-17 10:32:00", null, "UNMET", 0, 3),
                deadline("verbalReport", "verbalReport", "2026-03-17 11:32:00", "2026-03-17 09:40:00", "MET", 1, 7),
                deadline("response", "response", "2026-03-17 10:32:00", "2026-03-17 10:00:00", "MET", 1, 7),
                deadline("writtenReport", "writtenReport", "2026-03-17 15:32:00", null, "UNMET", 0, 7),
                deadline("followUpInterval", "followUp#1", null, null, "NOT_APPLICABLE", null, 7)));

        insert(clickHouse, db, Tables.DWD_INCIDENT_CARD, List.of(
                card("k-written", "RAISED", "WRITTEN_REPORT_OVERDUE", "书面报告超时", "writtenReport", "2026-03-17 15:32:00"),
                card("k-response", "RAISED", "RESPONSE_OVERDUE", "响应超时", "response", "2026-03-17 10:32:00"),
                card("k-response", "RETRACTED", "RESPONSE_OVERDUE", "响应超时", "response", "2026-03-17 10:32:00")));

        insert(clickHouse, db, "ods_case_event", List.of(
                accepted("e1", "c1", "2026-03-17 09:35:00", "2026-03-17 09:35:10"),
                accepted("e2", "c2", "2026-03-17 09:40:00", "2026-03-17 11:40:00"),
                accepted("e3", "c3", "2026-03-17 09:50:00", "2026-03-17 10:50:00"),
                accepted("e4", "c4", "2026-03-17 10:05:00", "2026-03-17 14:05:00")));
    }

    private static ObjectNode incident(String id, String type, String level, boolean confirmed, String status, String source, String rule,
                                       String onset, String detected, String restored, String closed, String dept, String window) {
        ObjectNode r = JSON.createObjectNode().put("center_id", CENTER).put("incident_id", id).put("incident_type", type).put("level", level)
                .put("confirmed", confirmed ? 1 : 0).put("opened_suspected", confirmed ? 0 : 1).put("status", status).put("source", source)
                .put("rule", rule).put("onset", onset).put("detected", detected).put("restored_at", restored).put("closed_at", closed)
                .put("facts", 7).put("cards_standing", 1).put("deadlines_missed", 1).put("rule_version", "hn-cs-zwzx/incident-2026.1")
                .put("revision", 7).put("as_of", closed != null ? closed : "2026-03-17 10:05:00");
        r.putArray("department_ids").add(dept);
        ArrayNode windows = r.putArray("window_ids");
        if (window != null) {
            windows.add(window);
        }
        return r;
    }

    private static ObjectNode fact(String id, String type, String label, String at, String recorded) {
        ObjectNode f = JSON.createObjectNode().put("center_id", CENTER).put("incident_id", MAIN).put("fact_id", id).put("fact_type", type)
                .put("fact_label", label).put("at", at).put("recorded_at", recorded).put("source", "OPS_LOG")
                .put("fact_json", "{\"factId\":\"" + id + "\"}");
        f.putArray("department_ids").add(MARKET);
        f.putArray("window_ids");
        return f;
    }

    private static ObjectNode paper(ObjectNode fact, String window, int cases) {
        fact.putArray("window_ids").add(window);
        return fact.put("paper_cases", cases);
    }

    private static ObjectNode deadline(String deadline, String qualifier, String due, String actual, String status, Integer met, int revision) {
        ObjectNode d = JSON.createObjectNode().put("center_id", CENTER).put("incident_id", MAIN).put("deadline", deadline)
                .put("qualifier", qualifier).put("level", "IV").put("start_at", "2026-03-17 09:32:00").put("due_at", due)
                .put("budget", "PT2H").put("counting", "CLOCK").put("actual_at", actual).put("status", status)
                .put("rule_version", "hn-cs-zwzx/incident-2026.1").put("revision", revision).put("as_of", "2026-03-17 11:00:00");
        return met == null ? d.putNull("met") : d.put("met", met);
    }

    private static ObjectNode card(String id, String status, String kind, String label, String qualifier, String instant) {
        ObjectNode c = JSON.createObjectNode().put("card_id", id).put("status", status).put("kind", kind).put("kind_label", label)
                .put("qualifier", qualifier).put("instant", instant).put("center_id", CENTER).put("incident_id", MAIN)
                .put("incident_type", "SYSTEM_FAILURE").put("level", "IV").put("confirmed", 1).put("due_at", instant)
                .put("rule_version", "hn-cs-zwzx/incident-2026.1").put("clause", "附录C 信息报告")
                .put("summary", "一般(IV级)网络/业务系统故障事件 " + MAIN + " " + label)
                .put("card_json", "{\"cardId\":\"" + id + "\",\"status\":\"" + status + "\"}").put("emitted_at", instant);
        c.putArray("department_ids").add(MARKET);
        c.putArray("window_ids").add(W01);
        return c;
    }

    private static ObjectNode accepted(String eventId, String caseId, String accepted, String committed) {
        ObjectNode e = JSON.createObjectNode().put("event_id", eventId).put("schema_version", 1).put("case_id", caseId).put("center_id", CENTER)
                .put("department_id", MARKET).put("window_id", W01).put("event_type", "ACCEPTED").put("business_time", accepted)
                .put("source_commit_time", committed).put("source_id", "lc").put("source_table", "business_index").put("source_position", eventId);
        e.putArray("department_ids");
        return e;
    }
}
