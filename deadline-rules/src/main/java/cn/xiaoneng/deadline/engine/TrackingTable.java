package cn.xiaoneng.deadline.engine;

import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.Limit;
import cn.xiaoneng.model.LimitUnit;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The 跟踪表 of a case (标准 附录E): each step, who held it (department, window, handler), when it started and
 * ended, and the counted time it used against its budget; each clock stop (补正, 特别程序, 上报, 应急停表) with its
 * reason, who stopped the clock and, for a declared pause, the incident, the approver and the approval time; the case
 * clock; and, once closed, the outcome. Read as of one instant (the engine's clock): open steps and stops count up to
 * then. A Flink POJO.
 */
public final class TrackingTable {
    /** Instants after this many days past counting start are read as that instant (an open case read "at infinity"). */
    static final long MAX_READING_DAYS = 20 * 366;

    public String caseId;
    public String centerId;
    public String itemCode;
    public String itemName;
    public CaseKind caseKind;
    public String departmentId;
    public String windowId;
    /** The instant this table was read at (epoch ms). */
    public long asOf;
    public Long accepted;
    public Long due;
    public Limit limit;
    public LimitBasis limitBasis;
    public LimitUnit measure;
    /** Counted time used by the case up to {@link #asOf} (or its close), ms. */
    public Long usedMillis;
    /** Counted time remaining at {@link #asOf} (or its close), ms; negative = overdue. */
    public Long remainingMillis;
    public StepRow[] steps;
    /** The clock stops, in order of start; a stop that has not ended is open. */
    public PauseRow[] pauses;
    /** Null while the case is open. */
    public CaseOutcome outcome;

    public TrackingTable() {}

    public static TrackingTable of(CaseFacts facts, DeadlinePolicy policy, Calendars calendars, long asOf) {
        return of(facts, policy, calendars.forCenter(facts.centerId()), asOf);
    }

    public static TrackingTable of(CaseFacts facts, DeadlinePolicy policy, WorkCalendar calendar, long asOf) {
        return of(new CaseEvaluation(new CaseView(facts), policy, calendar), asOf);
    }

    static TrackingTable of(CaseEvaluation ev, long asOf) {
        CaseView v = ev.view;
        TrackingTable t = new TrackingTable();
        t.caseId = v.caseId;
        t.centerId = v.centerId;
        t.itemCode = v.itemCode;
        t.itemName = v.itemName;
        t.caseKind = v.caseKind;
        t.departmentId = v.departmentOfRecord;
        t.windowId = v.windowId;
        t.asOf = asOf;
        long reading = asOf;
        if (ev.closedAt() != null) {
            reading = Math.min(reading, ev.closedAt());
        }
        if (ev.hasClock()) {
            reading = Math.min(reading, ev.countingStart.toEpochMilli() + MAX_READING_DAYS * 86_400_000L);
            if (ev.unreachableFrom != null) {
                reading = Math.min(reading, ev.unreachableFrom.toEpochMilli() - 1);
            }
            t.accepted = ev.accepted.toEpochMilli();
            t.due = ev.dueKnown ? ev.due.due().toEpochMilli() : null;
            t.limit = ev.limit;
            t.limitBasis = ev.basis;
            t.measure = ev.measure;
            Instant at = Instant.ofEpochMilli(reading);
            t.usedMillis = at.isAfter(ev.countingStart) ? ev.counted(ev.countingStart, at, ev.measure) : 0L;
            t.remainingMillis = ev.remainingAt(reading);
        }
        final long r = reading;
        t.steps = v.steps.stream().map(s -> ev.row(s, r)).toArray(StepRow[]::new);
        t.pauses = v.pauses.stream().map(p -> ev.pauseRow(p, r)).toArray(PauseRow[]::new);
        t.outcome = ev.outcome();
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrackingTable t && Objects.equals(caseId, t.caseId) && Objects.equals(centerId, t.centerId)
                && asOf == t.asOf && Objects.equals(due, t.due) && Arrays.equals(steps, t.steps) && Arrays.equals(pauses, t.pauses)
                && Objects.equals(outcome, t.outcome)
                && Objects.equals(usedMillis, t.usedMillis) && Objects.equals(remainingMillis, t.remainingMillis);
    }

    @Override
    public int hashCode() {
        return Objects.hash(caseId, asOf);
    }

    @Override
    public String toString() {
        return "TrackingTable{" + centerId + "/" + caseId + " " + Arrays.toString(steps) + " " + Arrays.toString(pauses) + " " + outcome + "}";
    }
}
