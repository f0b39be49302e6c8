package cn.xiaoneng.app;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the departmental databases say happened, computed by SQL straight from them and written in the same
 * text form the warehouse queries produce. The end-to-end tests compare ClickHouse against this: every case,
 * every step, every status change.
 */
final class SourceTruth {
    static final DateTimeFormatter CH = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    /** case id → "submitted|accepted|closed|closingType|window|item" */
    final Map<String, String> cases = new TreeMap<>();
    /** step id → "caseId|name|handler|started|ended" */
    final Map<String, String> steps = new TreeMap<>();
    /** sorted "caseId|EVENT_TYPE|time" lines, one per event */
    final List<String> events = new ArrayList<>();
    /** case id → "department|window|CASE_KIND", the throughput dimensions */
    final Map<String, String> dimensions = new TreeMap<>();

    private static final Map<String, String> KIND_CODES = Map.of("JB", "IMMEDIATE", "CN", "COMMITTED", "LB", "JOINT", "SB", "REPORTED",
            "TB", "RETURNED", "BB", "RESUBMITTED", "JJ", "URGENT");
    private static final String[] KINDS_BY_NUMBER = {"", "IMMEDIATE", "COMMITTED", "JOINT", "REPORTED", "RETURNED", "RESUBMITTED", "URGENT"};
    /** Event types the throughput figures count (docs/metrics.md). */
    static final List<String> COUNTED = List.of("ACCEPTED", "COMPLETED", "RETURNED", "NOT_ACCEPTED", "WITHDRAWN", "SUPPLEMENT_REQUESTED");

    /**
     * Throughput truth: "department|window|kind|bucket" → counts in {@link #COUNTED} order, bucket being the local
     * minute ({@code yyyy-MM-dd HH:mm:00}) or day ({@code yyyy-MM-dd 00:00:00}) of each counted event's business time.
     */
    Map<String, List<Long>> throughput(boolean byDay) {
        Map<String, List<Long>> out = new TreeMap<>();
        for (String e : events) {
            String[] f = e.split("\\|");
            int type = COUNTED.indexOf(f[1]);
            String dims = dimensions.get(f[0]);
            if (type < 0 || dims == null) {
                continue;
            }
            String bucket = byDay ? f[2].substring(0, 10) + " 00:00:00" : f[2].substring(0, 16) + ":00";
            List<Long> counts = out.computeIfAbsent(dims + "|" + bucket, k -> new ArrayList<>(java.util.Collections.nCopies(COUNTED.size(), 0L)));
            counts.set(type, counts.get(type) + 1);
        }
        return out;
    }

    static String t(ResultSet rs, String column) throws SQLException {
        LocalDateTime v = rs.getObject(column, LocalDateTime.class);
        return v == null ? "" : CH.format(v);
    }

    static String s(ResultSet rs, String column) throws SQLException {
        String v = rs.getString(column);
        return v == null ? "" : v;
    }

    private static String closing(String code) {
        return switch (code) {
            case "0", "4", "6" -> "COMPLETED";
            case "1", "5" -> "RETURNED";
            case "2", "3" -> "WITHDRAWN";
            default -> throw new IllegalStateException("closing code " + code);
        };
    }

    void readLc(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM approval.business_index")) {
            while (rs.next()) {
                String id = rs.getString("sblsh");
                boolean refused = "2".equals(s(rs, "slztdm"));
                String bj = s(rs, "bjjgdm");
                String closingType = refused ? "NOT_ACCEPTED" : bj.isEmpty() ? "" : closing(bj);
                cases.put(id, String.join("|", t(rs, "sbsj"), refused ? "" : t(rs, "slsj"), refused ? t(rs, "slsj") : t(rs, "bjsj"), closingType,
                        s(rs, "ckbh"), s(rs, "sxbm")));
                dimensions.put(id, String.join("|", s(rs, "sjdwdm"), s(rs, "ckbh"), KIND_CODES.getOrDefault(s(rs, "bjlx"), "")));
                event(id, "SUBMITTED", t(rs, "sbsj"));
                event(id, refused ? "NOT_ACCEPTED" : "ACCEPTED", t(rs, "slsj"));
                event(id, "SUPPLEMENT_REQUESTED", t(rs, "bzgzsj"));
                event(id, "SUPPLEMENT_RECEIVED", t(rs, "bzsj"));
                event(id, "SUSPENDED", t(rs, "tbcxksrq"));
                event(id, "RESUMED", t(rs, "tbcxjsrq"));
                if (!bj.isEmpty()) {
                    event(id, closing(bj), t(rs, "bjsj"));
                }
                event(id, "DELIVERED", t(rs, "lqsj"));
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM approval.business_step")) {
            while (rs.next()) {
                String id = rs.getString("sblsh");
                steps.put(rs.getString("hjslbs"), String.join("|", id, s(rs, "hjmc"), s(rs, "blr"), t(rs, "kssj"), t(rs, "jssj")));
                event(id, "STEP_STARTED", t(rs, "kssj"));
                event(id, "STEP_COMPLETED", t(rs, "jssj"));
            }
        }
    }

