package cn.xiaoneng.jobs.throughput;

import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.EventType;
import cn.xiaoneng.model.Times;
import java.time.LocalDateTime;

/** Named instants and case-event builders for the throughput tests. All times are Shanghai wall-clock. */
final class ThroughputFixtures {
    static final String CENTER = "hn-cs-zwzx";
    static final String SCJG = "scjg";
    static final String GAJ = "gaj";
    static final String W01 = "W01";
    static final String W02 = "W02";

    static final long MON_0930_10 = local("2026-03-02T09:30:10");
    static final long MON_0930_30 = local("2026-03-02T09:30:30");
    static final long MON_0930_40 = local("2026-03-02T09:30:40");
    static final long MON_0931_00 = local("2026-03-02T09:31:00");
    static final long MON_0945_10 = local("2026-03-02T09:45:10");
    static final long MON_0950 = local("2026-03-02T09:50:00");
    static final long MON_1005 = local("2026-03-02T10:05:00");
    static final long MON_1005_30 = local("2026-03-02T10:05:30");
    static final long MON_1010 = local("2026-03-02T10:10:00");
    static final long MON_1100 = local("2026-03-02T11:00:00");
    static final long MON_1110 = local("2026-03-02T11:10:00");
    static final long MON_1120 = local("2026-03-02T11:20:00");
    static final long MON_2359 = local("2026-03-02T23:59:00");
    static final long TUE_0001 = local("2026-03-03T00:01:00");
    /** Ten days before: beyond any allowed lateness the job uses. */
    static final long FEB_20_1000 = local("2026-02-20T10:00:00");

    private ThroughputFixtures() {}

    static long local(String isoLocalDateTime) {
        return LocalDateTime.parse(isoLocalDateTime).atZone(Times.CHINA).toInstant().toEpochMilli();
    }

    /** A 受理 as the case's index row reports it: every attribute known; a 承诺件 of 市场监管 unless said otherwise. */
    static CaseEvent accepted(String caseId, String window, long at) {
        return accepted(caseId, SCJG, window, CaseKind.COMMITTED, at);
    }

    static CaseEvent accepted(String caseId, String department, String window, CaseKind kind, long at) {
        CaseEvent e = event(EventType.ACCEPTED, caseId, at);
        e.departmentId = department;
        e.windowId = window;
        e.caseKind = kind;
        return e;
    }

    /** A 办结 as a step row reports it: case id and center, nothing else. */
    static CaseEvent completed(String caseId, long at) {
        return event(EventType.COMPLETED, caseId, at);
    }

    static CaseEvent returned(String caseId, long at) {
        return event(EventType.RETURNED, caseId, at);
    }

    static CaseEvent withdrawn(String caseId, long at) {
        return event(EventType.WITHDRAWN, caseId, at);
    }

    static CaseEvent supplementRequested(String caseId, long at) {
        return event(EventType.SUPPLEMENT_REQUESTED, caseId, at);
    }

    static CaseEvent stepCompleted(String caseId, long at) {
        return event(EventType.STEP_COMPLETED, caseId, at);
    }

    /** A 不予受理 decided at the window: the row names department, window and kind. */
    static CaseEvent notAccepted(String caseId, String window, long at) {
        CaseEvent e = event(EventType.NOT_ACCEPTED, caseId, at);
        e.departmentId = SCJG;
        e.windowId = window;
        e.caseKind = CaseKind.COMMITTED;
        return e;
    }

    /** Only what every canonical event carries; the event id is derived from case, type and time, so a copy is a replay. */
    static CaseEvent event(EventType type, String caseId, long at) {
        CaseEvent e = new CaseEvent();
        e.eventId = caseId + "/" + type + "/" + at;
        e.caseId = caseId;
        e.centerId = CENTER;
        e.eventType = type;
        e.businessTime = at;
        e.sourceCommitTime = at;
        e.sourceId = "test";
        e.sourceTable = "test.cases";
        e.sourcePosition = "ts:" + at;
        return e;
    }

    /** A fact of the scjg / W01 / 承诺件 bucket, as the enricher would emit it. */
    static ThroughputFact fact(EventType type, long at) {
        return new ThroughputFact(CENTER, SCJG, W01, CaseKind.COMMITTED.name(), type, at, ThroughputFact.UNKNOWN);
    }

    static ThroughputFact completedFact(long at, long handlingSeconds) {
        return new ThroughputFact(CENTER, SCJG, W01, CaseKind.COMMITTED.name(), EventType.COMPLETED, at, handlingSeconds);
    }
}
