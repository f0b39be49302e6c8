package cn.xiaoneng.console;

import cn.xiaoneng.console.ThroughputFacts.BucketRow;
import cn.xiaoneng.console.ThroughputFacts.BusinessWindow;
import cn.xiaoneng.console.ThroughputFacts.Names;
import cn.xiaoneng.model.Times;
import cn.xiaoneng.warehouse.ClickHouseConnection;
import cn.xiaoneng.warehouse.Tables;
import com.clickhouse.client.api.query.GenericRecord;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every ClickHouse read behind the throughput panel. The DWS tables (migration V005) hold one versioned row per
 * center, department, window, case kind and bucket; the throughput job re-emits a bucket's whole figure when a late
 * event corrects it or after a restore, and ReplacingMergeTree(version) keeps the highest version — but only at a
 * merge that may not have happened yet. Every read therefore uses FINAL, which collapses each key to its highest
 * version at query time. (FINAL is safe here, unlike on ods_raw_change: bucket_start is in the sorting key and the
 * partition is derived from it, so all versions of a bucket share one partition.)
 *
 * <p>"Now" is business time: the latest bucket_start in the data, not the wall clock (see
 * {@link BusinessWindow}). Thread-safe.
 */
public final class ThroughputRepository implements AutoCloseable {
    static final String COLUMNS = "center_id, department_id, window_id, case_kind,"
            + " toInt64(toUnixTimestamp(bucket_start)) * 1000 AS bucket_ms, accepted, completed, returned, not_accepted,"
            + " withdrawn, supplement_requested, handled, handling_p50_s, handling_p90_s, handling_sum_s";

    private final ConsoleOptions options;
    private final ClickHouseReader reader;

    public ThroughputRepository(ClickHouseConnection connection, ConsoleOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.reader = new ClickHouseReader(connection, options);
    }

    /** One refresh: the business clock, then the recent minutes, today's hours and today, and display names. */
    public ThroughputFacts read() {
        Clock clock = clock();
        Names names = names();
        if (clock.latestBucketMillis() == 0) {
            return ThroughputFacts.empty(clock.serverNowMillis(), names);
        }
        BusinessWindow w = BusinessWindow.of(clock.latestBucketMillis(), options.throughputRecent(), Times.CHINA);
        return new ThroughputFacts(clock.serverNowMillis(), w, names,
                buckets(Tables.DWS_THROUGHPUT_MINUTE, w.recentFromMillis(), w.recentToMillis()),
                buckets(Tables.DWS_THROUGHPUT_HOUR, w.dayStartMillis(), w.dayEndMillis()),
                buckets(Tables.DWS_THROUGHPUT_DAY, w.dayStartMillis(), w.dayEndMillis()));
    }

    /**
     * ClickHouse's clock and the latest bucket_start in any throughput table (0: none). The minute table normally has
     * the latest; the others count too so a job that writes only hours or days still gets a business day.
     */
    Clock clock() {
        GenericRecord r = reader.query("business clock",
                "SELECT toUnixTimestamp64Milli(now64(3)) AS now_ms, toInt64(greatest("
                        + latest(Tables.DWS_THROUGHPUT_MINUTE) + ", " + latest(Tables.DWS_THROUGHPUT_HOUR) + ", "
                        + latest(Tables.DWS_THROUGHPUT_DAY) + ")) * 1000 AS latest_ms", Map.of()).get(0);
        return new Clock(r.getLong("now_ms"), r.getLong("latest_ms"));
    }

    /** ClickHouse's wall clock and the latest bucket start (0: no bucket), epoch milliseconds. */
    record Clock(long serverNowMillis, long latestBucketMillis) {}

    private static String latest(String table) {
        // max() of an empty table is the epoch (0), which the caller reads as "no data".
        return "(SELECT toUnixTimestamp(max(bucket_start)) FROM " + table + ")";
    }

    /** The rows of {@code table} with bucket_start in {@code [fromMillis, toMillis)}, highest version of each. */
    List<BucketRow> buckets(String table, long fromMillis, long toMillis) {
        return reader.query(table,
                        "SELECT " + COLUMNS + " FROM " + table + " FINAL"
                                + " WHERE bucket_start >= toDateTime({from:UInt32}) AND bucket_start < toDateTime({to:UInt32})"
                                + " ORDER BY center_id, department_id, window_id, case_kind, bucket_start",
                        Map.of("from", fromMillis / 1000, "to", toMillis / 1000))
                .stream()
                .map(ThroughputRepository::bucketRow)
                .toList();
    }

    private static BucketRow bucketRow(GenericRecord r) {
        return new BucketRow(r.getString("center_id"), r.getString("department_id"), r.getString("window_id"),
                r.getString("case_kind"), r.getLong("bucket_ms"), r.getLong("accepted"), r.getLong("completed"),
                r.getLong("returned"), r.getLong("not_accepted"), r.getLong("withdrawn"), r.getLong("supplement_requested"),
                r.getLong("handled"), r.getDouble("handling_p50_s"), r.getDouble("handling_p90_s"),
                r.getDouble("handling_sum_s"));
    }

    Names names() {
        return DimensionNames.read(reader);
    }

    @Override
    public void close() {
        reader.close();
    }
}
