package cn.xiaoneng.console;

import cn.xiaoneng.console.PipelineFacts.DeadLetterCount;
import cn.xiaoneng.console.PipelineFacts.DeadLetterEntry;
import cn.xiaoneng.console.PipelineFacts.Events;
import cn.xiaoneng.console.PipelineFacts.Lag;
import cn.xiaoneng.console.PipelineFacts.Receipts;
import cn.xiaoneng.warehouse.ClickHouseConnection;
import cn.xiaoneng.warehouse.Tables;
import com.clickhouse.client.api.query.GenericRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Every ClickHouse read behind the pipeline page, one method per question. Figures are exact under at-least-once
 * delivery: the ODS tables are ReplacingMergeTrees, so a replay leaves duplicate rows until a merge that may never
 * come; each query therefore collapses rows to their key itself (GROUP BY the key or uniqExact) rather than
 * trusting merges. We do not use FINAL on ods_raw_change: it is partitioned by processing day, and a position
 * replayed on another day would sit in two partitions, which FINAL only merges when the server's settings allow it.
 *
 * <p>Thread-safe: one {@link ClickHouseReader} (a thread-safe client-v2 client) serves concurrent page refreshes.
 */
public final class PipelineStatusRepository implements AutoCloseable {
    private final ConsoleOptions options;
    private final ClickHouseReader reader;

    public PipelineStatusRepository(ClickHouseConnection connection, ConsoleOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        // Reads that hang fail fast (ConsoleOptions.queryTimeout): the page asks again and shows the error meanwhile.
        this.reader = new ClickHouseReader(connection, options);
    }

    /** One refresh: every figure of the page, read now. */
    public PipelineFacts read() {
        return new PipelineFacts(serverNowMillis(), sourceNames(), receipts(), events(), lags(), deadLetterCounts(),
                recentDeadLetters(), lastHeartbeats());
    }

    /** ClickHouse's clock: ages and windows are measured on the server that stamped ingested_at. */
    long serverNowMillis() {
        return query("server clock", "SELECT toUnixTimestamp64Milli(now64(3)) AS now_ms", Map.of()).get(0).getLong("now_ms");
    }

    /** dim_department names per source; a source serving several departments lists them all. */
    Map<String, String> sourceNames() {
        return toMap(query("source names",
                "SELECT source_id, arrayStringConcat(arraySort(groupUniqArray(name)), '、') AS names"
                        + " FROM (SELECT source_id, argMax(name, updated_at) AS name FROM " + Tables.DIM_DEPARTMENT
                        + " GROUP BY center_id, department_id, source_id)"
                        + " WHERE source_id != '' AND name != '' GROUP BY source_id", Map.of()),
                r -> r.getString("names"));
    }

    /**
     * Captured rows: distinct Kafka positions. The latest receipt of a position (by processed_at) decides its
     * outcome, so a record dead-lettered once and mapped after a mapping fix and replay counts as mapped.
     */
    List<Receipts> receipts() {
        return query("captured rows",
                "SELECT source_id, count() AS captured, countIf(outcome = 'MAPPED') AS mapped,"
                        + " countIf(outcome = 'NO_EVENT') AS no_event, countIf(outcome = 'DEAD_LETTER') AS dead_lettered,"
                        + " toUnixTimestamp64Milli(max(last_processed)) AS last_processed_ms"
                        + " FROM (SELECT source_id, topic, partition, offset, argMax(outcome, processed_at) AS outcome,"
                        + " max(processed_at) AS last_processed FROM " + Tables.ODS_RAW_CHANGE
                        + " GROUP BY source_id, topic, partition, offset)"
                        + " GROUP BY source_id", Map.of())
                .stream()
                .map(r -> new Receipts(r.getString("source_id"), r.getLong("captured"), r.getLong("mapped"),
                        r.getLong("no_event"), r.getLong("dead_lettered"), r.getLong("last_processed_ms")))
                .toList();
    }

    /** Canonical events: distinct event ids (deterministic from the source position, so replays repeat them). */
    List<Events> events() {
        return query("canonical events",
                "SELECT source_id, uniqExact(event_id) AS events FROM " + Tables.ODS_CASE_EVENT + " GROUP BY source_id", Map.of())
                .stream()
                .map(r -> new Events(r.getString("source_id"), r.getLong("events")))
                .toList();
    }

