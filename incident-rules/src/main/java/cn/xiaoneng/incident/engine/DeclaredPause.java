package cn.xiaoneng.incident.engine;

import cn.xiaoneng.incident.IncidentType;
import java.util.List;

/**
 * A pause the center declared on the clocks of the open cases an incident affects (issue 4: "with who approved it
 * and when"). The deadline engine applies it like any other pause: {@link PauseEvents} turns it into a SUSPENDED /
 * RESUMED pair for one case.
 *
 * @param from          start of the paused interval (epoch ms)
 * @param to            its end, or null while service is not restored and the declaration named no end
 * @param approvedAt    when the approver declared it (the fact's business time)
 * @param recordedAt    when the operations log recorded the declaration
 * @param departmentIds the departments whose open cases pause (the declaration's own, else the incident's)
 * @param windowIds     the windows concerned, if the declaration narrows it down
 */
public record DeclaredPause(String centerId, String incidentId, String factId, long from, Long to, String approver, long approvedAt,
                            long recordedAt, List<String> departmentIds, List<String> windowIds, IncidentType incidentType) {

    public DeclaredPause {
        departmentIds = List.copyOf(departmentIds);
        windowIds = List.copyOf(windowIds);
    }

    /** Whether {@code t} lies in the paused interval {@code [from, to)}. */
    public boolean covers(long t) {
        return t >= from && (to == null || t < to);
    }
}
