package cn.xiaoneng.console;

import cn.xiaoneng.console.CaseTrackingFacts.Clock;
import cn.xiaoneng.console.CaseTrackingFacts.Step;
import cn.xiaoneng.console.SupervisionFacts.CardRow;
import cn.xiaoneng.console.SupervisionFacts.CaseCard;
import cn.xiaoneng.console.SupervisionFacts.KindCount;
import cn.xiaoneng.deadline.engine.CaseTracker;
import cn.xiaoneng.deadline.engine.PauseRow;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.EventType;
import cn.xiaoneng.model.Limit;
import cn.xiaoneng.warehouse.ClickHouseConnection;
import cn.xiaoneng.warehouse.Tables;
import com.clickhouse.client.api.query.GenericRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every ClickHouse read behind the 督办 panel and the case page, over the deadline engine's tables (migration V006), and
 * the case's canonical events (ods_case_event, V001) from which the engine's rules make the 跟踪表's pause rows.
 *
 * <p>A card <em>stands</em> when it has a RAISED row and no RETRACTED row (a fact entered late withdrew it), and its case
 * is still open (its dws_case_clock row has no outcome). All three tables are ReplacingMergeTrees whose replays rewrite
 * identical rows, so every read uses FINAL (ods_case_event too: a replayed event has the same id, and the engine's
 * {@code CaseFacts} counts an event id once anyway). Severity, most severe first: 红牌, 黄牌, 超时默许, 缺席默认, 环节超时, 预警.
 * Thread-safe.
 */
public final class SupervisionRepository implements AutoCloseable {
    /** How many cases (each with its worst card) the panel lists. */
    static final int CASES_SHOWN = 200;
    static final String SEVERITY = "multiIf(kind = 'RED', 1, kind = 'YELLOW', 2, kind = 'DEEMED_CONSENT', 3,"
            + " kind = 'ABSENCE_DEFAULT', 4, kind = 'STEP_OVERRUN', 5, 6)";
    private static final String CARD_COLUMNS = "card_id, status, kind, kind_label, qualifier,"
            + " toUnixTimestamp64Milli(instant) AS instant_ms, center_id, case_id, item_code, item_name, case_kind, department_id,"
            + " window_id, handler, step_name, toUnixTimestamp64Milli(due_at) AS due_ms, remaining_ms, rule_version, clause,"
            + " provisional, card_json";
    private static final String STANDING = "WITH standing AS (SELECT * FROM " + Tables.DWD_DEADLINE_CARD + " FINAL"
            + " WHERE status = 'RAISED'"
            + " AND (center_id, card_id) NOT IN (SELECT center_id, card_id FROM " + Tables.DWD_DEADLINE_CARD + " WHERE status = 'RETRACTED')"
            + " AND (center_id, case_id) IN (SELECT center_id, case_id FROM " + Tables.DWS_CASE_CLOCK + " FINAL WHERE outcome = ''))\n";

    /** Every column the deadline engine reads ({@code CaseFact.of}); the applicant's keys are left where they are. */
    private static final String EVENT_COLUMNS = "event_id, schema_version, case_id, center_id, department_id, department_ids, window_id,"
            + " item_code, item_name, case_kind, event_type, step_id, step_name, handler, reason, result,"
            + " toUnixTimestamp64Milli(business_time) AS business_ms, toUnixTimestamp64Milli(source_commit_time) AS commit_ms,"
            + " committed_limit, legal_limit, source_id, source_table, source_position";
    private static final Logger LOG = LoggerFactory.getLogger(SupervisionRepository.class);

    private final ClickHouseReader reader;
    /** The deadline job's own tracker (each center's policy file and calendar), for the pause rows. */
    private final CaseTracker tracker = CaseTracker.perCenter();

    public SupervisionRepository(ClickHouseConnection connection, ConsoleOptions options) {
        this.reader = new ClickHouseReader(Objects.requireNonNull(connection, "connection"), Objects.requireNonNull(options, "options"));
    }

