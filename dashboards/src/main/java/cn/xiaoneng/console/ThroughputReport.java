package cn.xiaoneng.console;

import cn.xiaoneng.console.ThroughputFacts.BucketRow;
import cn.xiaoneng.console.ThroughputFacts.BusinessWindow;
import cn.xiaoneng.console.ThroughputFacts.DepartmentKey;
import cn.xiaoneng.console.ThroughputFacts.Names;
import cn.xiaoneng.console.ThroughputFacts.WindowKey;
import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.Times;
import cn.xiaoneng.warehouse.Tables;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The body of {@code GET /api/throughput}: throughput per center, department, service window (窗口) and case kind for
 * the last minutes, today and each hour of today, all in business time. Field names are the JSON contract with
 * {@code console.js} and the browser test; instants are ISO-8601 with the center's offset, durations are seconds.
 * Metric definitions (口径) and the standard clauses behind them: docs/metrics.md.
 *
 * @param asOf        start of the latest bucket in the data: the business "now" (null: no data yet)
 * @param businessDay the business day "today" refers to, e.g. 2026-03-02
 * @param recent      the last {@code recentMinutes} minute buckets, from dws_throughput_minute
 * @param perMinute   accepted / completed per minute bucket of {@code recent}, zero-filled, oldest first (line chart)
 * @param today       the business day, from dws_throughput_day
 * @param hours       each hour of the business day from the first with data to the current one, from
 *                    dws_throughput_hour, zero-filled, oldest first (bar chart; the page's hour table shows one)
 */
public record ThroughputReport(
        String generatedAt,
        long refreshIntervalMs,
        String timeZone,
        String asOf,
        String businessDay,
        Integer recentMinutes,
        Period recent,
        List<Point> perMinute,
        Period today,
        List<Period> hours) {

    /** Row levels, outermost first: a center's total, a department's, a window's, then one case kind at one window. */
    public static final String CENTER = "center";
    public static final String DEPARTMENT = "department";
    public static final String WINDOW = "window";
    public static final String KIND = "kind";

    /** The per-bucket quantiles of the one bucket row that holds every sample: exact. */
    public static final String QUANTILES_EXACT = "EXACT";
    /** Samples come from several bucket rows: per-bucket p50/p90 do not combine into a p50/p90, so none is given. */
    public static final String QUANTILES_NOT_MERGEABLE = "NOT_MERGEABLE";
    /** No completion with a known acceptance time: no handling time at all. */
    public static final String QUANTILES_NO_SAMPLES = "NO_SAMPLES";

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    /** A time range and its figures: overall, and per center, department, window and case kind. */
    public record Period(String label, String from, String to, String table, Figures totals, List<Row> rows) {}

    /** One line of a throughput table. Ids of levels below {@code level} are null (a department row has no window). */
    public record Row(String level, String centerId, String centerName, String departmentId, String departmentName,
                      String windowId, String windowName, String caseKind, String caseKindLabel, Figures figures) {}

    /**
     * Figures over a set of bucket rows. Counts add exactly. {@code immediateShare} = accepted 即办件 / all accepted
     * (null when nothing was accepted). {@code handlingAvgS} = Σ handling_sum_s / Σ handled, exact (null without
     * samples). {@code handlingP50S}/{@code P90S} are given only when they are exact — when one bucket row holds every
     * handling sample ({@code quantiles} = EXACT); a weighted mean of bucket medians is not a median, so when samples
     * span several rows they are null and {@code quantiles} = NOT_MERGEABLE.
     */
    public record Figures(long accepted, long completed, long returned, long notAccepted, long withdrawn,
                          long supplementRequested, long immediateAccepted, Double immediateShare, long handled,
                          Double handlingAvgS, Double handlingP50S, Double handlingP90S, String quantiles) {

        public static Figures of(List<BucketRow> rows) {
            long accepted = 0, completed = 0, returned = 0, notAccepted = 0, withdrawn = 0, supplement = 0;
            long immediate = 0, handled = 0;
            double handlingSum = 0;
            List<BucketRow> withSamples = new ArrayList<>();
            for (BucketRow r : rows) {
                accepted += r.accepted();
                completed += r.completed();
                returned += r.returned();
                notAccepted += r.notAccepted();
                withdrawn += r.withdrawn();
                supplement += r.supplementRequested();
                if (CaseKind.IMMEDIATE.name().equals(r.caseKind())) {
                    immediate += r.accepted();
                }
                handled += r.handled();
                handlingSum += r.handlingSumS();
                if (r.handled() > 0) {
                    withSamples.add(r);
                }
            }
            Double share = accepted == 0 ? null : (double) immediate / accepted;
            Double avg = handled == 0 ? null : handlingSum / handled;
            Double p50 = null;
            Double p90 = null;
            String quantiles;
            if (withSamples.isEmpty()) {
                quantiles = QUANTILES_NO_SAMPLES;
            } else if (withSamples.size() == 1) {
                quantiles = QUANTILES_EXACT;
                p50 = withSamples.get(0).handlingP50S();
                p90 = withSamples.get(0).handlingP90S();
            } else {
                quantiles = QUANTILES_NOT_MERGEABLE;
            }
            return new Figures(accepted, completed, returned, notAccepted, withdrawn, supplement, immediate, share,
                    handled, avg, p50, p90, quantiles);
        }
    }

    /** One point of a chart: a bucket and its accepted and completed counts. */
    public record Point(String start, String label, long accepted, long completed) {}

    /** Shapes one refresh; with no bucket in the tables, a report without periods (the page says so). */
    public static ThroughputReport of(ThroughputFacts facts, ConsoleOptions options) {
        String generatedAt = Times.format(facts.serverNowMillis());
        long refresh = options.refreshInterval().toMillis();
        BusinessWindow w = facts.window();
        if (w == null) {
            return new ThroughputReport(generatedAt, refresh, Times.CHINA.getId(), null, null, null, null, List.of(), null,
                    List.of());
        }
        Names names = facts.names();
        Period recent = period("近 " + w.recentMinutes() + " 分钟", w.recentFromMillis(), w.recentToMillis(),
                Tables.DWS_THROUGHPUT_MINUTE, facts.minuteRows(), names, w);
        Period today = period("今日 " + w.day(), w.dayStartMillis(), w.dayEndMillis(), Tables.DWS_THROUGHPUT_DAY,
                facts.dayRows(), names, w);
        return new ThroughputReport(generatedAt, refresh, w.zone().getId(), Times.format(w.asOfMillis(), w.zone()),
                w.day().toString(), w.recentMinutes(), recent, perMinute(facts.minuteRows(), w), today,
                hours(facts.hourRows(), names, w));
    }

    /** Accepted and completed per minute of the recent view; minutes without a bucket are 0 (nothing happened). */
    static List<Point> perMinute(List<BucketRow> rows, BusinessWindow w) {
        Map<Long, List<BucketRow>> byMinute = rows.stream().collect(Collectors.groupingBy(BucketRow::bucketStartMillis));
        List<Point> points = new ArrayList<>();
        for (long t = w.recentFromMillis(); t < w.recentToMillis(); t += 60_000L) {
            List<BucketRow> in = byMinute.getOrDefault(t, List.of());
            points.add(new Point(Times.format(t, w.zone()), hhmm(t, w), in.stream().mapToLong(BucketRow::accepted).sum(),
                    in.stream().mapToLong(BucketRow::completed).sum()));
        }
        return points;
    }

    /**
     * One period per hour, from the first hour of the day with a bucket to the hour of {@code asOf}; an hour in
     * between without buckets is an empty period (a quiet lunch hour is a real zero, not a gap).
     */
    static List<Period> hours(List<BucketRow> rows, Names names, BusinessWindow w) {
        Map<Long, List<BucketRow>> byHour = rows.stream().collect(Collectors.groupingBy(BucketRow::bucketStartMillis));
        long current = w.asOfMillis() - Math.floorMod(w.asOfMillis() - w.dayStartMillis(), 3_600_000L);
        long first = byHour.keySet().stream().min(Long::compare).map(h -> Math.min(h, current)).orElse(current);
        List<Period> hours = new ArrayList<>();
        for (long h = first; h <= current; h += 3_600_000L) {
            hours.add(period(hhmm(h, w) + "–" + hhmm(h + 3_600_000L, w), h, h + 3_600_000L, Tables.DWS_THROUGHPUT_HOUR,
                    byHour.getOrDefault(h, List.of()), names, w));
        }
        return hours;
    }

    /**
     * Totals and the row tree: per center, then per department, per window, per case kind, each followed by its
     * children, in a stable order (ids; case kinds in the standard's order) so rows do not jump between refreshes.
     */
    static Period period(String label, long from, long to, String table, List<BucketRow> rows, Names names, BusinessWindow w) {
        List<Row> out = new ArrayList<>();
        group(rows, BucketRow::centerId, Comparator.naturalOrder()).forEach((center, inCenter) -> {
            String centerName = names.centers().getOrDefault(center, center);
            out.add(new Row(CENTER, center, centerName, null, null, null, null, null, null, Figures.of(inCenter)));
            group(inCenter, BucketRow::departmentId, Comparator.naturalOrder()).forEach((dept, inDept) -> {
                String deptName = names.departments().getOrDefault(new DepartmentKey(center, dept), dept.isEmpty() ? "（未注明部门）" : dept);
                out.add(new Row(DEPARTMENT, center, centerName, dept, deptName, null, null, null, null, Figures.of(inDept)));
                group(inDept, BucketRow::windowId, Comparator.naturalOrder()).forEach((window, inWindow) -> {
                    String windowName = names.windows().getOrDefault(new WindowKey(center, dept, window),
                            window.isEmpty() ? "（未注明窗口）" : window);
                    out.add(new Row(WINDOW, center, centerName, dept, deptName, window, windowName, null, null,
                            Figures.of(inWindow)));
                    group(inWindow, BucketRow::caseKind, ThroughputReport::compareKinds).forEach((kind, inKind) ->
                            out.add(new Row(KIND, center, centerName, dept, deptName, window, windowName, kind, kindLabel(kind),
                                    Figures.of(inKind))));
                });
            });
        });
        return new Period(label, Times.format(from, w.zone()), Times.format(to, w.zone()), table, Figures.of(rows), out);
    }

    private static Map<String, List<BucketRow>> group(List<BucketRow> rows, Function<BucketRow, String> key,
                                                      Comparator<String> order) {
        Map<String, List<BucketRow>> sorted = new TreeMap<>(order);
        sorted.putAll(rows.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList())));
        return sorted;
    }

    /** 6.6.1 lists the seven kinds; CaseKind keeps that order. Unknown and empty kinds go last. */
    static int compareKinds(String a, String b) {
        return Comparator.<String>comparingInt(ThroughputReport::kindOrder).thenComparing(Comparator.naturalOrder()).compare(a, b);
    }

    private static int kindOrder(String kind) {
        for (CaseKind k : CaseKind.values()) {
            if (k.name().equals(kind)) {
                return k.ordinal();
            }
        }
        return kind.isEmpty() ? Integer.MAX_VALUE : CaseKind.values().length;
    }

    static String kindLabel(String kind) {
        for (CaseKind k : CaseKind.values()) {
            if (k.name().equals(kind)) {
                return k.label();
            }
        }
        return kind.isEmpty() ? "（未知类型）" : kind;
    }

    private static String hhmm(long millis, BusinessWindow w) {
        return HH_MM.format(Instant.ofEpochMilli(millis).atZone(w.zone()));
    }
}
