package cn.xiaoneng.console;

import cn.xiaoneng.console.IncidentFacts.Backfill;
import cn.xiaoneng.console.IncidentFacts.BackfillWindow;
import cn.xiaoneng.console.IncidentFacts.Card;
import cn.xiaoneng.console.IncidentFacts.Deadline;
import cn.xiaoneng.console.IncidentFacts.Fact;
import cn.xiaoneng.console.IncidentFacts.Hour;
import cn.xiaoneng.console.IncidentFacts.Incident;
import cn.xiaoneng.console.IncidentFacts.Throughput;
import cn.xiaoneng.warehouse.ClickHouseConnection;
import cn.xiaoneng.warehouse.Tables;
import com.clickhouse.client.api.query.GenericRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every ClickHouse read behind the incident panel ({@code /api/incidents}) and an incident's page: the incident job's
 * tables (V008) and the impact views (V009). All tables are ReplacingMergeTrees read with FINAL; deadlines through
 * {@code dwd_incident_deadline_current} (the latest revision); a card <em>stands</em> while it has a RAISED record and
 * no RETRACTED one. Which incidents: every one not closed or dismissed, then the most recently opened others, at most
 * {@link #INCIDENTS_SHOWN} in all; one center's or every center's. Thread-safe.
 */
public final class IncidentRepository implements AutoCloseable {
    /** How many incidents the panel lists (open ones first). */
    static final int INCIDENTS_SHOWN = 50;
    private static final String MS = "toUnixTimestamp64Milli";

    /** The chosen incidents' keys; {center:String} '' = every center, {incident:String} '' = the panel's selection. */
    private static final String CHOSEN = "WITH chosen AS (SELECT center_id, incident_id FROM " + Tables.DWD_INCIDENT + " FINAL"
            + " WHERE ({center:String} = '' OR center_id = {center:String})"
            + " AND ({incident:String} = '' OR incident_id = {incident:String})"
            + " ORDER BY if(status IN ('CLOSED', 'DISMISSED'), 1, 0), coalesce(least(onset, detected), onset, detected, as_of) DESC,"
            + " incident_id LIMIT {shown:UInt32})\n";
    private static final String IN_CHOSEN = " (center_id, incident_id) IN (SELECT center_id, incident_id FROM chosen)";

    private final ClickHouseReader reader;

    public IncidentRepository(ClickHouseConnection connection, ConsoleOptions options) {
        this.reader = new ClickHouseReader(Objects.requireNonNull(connection, "connection"), Objects.requireNonNull(options, "options"));
    }

    /** The panel: open and recent incidents of one center ({@code centerId} null or blank: every center). */
    public IncidentFacts read(String centerId) {
        return read(centerId == null ? "" : centerId.strip(), "", false);
    }

    /** One incident with its timeline and hour-by-hour impact; no incidents when the warehouse has none of that id. */
    public IncidentFacts incident(String centerId, String incidentId) {
        return read(centerId, incidentId, true);
    }

    private IncidentFacts read(String center, String incident, boolean page) {
        Map<String, Object> p = Map.of("center", center, "incident", incident, "shown", INCIDENTS_SHOWN);
        long now = reader.query("clock", "SELECT " + MS + "(now64(3)) AS now_ms", Map.of()).get(0).getLong("now_ms");
        List<Incident> incidents = reader.query("incidents", CHOSEN + "SELECT center_id, incident_id, incident_type, level, confirmed,"
                        + " opened_suspected, status, source, rule, " + MS + "(onset) AS onset_ms, " + MS + "(detected) AS detected_ms, "
                        + MS + "(restored_at) AS restored_ms, " + MS + "(closed_at) AS closed_ms, arrayStringConcat(department_ids, ',') AS deps,"
                        + " arrayStringConcat(window_ids, ',') AS wins, facts, cards_standing, deadlines_missed, rule_version, "
                        + MS + "(as_of) AS as_of_ms FROM " + Tables.DWD_INCIDENT + " FINAL WHERE" + IN_CHOSEN
                        + " ORDER BY if(status IN ('CLOSED', 'DISMISSED'), 1, 0), coalesce(least(onset, detected), onset, detected, as_of) DESC,"
                        + " incident_id", p)
                .stream()
                .map(r -> new Incident(r.getString("center_id"), r.getString("incident_id"), r.getString("incident_type"),
                        r.getString("level"), r.getLong("confirmed") != 0, r.getLong("opened_suspected") != 0, r.getString("status"),
                        r.getString("source"), r.getString("rule"), nullableLong(r, "onset_ms"), nullableLong(r, "detected_ms"),
                        nullableLong(r, "restored_ms"), nullableLong(r, "closed_ms"), list(r, "deps"), list(r, "wins"), r.getLong("facts"),
                        r.getLong("cards_standing"), r.getLong("deadlines_missed"), r.getString("rule_version"), r.getLong("as_of_ms")))
                .toList();
        if (incidents.isEmpty()) {
            return new IncidentFacts(now, DimensionNames.read(reader), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                    List.of(), List.of());
        }
        List<Deadline> deadlines = reader.query("plan deadlines", CHOSEN + "SELECT center_id, incident_id, deadline, qualifier, level, "
                        + MS + "(start_at) AS start_ms, " + MS + "(due_at) AS due_ms, budget, counting, " + MS + "(actual_at) AS actual_ms,"
                        + " status, met FROM " + Tables.DWD_INCIDENT_DEADLINE_CURRENT + " WHERE" + IN_CHOSEN
                        + " ORDER BY center_id, incident_id, due_at, qualifier", p)
                .stream()
                .map(r -> new Deadline(r.getString("center_id"), r.getString("incident_id"), r.getString("deadline"), r.getString("qualifier"),
                        r.getString("level"), nullableLong(r, "start_ms"), nullableLong(r, "due_ms"), r.getString("budget"),
                        r.getString("counting"), nullableLong(r, "actual_ms"), r.getString("status"),
                        r.hasValue("met") ? (int) r.getLong("met") : null))
                .toList();
        List<Card> cards = reader.query("incident cards", CHOSEN + "SELECT center_id, incident_id, card_id, status, kind, kind_label,"
                        + " qualifier, " + MS + "(instant) AS instant_ms, level, confirmed, " + MS + "(due_at) AS due_ms, rule_version, clause,"
                        + " summary, " + (page ? "card_json" : "'' AS card_json") + " FROM " + Tables.DWD_INCIDENT_CARD + " FINAL WHERE"
                        + IN_CHOSEN + " ORDER BY center_id, incident_id, instant, card_id, status", p)
                .stream()
                .map(r -> new Card(r.getString("center_id"), r.getString("incident_id"), r.getString("card_id"), r.getString("status"),
                        r.getString("kind"), r.getString("kind_label"), r.getString("qualifier"), r.getLong("instant_ms"), r.getString("level"),
                        r.getLong("confirmed") != 0, nullableLong(r, "due_ms"), r.getString("rule_version"), r.getString("clause"),
                        r.getString("summary"), r.getString("card_json")))
                .toList();
        String impactColumns = "center_id, incident_id, " + MS + "(toDateTime64(from_t, 3)) AS from_ms, " + MS
                + "(toDateTime64(to_t, 3)) AS to_ms, actual, baseline, ratio, shortfall, hours, hours_without_baseline, weeks_used_min";
        List<Throughput> throughput = reader.query("incident throughput", CHOSEN + "SELECT 'department' AS scope, department_id,"
                        + " '' AS window_id, " + impactColumns + " FROM " + Tables.DWS_INCIDENT_THROUGHPUT + " WHERE" + IN_CHOSEN
                        + " UNION ALL SELECT 'window' AS scope, department_id, window_id, " + impactColumns + " FROM "
                        + Tables.DWS_INCIDENT_THROUGHPUT_WINDOW + " WHERE" + IN_CHOSEN, p)
                .stream()
                .map(r -> new Throughput(r.getString("center_id"), r.getString("incident_id"), r.getString("scope"), r.getString("department_id"),
                        r.getString("window_id"), r.getLong("from_ms"), r.getLong("to_ms"), r.getLong("actual"), nullableDouble(r, "baseline"),
                        nullableDouble(r, "ratio"), nullableDouble(r, "shortfall"), r.getLong("hours"), r.getLong("hours_without_baseline"),
                        (int) r.getLong("weeks_used_min")))
                .toList();
        List<Backfill> backfill = reader.query("事后补录", CHOSEN + "SELECT center_id, incident_id, department_id, in_scope, backfilled,"
                        + " lateness_p50_ms, lateness_max_ms, " + MS + "(last_entered_at) AS last_ms, paper_registered, missing FROM "
                        + Tables.DWS_INCIDENT_BACKFILL + " WHERE" + IN_CHOSEN, p)
                .stream()
                .map(r -> new Backfill(r.getString("center_id"), r.getString("incident_id"), r.getString("department_id"), r.getLong("in_scope"),
                        r.getLong("backfilled"), nullableLong(r, "lateness_p50_ms"), nullableLong(r, "lateness_max_ms"),
                        nullableLong(r, "last_ms"), nullableLong(r, "paper_registered"), nullableLong(r, "missing")))
                .toList();
        List<BackfillWindow> windows = reader.query("事后补录 per window", CHOSEN + "SELECT center_id, incident_id, window_id, registered,"
                        + " backfilled, missing, lateness_max_ms, arrayStringConcat(department_ids, ',') AS deps FROM "
                        + Tables.DWS_INCIDENT_BACKFILL_WINDOW + " WHERE" + IN_CHOSEN + " ORDER BY window_id", p)
                .stream()
                .map(r -> new BackfillWindow(r.getString("center_id"), r.getString("incident_id"), r.getString("window_id"),
                        nullableLong(r, "registered"), r.getLong("backfilled"), nullableLong(r, "missing"), nullableLong(r, "lateness_max_ms"),
                        list(r, "deps")))
                .toList();
        List<Fact> facts = !page ? List.of() : reader.query("the timeline", CHOSEN + "SELECT fact_id, fact_type, fact_label, "
                        + MS + "(at) AS at_ms, " + MS + "(recorded_at) AS recorded_ms, source, rule, incident_type, level, confirmed,"
                        + " arrayStringConcat(department_ids, ',') AS deps, arrayStringConcat(window_ids, ',') AS wins, reported_by, reported_to,"
                        + " approver, " + MS + "(pause_from) AS pause_from_ms, " + MS + "(pause_to) AS pause_to_ms, paper_cases, note FROM "
                        + Tables.DWD_INCIDENT_FACT + " FINAL WHERE" + IN_CHOSEN + " ORDER BY at, recorded_at, fact_id", p)
                .stream()
                .map(r -> new Fact(r.getString("fact_id"), r.getString("fact_type"), r.getString("fact_label"), r.getLong("at_ms"),
                        r.getLong("recorded_ms"), r.getString("source"), r.getString("rule"), r.getString("incident_type"), r.getString("level"),
                        r.hasValue("confirmed") ? r.getLong("confirmed") != 0 : null, list(r, "deps"), list(r, "wins"),
                        r.getString("reported_by"), r.getString("reported_to"), r.getString("approver"), nullableLong(r, "pause_from_ms"),
                        nullableLong(r, "pause_to_ms"), r.hasValue("paper_cases") ? (int) r.getLong("paper_cases") : null, r.getString("note")))
                .toList();
        List<Hour> hours = !page ? List.of() : reader.query("impact by hour", CHOSEN + "SELECT scope, department_id, window_id, "
                        + MS + "(toDateTime64(piece_from, 3)) AS from_ms, " + MS + "(toDateTime64(piece_to, 3)) AS to_ms, day_class, actual,"
                        + " arrayStringConcat(arrayMap(k -> toString(k), weeks_back), ',') AS weeks, baseline FROM "
                        + Tables.DWS_INCIDENT_THROUGHPUT_HOUR + " WHERE" + IN_CHOSEN + " ORDER BY scope, department_id, window_id, hour_start", p)
                .stream()
                .map(r -> new Hour(r.getString("scope"), r.getString("department_id"), r.getString("window_id"), r.getLong("from_ms"),
                        r.getLong("to_ms"), r.getString("day_class"), r.getLong("actual"),
                        list(r, "weeks").stream().map(Integer::valueOf).toList(), nullableDouble(r, "baseline")))
                .toList();
        return new IncidentFacts(now, DimensionNames.read(reader), incidents, deadlines, cards, throughput, backfill, windows, facts, hours);
    }

    private static List<String> list(GenericRecord r, String column) {
        String joined = r.getString(column);
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static Long nullableLong(GenericRecord r, String column) {
        return r.hasValue(column) ? r.getLong(column) : null;
    }

    private static Double nullableDouble(GenericRecord r, String column) {
        return r.hasValue(column) ? r.getDouble(column) : null;
    }

    @Override
    public void close() {
        reader.close();
    }
}
