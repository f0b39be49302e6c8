package cn.xiaoneng.alerting.config;

import cn.xiaoneng.alerting.alert.Alert;
import java.util.Set;

/**
 * Label matching of a route, an {@code always} rule, an inhibition's source or target, or a silence. Every key given
 * must match (AND); a key with a list matches any of its values (OR); a missing key matches everything. For
 * {@code department} and {@code window}, an alert matches when any of its departments (windows) is listed.
 *
 * @param levels allowed levels (1 … 4); null = any
 */
public record Matcher(Set<String> sources, Set<String> centers, Set<String> departments, Set<String> windows,
        Set<String> kinds, Set<Integer> levels, Boolean confirmed) {
    public static final Matcher ANY = new Matcher(null, null, null, null, null, null, null);

    public boolean matches(Alert a) {
        return (sources == null || sources.contains(a.source().name()))
                && (centers == null || centers.contains(a.centerId()))
                && (departments == null || a.departmentIds().stream().anyMatch(departments::contains))
                && (windows == null || a.windowIds().stream().anyMatch(windows::contains))
                && (kinds == null || kinds.contains(a.kind()))
                && (levels == null || levels.contains(a.level()))
                && (confirmed == null || confirmed.equals(a.confirmed()));
    }

    /** Whether this matcher matches every card of {@code kind} at {@code level} from {@code source}, wherever it is. */
    public boolean matchesEvery(String source, String kind, int level) {
        return centers == null && departments == null && windows == null && confirmed == null
                && (sources == null || sources.contains(source)) && (kinds == null || kinds.contains(kind))
                && (levels == null || levels.contains(level));
    }
}
