package cn.xiaoneng.incident.impact;

import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.EventType;
import java.util.Optional;

/**
 * One case's acceptance as the 事后补录 count needs it: when the case was accepted in the business (the true 受理
 * time, from the paper form) and when its ACCEPTED was committed in the departmental system.
 */
public record CaseEntry(String caseId, String departmentId, String windowId, long acceptedAt, long committedAt) {

    /** From an ACCEPTED canonical event: business time and source commit time. */
    public static Optional<CaseEntry> of(CaseEvent e) {
        if (e.eventType != EventType.ACCEPTED) {
            return Optional.empty();
        }
        return Optional.of(new CaseEntry(e.caseId, e.departmentId, e.windowId, e.businessTime, e.sourceCommitTime));
    }

    /** How long after its acceptance the case was entered (ms). */
    public long lateness() {
        return committedAt - acceptedAt;
    }
}
