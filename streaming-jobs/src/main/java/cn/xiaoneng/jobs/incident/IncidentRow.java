package cn.xiaoneng.jobs.incident;

import cn.xiaoneng.incident.FactSource;
import cn.xiaoneng.incident.engine.DeadlineCheck;
import cn.xiaoneng.incident.engine.IncidentSchedule;
import cn.xiaoneng.incident.engine.IncidentState;
import cn.xiaoneng.incident.engine.Timeline;
import cn.xiaoneng.incident.IncidentFact;

/**
 * An incident as it stands after a change: one row of {@code dwd_incident} (the highest {@link #revision}, then
 * {@link #asOf}, wins). A Flink POJO.
 */
public final class IncidentRow {
    public String centerId;
    public String incidentId;
    public String incidentType;
    public String level;
    public boolean confirmed;
    public boolean openedSuspected;
    /** SUSPECTED, OPEN, RESTORED, CLOSED or DISMISSED. */
    public String status;
    public String source;
    public String rule;
    public Long onset;
    public Long detected;
    public Long restoredAt;
    public Long closedAt;
    public String[] departmentIds;
    public String[] windowIds;
    public int facts;
    public int cardsStanding;
    public int deadlinesMissed;
    public String ruleVersion;
    /** The number of facts: grows with every change of the timeline. */
    public int revision;
    public long asOf;

    public IncidentRow() {}

    static IncidentRow of(IncidentState state, IncidentSchedule s, String ruleVersion, long asOf) {
        Timeline t = s.timeline();
        IncidentRow r = new IncidentRow();
        r.centerId = state.centerId();
        r.incidentId = state.incidentId();
        r.incidentType = t.type() == null ? null : t.type().name();
        r.level = t.levelAt(Long.MAX_VALUE) == null ? null : t.levelAt(Long.MAX_VALUE).name();
        r.confirmed = t.confirmedAt(Long.MAX_VALUE);
        r.openedSuspected = t.openedSuspected();
        r.restoredAt = t.restoredAt();
        r.closedAt = t.closedAt();
        r.status = t.dismissed() ? "DISMISSED" : r.closedAt != null ? "CLOSED" : r.restoredAt != null ? "RESTORED" : r.confirmed ? "OPEN" : "SUSPECTED";
        IncidentFact first = state.facts().isEmpty() ? null : state.facts().get(0);
        FactSource src = first == null ? FactSource.OPS_LOG : first.sourceOrDefault();
        r.source = src.name();
        r.rule = first == null ? null : first.rule;
        r.onset = t.onset();
        r.detected = t.detected();
        r.departmentIds = t.departmentsAt(Long.MAX_VALUE).toArray(new String[0]);
        r.windowIds = t.windowsAt(Long.MAX_VALUE).toArray(new String[0]);
        r.facts = state.facts().size();
        r.cardsStanding = state.emitted().size();
        int missed = 0;
        for (DeadlineCheck c : s.deadlines()) {
            if (c.missedAt(asOf)) {
                missed++;
            }
        }
        r.deadlinesMissed = missed;
        r.ruleVersion = ruleVersion;
        r.revision = r.facts;
        r.asOf = asOf;
        return r;
    }
}
