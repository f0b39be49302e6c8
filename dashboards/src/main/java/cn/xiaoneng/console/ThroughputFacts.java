package cn.xiaoneng.console;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link ThroughputRepository} read from the DWS throughput tables in one refresh, before any shaping: the
 * business clock the figures are as of, display names, and the bucket rows (one per center, department, window,
 * case kind and bucket; FINAL already kept only the highest version of each). {@link ThroughputReport#of} shapes it,
 * so every rule is tested without a server.
 *
 * @param serverNowMillis ClickHouse's wall clock when read (shown as "read at", never used to pick buckets)
 * @param window          the business-time ranges read, or {@code null} when the tables hold no bucket at all
 * @param minuteRows      dws_throughput_minute rows in {@code [window.recentFrom, window.recentTo)}
 * @param hourRows        dws_throughput_hour rows of the business day
 * @param dayRows         dws_throughput_day rows of the business day
 */
public record ThroughputFacts(
        long serverNowMillis,
        BusinessWindow window,
        Names names,
        List<BucketRow> minuteRows,
        List<BucketRow> hourRows,
        List<BucketRow> dayRows) {

    public ThroughputFacts {
        Objects.requireNonNull(names, "names");
        minuteRows = List.copyOf(minuteRows);
        hourRows = List.copyOf(hourRows);
        dayRows = List.copyOf(dayRows);
    }

    /** No throughput bucket anywhere yet (the job has not written, or the database is new). */
    public static ThroughputFacts empty(long serverNowMillis, Names names) {
        return new ThroughputFacts(serverNowMillis, null, names, List.of(), List.of(), List.of());
    }

    /**
     * "Now" and "today" in business time. The demo's simulated office clock runs compressed and in the past, and a
     * center replaying a backlog is hours behind, so the wall clock would show empty panels: the latest bucket in the
     * data is the business "now". All boundaries are epoch milliseconds; ends are exclusive.
     *
     * @param asOfMillis       start of the latest bucket in the data (its minute is usually still filling)
     * @param recentFromMillis first minute bucket of the recent view
     * @param recentToMillis   end of the latest minute bucket ({@code asOf + 1 min})
     * @param recentMinutes    number of minute buckets in the recent view
     * @param zone             the center's zone: buckets are in Asia/Shanghai (migration V005)
     */
    public record BusinessWindow(long asOfMillis, long recentFromMillis, long recentToMillis, int recentMinutes,
                                 LocalDate day, long dayStartMillis, long dayEndMillis, ZoneId zone) {

        public static BusinessWindow of(long latestBucketMillis, Duration recent, ZoneId zone) {
            int minutes = Math.toIntExact(recent.toMinutes());
            if (minutes < 1) {
                throw new IllegalArgumentException("recent view must cover at least one minute: " + recent);
            }
            // A latest bucket from the hour or day table starts on a whole minute too; truncate anyway, defensively.
            long asOf = latestBucketMillis - Math.floorMod(latestBucketMillis, 60_000L);
            long to = asOf + 60_000L;
            LocalDate day = Instant.ofEpochMilli(asOf).atZone(zone).toLocalDate();
            long dayStart = day.atStartOfDay(zone).toInstant().toEpochMilli();
            long dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
            return new BusinessWindow(asOf, to - minutes * 60_000L, to, minutes, day, dayStart, dayEnd, zone);
        }
    }

    /** One row of dws_throughput_minute / _hour / _day (columns as in migration V005). */
    public record BucketRow(String centerId, String departmentId, String windowId, String caseKind, long bucketStartMillis,
                            long accepted, long completed, long returned, long notAccepted, long withdrawn,
                            long supplementRequested, long handled, double handlingP50S, double handlingP90S,
                            double handlingSumS) {
        public BucketRow {
            Objects.requireNonNull(centerId, "centerId");
            Objects.requireNonNull(departmentId, "departmentId");
            windowId = windowId == null ? "" : windowId;
            caseKind = caseKind == null ? "" : caseKind;
        }
    }

    /** Display names from dim_center, dim_department and dim_window; a missing name shows the id. */
    public record Names(Map<String, String> centers, Map<DepartmentKey, String> departments, Map<WindowKey, String> windows) {
        public Names {
            centers = Map.copyOf(centers);
            departments = Map.copyOf(departments);
            windows = Map.copyOf(windows);
        }

        public static Names none() {
            return new Names(Map.of(), Map.of(), Map.of());
        }
    }

    public record DepartmentKey(String centerId, String departmentId) {}

    public record WindowKey(String centerId, String departmentId, String windowId) {}
}