    /** One refresh of the 督办 panel. */
    public SupervisionFacts read() {
        long now = reader.query("clock", "SELECT toUnixTimestamp64Milli(now64(3)) AS now_ms", Map.of()).get(0).getLong("now_ms");
        List<KindCount> counts = reader.query("standing cards by department and kind", STANDING
                        + "SELECT center_id, department_id, kind, any(kind_label) AS kind_label, count() AS cards FROM standing"
                        + " GROUP BY center_id, department_id, kind ORDER BY center_id, department_id, kind", Map.of())
                .stream()
                .map(r -> new KindCount(r.getString("center_id"), r.getString("department_id"), r.getString("kind"),
                        r.getString("kind_label"), r.getLong("cards")))
                .toList();
        long cases = reader.query("cases with standing cards", STANDING + "SELECT uniqExact(center_id, case_id) AS cases FROM standing",
                Map.of()).get(0).getLong("cases");
        List<CaseCard> worst = reader.query("the worst standing card of each case", STANDING
                        + "SELECT * FROM (SELECT " + CARD_COLUMNS + ", " + SEVERITY + " AS severity,"
                        + " row_number() OVER (PARTITION BY center_id, case_id ORDER BY severity, instant DESC, card_id) AS rank,"
                        + " count() OVER (PARTITION BY center_id, case_id) AS case_cards FROM standing)"
                        + " WHERE rank = 1 ORDER BY severity, instant_ms, center_id, case_id LIMIT {shown:UInt32}",
                        Map.of("shown", CASES_SHOWN))
                .stream()
                .map(r -> new CaseCard(card(r), r.getLong("case_cards")))
                .toList();
        return new SupervisionFacts(now, DimensionNames.read(reader), counts, cases, worst);
    }

    /**
     * One case's 跟踪表: clock, steps, pause rows and every card record (retractions too); empty when the engine never saw
     * it.
     */
    public CaseTrackingFacts tracking(String centerId, String caseId) {
        Map<String, Object> key = Map.of("center", centerId, "case", caseId);
        List<Clock> clock = reader.query("the case clock", "SELECT item_code, item_name, case_kind, department_id, window_id,"
                        + " toUnixTimestamp64Milli(accepted_at) AS accepted_ms, toUnixTimestamp64Milli(due_at) AS due_ms, limit_text,"
                        + " limit_basis, used_ms, remaining_ms, outcome, toUnixTimestamp64Milli(closed_at) AS closed_ms, overdue_ms,"
                        + " toUnixTimestamp64Milli(as_of) AS as_of_ms FROM " + Tables.DWS_CASE_CLOCK + " FINAL"
                        + " WHERE center_id = {center:String} AND case_id = {case:String}", key)
                .stream()
                .map(r -> new Clock(r.getString("item_code"), r.getString("item_name"), r.getString("case_kind"),
                        r.getString("department_id"), r.getString("window_id"), nullableLong(r, "accepted_ms"),
                        nullableLong(r, "due_ms"), r.getString("limit_text"), r.getString("limit_basis"), nullableLong(r, "used_ms"),
                        nullableLong(r, "remaining_ms"), r.getString("outcome"), nullableLong(r, "closed_ms"), r.getLong("overdue_ms"),
                        r.getLong("as_of_ms")))
                .toList();
        List<Step> steps = reader.query("the step ledger", "SELECT step_key, step_id, step_name, department_id, window_id, handler,"
                        + " toUnixTimestamp64Milli(started_at) AS started_ms, start_inferred, toUnixTimestamp64Milli(ended_at) AS ended_ms,"
                        + " result, used_ms, budget, budget_ms, over_budget_ms, toUnixTimestamp64Milli(as_of) AS as_of_ms FROM "
                        + Tables.DWD_CASE_STEP_LEDGER + " FINAL WHERE center_id = {center:String} AND case_id = {case:String}"
                        + " ORDER BY started_at, step_key", key)
                .stream()
                .map(r -> new Step(r.getString("step_key"), r.getString("step_id"), r.getString("step_name"), r.getString("department_id"),
                        r.getString("window_id"), r.getString("handler"), r.getLong("started_ms"), r.getLong("start_inferred") != 0,
                        nullableLong(r, "ended_ms"), r.getString("result"), r.getLong("used_ms"), r.getString("budget"),
                        nullableLong(r, "budget_ms"), r.getLong("over_budget_ms"), r.getLong("as_of_ms")))
                .toList();
        List<CardRow> cards = reader.query("the case's cards", "SELECT " + CARD_COLUMNS + " FROM " + Tables.DWD_DEADLINE_CARD
                        + " FINAL WHERE center_id = {center:String} AND case_id = {case:String} ORDER BY instant, card_id, status", key)
                .stream()
                .map(SupervisionRepository::card)
                .toList();
        Clock c = clock.isEmpty() ? null : clock.get(0);
        if (c == null && steps.isEmpty() && cards.isEmpty()) {
            return new CaseTrackingFacts(centerId, caseId, null, steps, List.of(), cards);
        }
        List<CaseEvent> events = new ArrayList<>();
        for (GenericRecord r : reader.query("the case's events", "SELECT " + EVENT_COLUMNS + " FROM " + Tables.ODS_CASE_EVENT
                + " FINAL WHERE center_id = {center:String} AND case_id = {case:String} ORDER BY business_time, event_id", key)) {
            CaseEvent e = event(r);
            if (e != null) {
                events.add(e);
            }
        }
        List<PauseRow> pauses = CasePauses.of(events, c == null ? null : c.asOfMillis(), tracker);
        return new CaseTrackingFacts(centerId, caseId, c, steps, pauses, cards);
    }

