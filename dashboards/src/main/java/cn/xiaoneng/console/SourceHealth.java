package cn.xiaoneng.console;

import java.time.Duration;

/**
 * One word per departmental source answering "is its pipeline healthy?", worst first. The order matters: a source
 * that went silent also has no fresh lag figures, so silence must win over everything measured from its records.
 */
public enum SourceHealth {
    /** Known (dim_department) but nothing ever arrived: no heartbeat, no record. Usually a connector not yet created. */
    NO_DATA("无数据"),
    /**
     * Neither a Debezium heartbeat nor a record for longer than {@link ConsoleOptions#staleAfter()}. Heartbeats keep
     * an idle source (a quiet lunch hour) fresh, so silence means capture or normalization stopped.
     */
    STALE("失联"),
    /** p95 of source commit → ClickHouse above {@link ConsoleOptions#lagWarning()}: the pipeline falls behind. */
    LAGGING("延迟偏高"),
    /** Records failed mapping within the lag window: they are missing from every figure until fixed and replayed. */
    DEAD_LETTERS("有新死信"),
    OK("正常");

    private final String label;

    SourceHealth(String label) {
        this.label = label;
    }

    /** The Chinese word the page shows. */
    public String label() {
        return label;
    }

    /**
     * @param lastHeardAge time since the newest heartbeat or record receipt, {@code null} if never heard
     * @param lagP95       p95 lag within the lag window, {@code null} if no event arrived in it (an idle source)
     * @param recentDeadLetters dead letters within the lag window
     */
    public static SourceHealth assess(Duration lastHeardAge, Duration lagP95, long recentDeadLetters, ConsoleOptions options) {
        if (lastHeardAge == null) {
            return NO_DATA;
        }
        if (lastHeardAge.compareTo(options.staleAfter()) > 0) {
            return STALE;
        }
        if (lagP95 != null && lagP95.compareTo(options.lagWarning()) > 0) {
            return LAGGING;
        }
        if (recentDeadLetters > 0) {
            return DEAD_LETTERS;
        }
        return OK;
    }
}