    /**
     * Lag from source commit to ClickHouse-visible, per event: ingested_at minus source commit time, over the events
     * ingested within the lag window, one sample per event id (the earliest copy still stored). A replay does show
     * as lag: ReplacingMergeTree keeps the last inserted copy of an event, so after a merge (or at once, when both
     * copies share an insert) the replayed copy's ingested_at is the only one left. The first arrival is not kept
     * anywhere, and a replay is the pipeline delivering old commits now, so we show it rather than hide it.
     */
    List<Lag> lags() {
        return query("lag",
                "SELECT source_id, count() AS samples, toInt64(quantileExact(0.5)(lag_ms)) AS p50,"
                        + " toInt64(quantileExact(0.95)(lag_ms)) AS p95, toInt64(max(lag_ms)) AS max_ms"
                        + " FROM (SELECT source_id, event_id,"
                        + " toUnixTimestamp64Milli(min(ingested_at)) - toUnixTimestamp64Milli(min(source_commit_time)) AS lag_ms"
                        + " FROM " + Tables.ODS_CASE_EVENT
                        + " WHERE ingested_at >= now64(3) - toIntervalSecond({window:UInt32})"
                        + " GROUP BY source_id, event_id)"
                        + " GROUP BY source_id", Map.of("window", options.lagWindow().toSeconds()))
                .stream()
                .map(r -> new Lag(r.getString("source_id"), r.getLong("samples"), r.getLong("p50"), r.getLong("p95"),
                        r.getLong("max_ms")))
                .toList();
    }

    /** Dead letters per source and reason code: distinct positions; "recent" ones were dead-lettered within the window. */
    List<DeadLetterCount> deadLetterCounts() {
        return query("dead letters by reason",
                "SELECT source_id, last_reason_code AS reason_code, count() AS dead_letters,"
                        + " countIf(last_at >= now64(3) - toIntervalSecond({window:UInt32})) AS recent"
                        + " FROM (SELECT source_id, topic, partition, offset,"
                        + " argMax(reason_code, dead_lettered_at) AS last_reason_code, max(dead_lettered_at) AS last_at"
                        + " FROM " + Tables.ODS_DEAD_LETTER + " GROUP BY source_id, topic, partition, offset)"
                        + " GROUP BY source_id, reason_code", Map.of("window", options.lagWindow().toSeconds()))
                .stream()
                .map(r -> new DeadLetterCount(r.getString("source_id"), r.getString("reason_code"), r.getLong("dead_letters"),
                        r.getLong("recent")))
                .toList();
    }

    /** The latest dead letters, one per position, with reason and position; raw_value stays in ClickHouse. */
    List<DeadLetterEntry> recentDeadLetters() {
        return query("latest dead letters",
                "SELECT source_id, ifNull(source_table, '') AS source_table, topic, partition, offset,"
                        + " ifNull(source_position, '') AS source_position, reason_code, substringUTF8(reason, 1, 500) AS reason,"
                        + " toUnixTimestamp64Milli(dead_lettered_at) AS at_ms"
                        + " FROM " + Tables.ODS_DEAD_LETTER
                        + " ORDER BY dead_lettered_at DESC, topic, partition, offset"
                        + " LIMIT 1 BY topic, partition, offset"
                        + " LIMIT {limit:UInt32}", Map.of("limit", options.recentDeadLetters()))
                .stream()
                .map(r -> new DeadLetterEntry(r.getString("source_id"), r.getString("source_table"), r.getString("topic"),
                        r.getLong("partition"), r.getLong("offset"), r.getString("source_position"), r.getString("reason_code"),
                        r.getString("reason"), r.getLong("at_ms")))
                .toList();
    }

    /** Newest Debezium heartbeat per source: an idle source still shows it is alive. */
    Map<String, Long> lastHeartbeats() {
        return toMap(query("heartbeats",
                "SELECT source_id, toUnixTimestamp64Milli(max(heartbeat_time)) AS last_ms FROM " + Tables.ODS_SOURCE_HEARTBEAT
                        + " GROUP BY source_id", Map.of()),
                r -> r.getLong("last_ms"));
    }

    private List<GenericRecord> query(String what, String sql, Map<String, Object> params) {
        return reader.query(what, sql, params);
    }

    private static <V> Map<String, V> toMap(List<GenericRecord> rows, Function<GenericRecord, V> value) {
        Map<String, V> m = new HashMap<>();
        rows.forEach(r -> m.put(r.getString("source_id"), value.apply(r)));
        return m;
    }

    @Override
    public void close() {
        reader.close();
    }
}
