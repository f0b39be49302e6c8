package cn.xiaoneng.jobs.throughput;

import cn.xiaoneng.jobs.clickhouse.JsonRow;
import cn.xiaoneng.jobs.clickhouse.JsonRowEncoder;
import cn.xiaoneng.model.Times;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Binds {@link ThroughputRow} to {@code dws_throughput_minute}, {@code _hour} and {@code _day} (the same columns, V005).
 * {@code bucket_start} is a {@code DateTime('Asia/Shanghai')}: sent as local wall-clock text, which ClickHouse reads in
 * the column's zone, so the local midnight of a day bucket reads back as {@code 2026-03-03 00:00:00}.
 */
public final class ThroughputRowEncoder implements JsonRowEncoder<ThroughputRow> {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(Times.CHINA);

    /** {@code bucket_start} text: 'yyyy-MM-dd HH:mm:ss' in Asia/Shanghai. */
    public static String bucketStart(long epochMillis) {
        return LOCAL.format(Instant.ofEpochMilli(epochMillis));
    }

    @Override
    public void encode(ThroughputRow r, JsonRow row) {
        row.put("center_id", r.centerId);
        row.put("department_id", r.departmentId);
        row.put("window_id", r.windowId);
        row.put("case_kind", r.caseKind);
        row.put("bucket_start", bucketStart(r.bucketStart));
        row.put("accepted", r.accepted);
        row.put("completed", r.completed);
        row.put("returned", r.returned);
        row.put("not_accepted", r.notAccepted);
        row.put("withdrawn", r.withdrawn);
        row.put("supplement_requested", r.supplementRequested);
        row.put("handled", r.handled);
        row.put("handling_p50_s", r.handlingP50Seconds);
        row.put("handling_p90_s", r.handlingP90Seconds);
        row.put("handling_sum_s", r.handlingSumSeconds);
        row.put("version", r.version);
        row.put("emitted_at", Times.format(r.emittedAt));
    }
}
