package cn.xiaoneng.jobs.deadline;

import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.EventType;
import cn.xiaoneng.model.Limit;
import cn.xiaoneng.model.Times;
import java.time.LocalDateTime;

/** Canonical events of test cases at 湖南省长沙市政务服务中心 (center hn-cs-zwzx), times in local China time. */
final class DeadlineFixtures {
    static final String CENTER = "hn-cs-zwzx";

    private DeadlineFixtures() {}

    static long local(String isoLocalDateTime) {
        return LocalDateTime.parse(isoLocalDateTime).atZone(Times.CHINA).toInstant().toEpochMilli();
    }

    /** An event of a 承诺件 of 市场监管局 with a 承诺时限, committed when it happened. */
    static CaseEvent event(EventType type, String caseId, String limit, String at) {
        CaseEvent e = new CaseEvent();
        e.caseId = caseId;
        e.centerId = CENTER;
        e.departmentId = "scjg";
        e.windowId = "W01";
        e.itemCode = "XK-SCJG-001";
        e.itemName = "食品经营许可";
        e.caseKind = CaseKind.COMMITTED;
        e.committedLimit = Limit.parse(limit);
        e.eventType = type;
        e.businessTime = local(at);
        e.sourceCommitTime = e.businessTime;
        e.sourceId = "test";
        e.sourceTable = "test.cases";
        e.sourcePosition = "ts:" + e.businessTime + ":" + type;
        e.eventId = caseId + "/" + type + "/" + e.businessTime;
        return e;
    }

    static CaseEvent enteredAt(CaseEvent e, String committedAt) {
        e.sourceCommitTime = local(committedAt);
        e.sourcePosition = "ts:" + e.sourceCommitTime + ":" + e.eventType;
        e.eventId = e.caseId + "/" + e.eventType + "/" + e.businessTime + "/" + e.sourceCommitTime;
        return e;
    }
}
