package cn.xiaoneng.jobs.incident;

import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.IncidentFactCodec;
import cn.xiaoneng.incident.engine.IncidentCard;
import cn.xiaoneng.incident.engine.IncidentCardCodec;
import cn.xiaoneng.jobs.clickhouse.JsonRow;
import cn.xiaoneng.jobs.clickhouse.JsonRowEncoder;
import cn.xiaoneng.model.Times;

/** Row encoders binding the incident job's outputs to their ClickHouse tables (V008__incidents.sql). */
public final class IncidentRows {
    private IncidentRows() {}

    /** {@code dwd_incident_card}: the main columns, and the whole card as published ({@code card_json}: the evidence). */
    public static final class CardRow implements JsonRowEncoder<IncidentCard> {
        private static final long serialVersionUID = 1L;
        private final IncidentCardCodec codec = new IncidentCardCodec();

        @Override
        public void encode(IncidentCard c, JsonRow row) {
            row.put("card_id", c.cardId)
                    .put("status", c.status.name())
                    .put("kind", c.kind.name())
                    .put("kind_label", c.label())
                    .put("qualifier", orEmpty(c.qualifier))
                    .put("instant", Times.format(c.instant))
                    .put("center_id", c.centerId)
                    .put("incident_id", c.incidentId)
                    .put("incident_type", c.incidentType == null ? "" : c.incidentType.name())
                    .put("level", c.level == null ? "" : c.level.name())
                    .put("confirmed", c.confirmed ? 1 : 0)
                    .putArray("department_ids", c.departmentIds)
                    .putArray("window_ids", c.windowIds)
                    .put("start_at", time(c.start))
                    .put("due_at", time(c.due))
                    .put("rule_version", orEmpty(c.ruleVersion))
                    .put("clause", orEmpty(c.clause))
                    .put("summary", orEmpty(c.summary))
                    .put("card_json", codec.encodeToString(c))
                    .put("emitted_at", Times.format(c.instant));
        }
    }

    /** {@code dwd_incident}: the incident as it stands. */
    public static final class IncidentTableRow implements JsonRowEncoder<IncidentRow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void encode(IncidentRow r, JsonRow row) {
            row.put("center_id", r.centerId)
                    .put("incident_id", r.incidentId)
                    .put("incident_type", orEmpty(r.incidentType))
                    .put("level", orEmpty(r.level))
                    .put("confirmed", r.confirmed ? 1 : 0)
                    .put("opened_suspected", r.openedSuspected ? 1 : 0)
                    .put("status", r.status)
                    .put("source", r.source)
                    .put("rule", orEmpty(r.rule))
                    .put("onset", time(r.onset))
                    .put("detected", time(r.detected))
                    .put("restored_at", time(r.restoredAt))
                    .put("closed_at", time(r.closedAt))
                    .putArray("department_ids", r.departmentIds)
                    .putArray("window_ids", r.windowIds)
                    .put("facts", r.facts)
                    .put("cards_standing", r.cardsStanding)
                    .put("deadlines_missed", r.deadlinesMissed)
                    .put("rule_version", orEmpty(r.ruleVersion))
                    .put("revision", r.revision)
                    .put("as_of", Times.format(r.asOf));
        }
    }

    /** {@code dwd_incident_fact}: one timeline entry, with the fact JSON as published. */
    public static final class FactRow implements JsonRowEncoder<IncidentFact> {
        private static final long serialVersionUID = 1L;
        private final IncidentFactCodec codec = new IncidentFactCodec();

        @Override
        public void encode(IncidentFact f, JsonRow row) {
            row.put("center_id", f.centerId)
                    .put("incident_id", f.incidentId)
                    .put("fact_id", f.factId)
                    .put("fact_type", f.factType.name())
                    .put("fact_label", f.factType.label())
                    .put("at", Times.format(f.at))
                    .put("recorded_at", Times.format(f.recordedAt))
                    .put("source", f.sourceOrDefault().name())
                    .put("rule", orEmpty(f.rule))
                    .put("incident_type", f.incidentType == null ? "" : f.incidentType.name())
                    .put("level", f.level == null ? "" : f.level.name())
                    .putArray("department_ids", f.departmentIds)
                    .putArray("window_ids", f.windowIds)
                    .put("reported_by", orEmpty(f.reportedBy))
                    .put("reported_to", orEmpty(f.reportedTo))
                    .put("approver", orEmpty(f.approver))
                    .put("pause_from", time(f.pauseFrom))
                    .put("pause_to", time(f.pauseTo))
                    .put("note", orEmpty(f.note))
                    .put("source_position", orEmpty(f.sourcePosition))
                    .put("fact_json", codec.encodeToString(f));
            if (f.confirmed != null) {
                row.put("confirmed", f.confirmed ? 1 : 0);
            }
            if (f.paperCases != null) {
                row.put("paper_cases", f.paperCases.longValue());
            }
        }
    }

    /** {@code dwd_incident_deadline}: one plan deadline — due, actual, met or missed, under which rule version. */
    public static final class CheckRow implements JsonRowEncoder<PlanCheckRow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void encode(PlanCheckRow c, JsonRow row) {
            row.put("center_id", c.centerId)
                    .put("incident_id", c.incidentId)
                    .put("deadline", c.deadline)
                    .put("qualifier", c.qualifier)
                    .put("level", orEmpty(c.level))
                    .put("start_at", time(c.start))
                    .put("due_at", time(c.due))
                    .put("budget", orEmpty(c.budget))
                    .put("counting", orEmpty(c.counting))
                    .put("actual_at", time(c.actual))
                    .put("status", c.status)
                    .put("rule_version", orEmpty(c.ruleVersion))
                    .put("revision", c.revision)
                    .put("as_of", Times.format(c.asOf));
            if (c.status.equals("MET")) {
                row.put("met", 1);
            } else if (c.status.equals("MET_LATE") || c.status.equals("UNMET")) {
                row.put("met", 0);
            }
        }
    }

    private static String time(Long t) {
        return t == null ? null : Times.format(t);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
