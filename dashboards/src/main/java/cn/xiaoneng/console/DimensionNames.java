package cn.xiaoneng.console;

import cn.xiaoneng.console.ThroughputFacts.DepartmentKey;
import cn.xiaoneng.console.ThroughputFacts.Names;
import cn.xiaoneng.console.ThroughputFacts.WindowKey;
import cn.xiaoneng.warehouse.Tables;
import java.util.HashMap;
import java.util.Map;

/** Display names of centers, departments and windows from the dimension tables (migration V004), for every panel. */
final class DimensionNames {
    private DimensionNames() {}

    /** Latest names of centers and departments (ReplacingMergeTree(updated_at): argMax, not merges); named windows. */
    static Names read(ClickHouseReader reader) {
        Map<String, String> centers = new HashMap<>();
        reader.query("center names", "SELECT center_id, argMax(name, updated_at) AS name FROM " + Tables.DIM_CENTER
                        + " GROUP BY center_id", Map.of())
                .forEach(r -> centers.put(r.getString("center_id"), r.getString("name")));
        Map<DepartmentKey, String> departments = new HashMap<>();
        reader.query("department names", "SELECT center_id, department_id, argMax(name, updated_at) AS name FROM "
                        + Tables.DIM_DEPARTMENT + " GROUP BY center_id, department_id", Map.of())
                .forEach(r -> departments.put(new DepartmentKey(r.getString("center_id"), r.getString("department_id")),
                        r.getString("name")));
        // dim_window is discovered from events with an empty name until a catalogue names it; show the id until then.
        Map<WindowKey, String> windows = new HashMap<>();
        reader.query("window names", "SELECT center_id, department_id, window_id, max(name) AS window_name FROM "
                        + Tables.DIM_WINDOW + " GROUP BY center_id, department_id, window_id HAVING window_name != ''", Map.of())
                .forEach(r -> windows.put(new WindowKey(r.getString("center_id"), r.getString("department_id"),
                        r.getString("window_id")), r.getString("window_name")));
        centers.values().removeIf(String::isBlank);
        departments.values().removeIf(String::isBlank);
        return new Names(centers, departments, windows);
    }
}
