package cn.xiaoneng.jobs.incident;

import cn.xiaoneng.incident.IncidentType;
import cn.xiaoneng.incident.engine.DeclaredPause;
import java.util.List;

/**
 * A declared clock pause ({@link DeclaredPause}) addressed to one affected department: the open-case index of that
 * department turns it into SUSPENDED/RESUMED events for its open cases. Sent again whenever the pause changes (its end
 * becomes known at restoration). A Flink POJO.
 */
public final class PauseRequest {
    public String centerId;
    public String incidentId;
    public String factId;
    public String departmentId;
    public long from;
    public Long to;
    public String approver;
    public long approvedAt;
    public long recordedAt;
    /** Windows the pause is narrowed to; empty = every window of the department. */
    public String[] windowIds;
    public IncidentType incidentType;
    /** The tracker's clock when this version of the pause became known (its declaration, or the restoration that ended it). */
    public long knownAt;

    public PauseRequest() {}

    static PauseRequest of(DeclaredPause p, String departmentId, long knownAt) {
        PauseRequest r = new PauseRequest();
        r.centerId = p.centerId();
        r.incidentId = p.incidentId();
        r.factId = p.factId();
        r.departmentId = departmentId;
        r.from = p.from();
        r.to = p.to();
        r.approver = p.approver();
        r.approvedAt = p.approvedAt();
        r.recordedAt = p.recordedAt();
        r.windowIds = p.windowIds().toArray(new String[0]);
        r.incidentType = p.incidentType();
        r.knownAt = knownAt;
        return r;
    }

    DeclaredPause pause() {
        return new DeclaredPause(centerId, incidentId, factId, from, to, approver, approvedAt, recordedAt, List.of(departmentId),
                windowIds == null ? List.of() : List.of(windowIds), incidentType);
    }

    /** Whether a case of this department, accepted at {@code window}, falls under the pause's windows. */
    boolean coversWindow(String window) {
        if (windowIds == null || windowIds.length == 0) {
            return true;
        }
        for (String w : windowIds) {
            if (w.equals(window)) {
                return true;
            }
        }
        return false;
    }
}
