package cn.xiaoneng.incident.engine;

import cn.xiaoneng.deadline.engine.Conventions;
import cn.xiaoneng.deadline.engine.DeclaredPauseReason;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.EventIds;
import cn.xiaoneng.model.EventType;
import java.util.ArrayList;
import java.util.List;

/**
 * A declared pause as canonical events for one affected open case, so that the deadline engine stops that case's
 * clock like any other pause: a SUSPENDED at the pause's start and, once it has one, a RESUMED at its end, both
 * with step id {@code incident:<incidentId>} (the engine pairs a RESUMED with the open suspension of the same step
 * id) and the reason and approver the 跟踪表 records (a {@code PauseRow} of kind DECLARED with the incident, the approver
 * and the approval time).
 *
 * <p>Which cases are affected (open, of a listed department, accepted at a listed window if any) is the wiring's
 * query; this only builds the events. Event ids are deterministic, so re-declaring changes nothing.
 */
public final class PauseEvents {
    /** Source id written on the events, so they are told apart from departmental facts. */
    public static final String SOURCE_ID = "incident";
    public static final String SOURCE_TABLE = "declared_pause";

    private PauseEvents() {}

    public static List<CaseEvent> forCase(DeclaredPause p, String caseId, String departmentId) {
        List<CaseEvent> out = new ArrayList<>(2);
        // The deadline engine reads the incident from the step id and the approver and approval time back from the
        // reason (Conventions.DECLARED_PAUSE_STEP_PREFIX, DeclaredPauseReason): its 跟踪表 shows them on the pause row.
        String reason = new DeclaredPauseReason(p.incidentId(), p.incidentType() == null ? null : p.incidentType().label(), p.approver(),
                p.approvedAt()).text();
        out.add(event(p, caseId, departmentId, EventType.SUSPENDED, p.from(), reason, 0));
        if (p.to() != null) {
            out.add(event(p, caseId, departmentId, EventType.RESUMED, p.to(), reason, 1));
        }
        return out;
    }

    private static CaseEvent event(DeclaredPause p, String caseId, String departmentId, EventType type, long at, String reason, int rule) {
        CaseEvent e = new CaseEvent();
        e.eventId = EventIds.of(SOURCE_ID + ":" + p.centerId(), SOURCE_TABLE, caseId, p.factId(), rule);
        e.caseId = caseId;
        e.centerId = p.centerId();
        e.departmentId = departmentId;
        e.eventType = type;
        e.stepId = Conventions.declaredPauseStepId(p.incidentId());
        e.handler = p.approver();
        e.reason = reason;
        e.businessTime = at;
        // Nobody can know of the pause before it was recorded.
        e.sourceCommitTime = Math.max(at, p.recordedAt());
        e.sourceId = SOURCE_ID;
        e.sourceTable = SOURCE_TABLE;
        e.sourcePosition = p.factId();
        return e;
    }
}
