package cn.xiaoneng.jobs.clickhouse;

import java.io.Serializable;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How {@link ClickHouseSink} batches and retries. A batch is sent when it holds {@code batchSize} rows, when its
 * oldest row has waited {@code flushInterval}, and at every checkpoint. A failed insert is retried {@code maxRetries}
 * times, waiting {@code initialBackoff}, then twice as long each time up to {@code maxBackoff}; after that the job
 * fails and Flink restarts it from the last checkpoint.
 */
public record ClickHouseSinkOptions(String table, int batchSize, Duration flushInterval, int maxRetries,
                                    Duration initialBackoff, Duration maxBackoff) implements Serializable {

    public static final int DEFAULT_BATCH_SIZE = 5_000;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_RETRIES = 5;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

    /** table or database.table; plain identifiers, as our migrations create them. */
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    public ClickHouseSinkOptions {
        if (table == null || !TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("table must be table or database.table (plain identifiers): " + table);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
        requirePositive(flushInterval, "flushInterval");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
        }
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be shorter than initialBackoff (" + initialBackoff + ")");
        }
    }

    /** The wait before retry number {@code retry} (1-based): initialBackoff × 2^(retry−1), capped at maxBackoff. */
    public Duration backoffBeforeRetry(int retry) {
        Duration d = initialBackoff;
        for (int i = 1; i < retry && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
