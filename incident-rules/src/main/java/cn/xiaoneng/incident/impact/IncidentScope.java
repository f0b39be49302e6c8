package cn.xiaoneng.incident.impact;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * What a throughput figure is about: one department (all its windows) or one window (all its departments), and
 * which incidents touch it. An hour touched by an incident is no baseline for another incident's hour (issue 4: the
 * baseline skips "a week where that hour had its own incident").
 *
 * <p>A department is touched by an incident that names it, names one of its windows, or names neither departments
 * nor windows (the whole hall). A window is touched by an incident that names it, or names no window but one of the
 * window's departments, or names neither. The same rule is in the SQL of migration V009, where "its windows" and
 * "the window's departments" come from {@code dim_window}.
 *
 * @param kind        department or window
 * @param id          the department or window id
 * @param departments the department itself, or the departments the window serves
 * @param windows     the department's windows, or the window itself
 */
public record IncidentScope(Kind kind, String id, Set<String> departments, Set<String> windows) {

    /** Department (部门) or window (窗口). */
    public enum Kind { DEPARTMENT, WINDOW }

    public IncidentScope {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        departments = Set.copyOf(departments);
        windows = Set.copyOf(windows);
    }

    /** A department and the windows it staffs. */
    public static IncidentScope department(String departmentId, Collection<String> itsWindows) {
        return new IncidentScope(Kind.DEPARTMENT, departmentId, Set.of(departmentId), Set.copyOf(itsWindows));
    }

    /** A window and the departments it serves. */
    public static IncidentScope window(String windowId, Collection<String> itsDepartments) {
        return new IncidentScope(Kind.WINDOW, windowId, Set.copyOf(itsDepartments), Set.of(windowId));
    }

    /** Whether an incident affecting these departments and windows touches this scope. */
    public boolean touchedBy(Collection<String> incidentDepartments, Collection<String> incidentWindows) {
        if (incidentDepartments.isEmpty() && incidentWindows.isEmpty()) {
            return true;
        }
        if (incidentWindows.stream().anyMatch(windows::contains)) {
            return true;
        }
        return kind == Kind.DEPARTMENT
                ? incidentDepartments.contains(id)
                : incidentWindows.isEmpty() && incidentDepartments.stream().anyMatch(departments::contains);
    }
}
