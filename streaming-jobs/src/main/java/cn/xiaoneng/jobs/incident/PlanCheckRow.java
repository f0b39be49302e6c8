package cn.xiaoneng.jobs.incident;

import cn.xiaoneng.incident.engine.DeadlineCheck;

/**
 * One plan deadline of an incident ({@link DeadlineCheck}) after a change of its timeline: a row of
 * {@code dwd_incident_deadline}. The checks of one {@link #revision} replace those of every earlier one (a follow-up
 * deadline can disappear when a report is entered late). A Flink POJO.
 */
public final class PlanCheckRow {
    public String centerId;
    public String incidentId;
    /** The plan's key: verbalReport, writtenReport, followUpInterval, response, workaround, restoration. */
    public String deadline;
    /** The deadline key, {@code followUp#n} for the n-th follow-up. */
    public String qualifier;
    public String level;
    public Long start;
    public Long due;
    public String budget;
    public String counting;
    public Long actual;
    /** MET, MET_LATE, UNMET, MOOT, NOT_APPLICABLE. */
    public String status;
    public String ruleVersion;
    public int revision;
    public long asOf;

    public PlanCheckRow() {}

    static PlanCheckRow of(String centerId, String incidentId, DeadlineCheck c, String ruleVersion, int revision, long asOf) {
        PlanCheckRow r = new PlanCheckRow();
        r.centerId = centerId;
        r.incidentId = incidentId;
        r.deadline = c.deadline().key();
        r.qualifier = c.qualifier();
        r.level = c.level() == null ? null : c.level().name();
        r.start = c.start();
        r.due = c.due();
        r.budget = c.budget() == null ? null : c.budget().toString();
        r.counting = c.counting() == null ? null : c.counting().name();
        r.actual = c.actual();
        r.status = c.status().name();
        r.ruleVersion = ruleVersion;
        r.revision = revision;
        r.asOf = asOf;
        return r;
    }
}
