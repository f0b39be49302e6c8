package cn.xiaoneng.jobs.throughput;

import cn.xiaoneng.warehouse.Tables;
import java.time.Duration;
import java.util.Locale;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/** The three bucket sizes of business time, each with its table, operator uid and late-data side output. */
public enum Bucket {
    MINUTE(Duration.ofMinutes(1), Duration.ZERO, Tables.DWS_THROUGHPUT_MINUTE),
    /** Asia/Shanghai is a whole-hour offset without daylight saving, so epoch-aligned hours are local hours. */
    HOUR(Duration.ofHours(1), Duration.ZERO, Tables.DWS_THROUGHPUT_HOUR),
    /** Epoch-aligned days start at 08:00 in Shanghai; −8 h moves them to local midnight (UTC+8, no daylight saving). */
    DAY(Duration.ofDays(1), Duration.ofHours(-8), Tables.DWS_THROUGHPUT_DAY);

    private final Duration size;
    private final Duration offset;
    private final String table;
    private final OutputTag<ThroughputFact> lateTag;

    Bucket(Duration size, Duration offset, String table) {
        this.size = size;
        this.offset = offset;
        this.table = table;
        this.lateTag = new OutputTag<>("late-" + label(), TypeInformation.of(ThroughputFact.class));
    }

    public Duration size() {
        return size;
    }

    public TumblingEventTimeWindows assigner() {
        return TumblingEventTimeWindows.of(size, offset);
    }

    public String table() {
        return table;
    }

    /** Facts that came later than the allowed lateness for this bucket size. */
    public OutputTag<ThroughputFact> lateTag() {
        return lateTag;
    }

    /** Stable operator uid of this bucket's window (savepoints depend on it). */
    public String uid() {
        return "throughput-" + label();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The longest bucket: how long after an event's time its bucket may still be open (before lateness). */
    public static Duration longest() {
        return DAY.size;
    }
}
