package cn.xiaoneng.console;

import cn.xiaoneng.console.DimensionLoader.Center;
import cn.xiaoneng.console.DimensionLoader.Department;
import cn.xiaoneng.testsupport.ClickHouseServer;
import cn.xiaoneng.warehouse.ClickHouseConnection;
import cn.xiaoneng.warehouse.Tables;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One business day of throughput as the Flink job would have written it to the DWS tables (columns as in migration
 * V005), for the console's ITs. The simulated office clock is in the past: the latest minute bucket is Monday
 * 2 March 2026, 10:15 (Asia/Shanghai), whatever the wall clock says. Re-emitted buckets appear twice with different
 * versions, in separate inserts (separate parts, so no merge has collapsed them), once newer-first and once
 * older-first; only the higher version may count. Rows outside the views (09:40, the day before) must not count.
 */
final class ThroughputFixtures {
    static final String CENTER = "hn-cs-zwzx";
    static final String DAY = "2026-03-02";
    static final String AS_OF = "2026-03-02T10:15:00+08:00";
    static final String MARKET = "scjg";
    static final String LABOUR = "rsj";
    /** 市场监管局's 1号窗口: immediate and committed cases. */
    static final String W01 = "W01";
    /** 人社局's window W07: committed and urgent cases, each with handling samples (quantiles do not merge). */
    static final String W07 = "W07";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ThroughputFixtures() {}

    /** Names as the demo loads them; W01 is named in dim_window, W07 is not (shown by id). */
    static void loadNames(ClickHouseServer clickHouse, ClickHouseConnection connection, String db) {
        DimensionLoader dims = new DimensionLoader(connection);
        dims.upsertCenters(List.of(new Center(CENTER, "长沙市政务服务中心", "430100")));
        dims.upsertDepartments(List.of(new Department(CENTER, MARKET, "市场监管局", "lc"),
                new Department(CENTER, LABOUR, "人力资源和社会保障局", "xd")));
        clickHouse.query("INSERT INTO " + db + "." + Tables.DIM_WINDOW
                + " (center_id, window_id, department_id, name, first_seen, last_seen)"
                + " VALUES ('" + CENTER + "', '" + W01 + "', '" + MARKET + "', '1号窗口', '2026-03-02 08:00:00', '2026-03-02 10:15:00')");
    }

    /** A DWS row: counts; handling samples via {@link #handling}. */
    static ObjectNode bucket(String dept, String window, String kind, String start, long version, long accepted, long completed) {
        ObjectNode r = JSON.createObjectNode();
        r.put("center_id", CENTER).put("department_id", dept).put("window_id", window).put("case_kind", kind)
                .put("bucket_start", start).put("accepted", accepted).put("completed", completed).put("returned", 0)
                .put("not_accepted", 0).put("withdrawn", 0).put("supplement_requested", 0).put("handled", 0)
                .put("handling_p50_s", 0.0).put("handling_p90_s", 0.0).put("handling_sum_s", 0.0)
                .put("version", version).put("emitted_at", start + ".000");
        return r;
    }

    static ObjectNode handling(ObjectNode row, long handled, double p50, double p90, double sum) {
        return row.put("handled", handled).put("handling_p50_s", p50).put("handling_p90_s", p90).put("handling_sum_s", sum);
    }

    static void insert(ClickHouseServer clickHouse, String db, String table, List<ObjectNode> rows) {
        StringBuilder body = new StringBuilder("INSERT INTO " + db + "." + table + " FORMAT JSONEachRow\n");
        rows.forEach(r -> body.append(r).append('\n'));
        clickHouse.query(body.toString());
    }

    /**
     * Expected (the ITs assert these): recent 09:46–10:16 accepted 6 (3 + 2 + 1), 10:15 minute 3 accepted / 2 completed;
     * hour 10:00 accepted 7; today accepted 19, completed 14, returned 1, supplement 1, immediate 14 of 19.
     */
    static void writeBusinessDay(ClickHouseServer clickHouse, String db) {
        String minute = Tables.DWS_THROUGHPUT_MINUTE;
        // Newer version first, then a stale re-emission of the same bucket: the stale one must not win.
        insert(clickHouse, db, minute, List.of(
                handling(bucket(MARKET, W01, "IMMEDIATE", "2026-03-02 10:15:00", 5, 3, 2), 2, 300, 420, 640),
                supplement(bucket(MARKET, W01, "COMMITTED", "2026-03-02 10:14:00", 2, 2, 0), 1),
                handling(bucket(LABOUR, W07, "COMMITTED", "2026-03-02 10:00:00", 2, 1, 1), 1, 172_800, 172_800, 172_800),
                bucket(MARKET, W01, "IMMEDIATE", "2026-03-02 09:40:00", 4, 4, 0)));  // before the 30-minute view
        insert(clickHouse, db, minute, List.of(bucket(MARKET, W01, "IMMEDIATE", "2026-03-02 10:15:00", 2, 1, 1)));

        String hour = Tables.DWS_THROUGHPUT_HOUR;
        // Older version first, then the correction (a paper case entered late raised the 10:00 hour from 2 to 4).
        insert(clickHouse, db, hour, List.of(
                bucket(MARKET, W01, "IMMEDIATE", "2026-03-02 10:00:00", 3, 2, 1),
                bucket(LABOUR, W07, "URGENT", "2026-03-01 15:00:00", 9, 9, 9)));  // yesterday
        insert(clickHouse, db, hour, List.of(
                handling(bucket(MARKET, W01, "IMMEDIATE", "2026-03-02 09:00:00", 18, 10, 8), 8, 280, 500, 2600),
                handling(bucket(MARKET, W01, "IMMEDIATE", "2026-03-02 10:00:00", 7, 4, 3), 3, 300, 420, 960),
                supplement(bucket(MARKET, W01, "COMMITTED", "2026-03-02 10:00:00", 2, 2, 0), 1),
                returned(handling(bucket(LABOUR, W07, "COMMITTED", "2026-03-02 10:00:00", 3, 1, 1), 1, 172_800, 172_800, 172_800), 1),
                handling(bucket(LABOUR, W07, "URGENT", "2026-03-02 09:00:00", 4, 2, 2), 2, 3_600, 5_000, 7_400)));

        String day = Tables.DWS_THROUGHPUT_DAY;
        insert(clickHouse, db, day, List.of(
                handling(bucket(MARKET, W01, "IMMEDIATE", "2026-03-02 00:00:00", 25, 14, 11), 11, 290, 480, 3560),
                supplement(bucket(MARKET, W01, "COMMITTED", "2026-03-02 00:00:00", 3, 2, 0), 1),
                returned(handling(bucket(LABOUR, W07, "COMMITTED", "2026-03-02 00:00:00", 4, 1, 1), 1, 172_800, 172_800, 172_800), 1),
                handling(bucket(LABOUR, W07, "URGENT", "2026-03-02 00:00:00", 4, 2, 2), 2, 3_600, 5_000, 7_400),
                bucket(LABOUR, W07, "URGENT", "2026-03-01 00:00:00", 30, 99, 99)));  // yesterday
        insert(clickHouse, db, day, List.of(
                handling(bucket(MARKET, W01, "IMMEDIATE", "2026-03-02 00:00:00", 12, 9, 6), 6, 250, 400, 1500)));
    }

    private static ObjectNode supplement(ObjectNode row, long n) {
        return row.put("supplement_requested", n);
    }

    private static ObjectNode returned(ObjectNode row, long n) {
        return row.put("returned", n);
    }
}