    /** The Epoint system keeps no history in its case row: the status changes come from its own operation log. */
    void readXd(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM audit_project")) {
            while (rs.next()) {
                String status = s(rs, "status");
                String closingType = switch (status) {
                    case "90" -> "COMPLETED";
                    case "97" -> "NOT_ACCEPTED";
                    case "98" -> "WITHDRAWN";
                    case "99" -> "RETURNED";
                    default -> "";
                };
                cases.put(rs.getString("flowsn"), String.join("|", t(rs, "applydate"), t(rs, "acceptuserdate"), t(rs, "banjiedate"), closingType,
                        s(rs, "windowguid"), s(rs, "task_code")));
                int kind = rs.getInt("project_type");
                dimensions.put(rs.getString("flowsn"), String.join("|", s(rs, "ouguid"), s(rs, "windowguid"),
                        kind >= 1 && kind <= 7 ? KINDS_BY_NUMBER[kind] : ""));
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM audit_project_operation")) {
            while (rs.next()) {
                String id = rs.getString("flowsn");
                String before = s(rs, "status_before");
                String after = s(rs, "status_after");
                String at = t(rs, "operatedate");
                if (before.isEmpty()) {
                    event(id, "SUBMITTED", at);
                }
                if (before.equals("28")) {
                    event(id, "SUPPLEMENT_RECEIVED", at);
                }
                switch (after) {
                    case "28" -> event(id, "SUPPLEMENT_REQUESTED", at);
                    case "30" -> event(id, "ACCEPTED", at);
                    case "90" -> event(id, "COMPLETED", at);
                    case "97" -> event(id, "NOT_ACCEPTED", at);
                    case "98" -> event(id, "WITHDRAWN", at);
                    case "99" -> event(id, "RETURNED", at);
                    default -> { }
                }
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM audit_project_unusual")) {
            while (rs.next()) {
                event(rs.getString("flowsn"), "SUSPENDED", t(rs, "startdate"));
                event(rs.getString("flowsn"), "RESUMED", t(rs, "enddate"));
            }
        }
    }

    void readEx(Connection c) throws SQLException {
        Map<String, String[]> byCase = new TreeMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM exchange.ex_step_log ORDER BY id")) {
            while (rs.next()) {
                String id = rs.getString("sblsh");
                if (id == null) {
                    continue; // a row without a case id is a dead letter, not a fact
                }
                String[] f = byCase.computeIfAbsent(id, k -> new String[] {"", "", "", "", "", ""});
                String at = t(rs, "clsj");
                f[4] = s(rs, "ckbh");
                f[5] = s(rs, "sxbm");
                dimensions.put(id, String.join("|", s(rs, "sjdwdm"), s(rs, "ckbh"), KIND_CODES.getOrDefault(s(rs, "bjlx"), "")));
                switch (rs.getString("step_table")) {
                    case "SB" -> { f[0] = at; event(id, "SUBMITTED", at); }
                    case "SL" -> {
                        boolean ok = "1".equals(s(rs, "jgdm"));
                        if (ok) {
                            f[1] = at;
                        } else {
                            f[2] = at;
                            f[3] = "NOT_ACCEPTED";
                        }
                        event(id, ok ? "ACCEPTED" : "NOT_ACCEPTED", at);
                    }
                    case "SPCL" -> {
                        steps.put(rs.getString("hjslbs"), String.join("|", id, s(rs, "hjmc"), s(rs, "blr"), t(rs, "kssj"), at));
                        event(id, "STEP_STARTED", t(rs, "kssj"));
                        event(id, "STEP_COMPLETED", at);
                    }
                    case "BJGZ" -> event(id, "SUPPLEMENT_REQUESTED", at);
                    case "BJSL" -> event(id, "SUPPLEMENT_RECEIVED", at);
                    case "TBCXSQ" -> event(id, "SUSPENDED", at);
                    case "TBCXJG" -> event(id, "RESUMED", at);
                    case "BJ" -> { f[2] = at; f[3] = closing(s(rs, "jgdm")); event(id, f[3], at); }
                    case "LQDJ" -> event(id, "DELIVERED", at);
                    default -> throw new IllegalStateException(rs.getString("step_table"));
                }
            }
        }
        byCase.forEach((id, f) -> cases.put(id, String.join("|", f)));
    }

    private void event(String caseId, String type, String at) {
        if (!at.isEmpty()) {
            events.add(caseId + "|" + type + "|" + at);
        }
    }

    SourceTruth sorted() {
        Collections.sort(events);
        return this;
    }
}