    ThroughputFacts.Names names() {
        return DimensionNames.read(reader);
    }

    private static CardRow card(GenericRecord r) {
        return new CardRow(r.getString("card_id"), r.getString("status"), r.getString("kind"), r.getString("kind_label"),
                r.getString("qualifier"), r.getLong("instant_ms"), r.getString("center_id"), r.getString("case_id"),
                r.getString("item_code"), r.getString("item_name"), r.getString("case_kind"), r.getString("department_id"),
                r.getString("window_id"), r.getString("handler"), r.getString("step_name"), nullableLong(r, "due_ms"),
                nullableLong(r, "remaining_ms"), r.getString("rule_version"), r.getString("clause"), r.getLong("provisional") != 0,
                r.getString("card_json"));
    }

    /** An ods_case_event row as the canonical event it was written from; null for an event type this build does not know. */
    private static CaseEvent event(GenericRecord r) {
        EventType type = known(EventType.class, r.getString("event_type"));
        if (type == null) {
            LOG.warn("event {} of case {}: event type '{}' is unknown to this console; left out of the pause rows",
                    r.getString("event_id"), r.getString("case_id"), r.getString("event_type"));
            return null;
        }
        CaseEvent e = new CaseEvent();
        e.eventId = r.getString("event_id");
        e.schemaVersion = r.getInteger("schema_version");
        e.caseId = r.getString("case_id");
        e.centerId = r.getString("center_id");
        e.departmentId = r.getString("department_id").isEmpty() ? null : r.getString("department_id");
        List<String> departments = r.getList("department_ids");
        e.departmentIds = departments == null || departments.isEmpty() ? null : departments.toArray(String[]::new);
        e.windowId = nullableString(r, "window_id");
        e.itemCode = nullableString(r, "item_code");
        e.itemName = nullableString(r, "item_name");
        e.caseKind = known(CaseKind.class, nullableString(r, "case_kind"));
        e.eventType = type;
        e.stepId = nullableString(r, "step_id");
        e.stepName = nullableString(r, "step_name");
        e.handler = nullableString(r, "handler");
        e.reason = nullableString(r, "reason");
        e.result = nullableString(r, "result");
        e.businessTime = r.getLong("business_ms");
        e.sourceCommitTime = r.getLong("commit_ms");
        e.committedLimit = limit(nullableString(r, "committed_limit"));
        e.legalLimit = limit(nullableString(r, "legal_limit"));
        e.sourceId = r.getString("source_id");
        e.sourceTable = r.getString("source_table");
        e.sourcePosition = r.getString("source_position");
        return e;
    }

    private static <E extends Enum<E>> E known(Class<E> type, String name) {
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The text form the sink wrote ({@code Limit.toString}); a text that does not parse is left out, as a source omitting it. */
    private static Limit limit(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Limit.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String nullableString(GenericRecord r, String column) {
        return r.hasValue(column) ? r.getString(column) : null;
    }

    private static Long nullableLong(GenericRecord r, String column) {
        return r.hasValue(column) ? r.getLong(column) : null;
    }

    @Override
    public void close() {
        reader.close();
    }
}
