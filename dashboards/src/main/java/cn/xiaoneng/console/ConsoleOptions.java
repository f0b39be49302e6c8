package cn.xiaoneng.console;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Properties;

/**
 * Settings of the web console, each with its key, default and meaning. {@link #defaults()} is what the demo runs
 * with; production reads the same keys from its properties file through {@link #fromProperties}, and a bad value
 * fails at start-up naming the key and the file.
 */
public record ConsoleOptions(
        /** {@value #KEY_HOST}: interface to listen on; loopback unless the operator opens it up. */
        String host,
        /** {@value #KEY_REFRESH}: how often the page re-reads {@code /api/pipeline}. */
        Duration refreshInterval,
        /** {@value #KEY_LAG_WINDOW}: lag percentiles are taken over events that reached ClickHouse this recently. */
        Duration lagWindow,
        /** {@value #KEY_STALE_AFTER}: a source not heard from (heartbeat or record) for longer shows as 失联. */
        Duration staleAfter,
        /** {@value #KEY_LAG_WARN}: a source whose p95 lag exceeds this shows as 延迟偏高. */
        Duration lagWarning,
        /** {@value #KEY_DEAD_LETTER_LIMIT}: how many of the latest dead letters the page lists. */
        int recentDeadLetters,
        /** {@value #KEY_QUERY_TIMEOUT}: a ClickHouse read slower than this fails (shown as a banner) instead of piling up. */
        Duration queryTimeout,
        /** {@value #KEY_THROUGHPUT_RECENT}: the throughput panel's "last minutes", whole minutes of business time. */
        Duration throughputRecent) {

    public static final String KEY_HOST = "console.host";
    public static final String KEY_REFRESH = "console.refresh-interval";
    public static final String KEY_LAG_WINDOW = "console.lag-window";
    public static final String KEY_STALE_AFTER = "console.stale-after";
    public static final String KEY_LAG_WARN = "console.lag-warning";
    public static final String KEY_DEAD_LETTER_LIMIT = "console.recent-dead-letters";
    public static final String KEY_QUERY_TIMEOUT = "console.query-timeout";
    public static final String KEY_THROUGHPUT_RECENT = "console.throughput-recent";

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(3);
    public static final Duration DEFAULT_LAG_WINDOW = Duration.ofMinutes(5);
    /** Debezium heartbeats come every few seconds and the sink flushes every few more: a minute of silence is real. */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(60);
    public static final Duration DEFAULT_LAG_WARNING = Duration.ofSeconds(60);
    public static final int DEFAULT_DEAD_LETTER_LIMIT = 20;
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_THROUGHPUT_RECENT = Duration.ofMinutes(30);
    /** The recent view reads one row per minute bucket and the page draws one point per minute: keep it a few hours. */
    public static final Duration MAX_THROUGHPUT_RECENT = Duration.ofHours(3);

    public ConsoleOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException(KEY_HOST + " must not be blank (e.g. 127.0.0.1 or 0.0.0.0)");
        }
        positive(refreshInterval, KEY_REFRESH);
        positive(lagWindow, KEY_LAG_WINDOW);
        positive(staleAfter, KEY_STALE_AFTER);
        positive(lagWarning, KEY_LAG_WARN);
        positive(queryTimeout, KEY_QUERY_TIMEOUT);
        positive(throughputRecent, KEY_THROUGHPUT_RECENT);
        if (throughputRecent.toSecondsPart() != 0 || throughputRecent.toNanosPart() != 0
                || throughputRecent.compareTo(MAX_THROUGHPUT_RECENT) > 0) {
            throw new IllegalArgumentException(KEY_THROUGHPUT_RECENT + " must be whole minutes between PT1M and "
                    + MAX_THROUGHPUT_RECENT + " (it counts 1-minute buckets): " + throughputRecent);
        }
        if (refreshInterval.toMillis() < 500) {
            throw new IllegalArgumentException(KEY_REFRESH + " must be at least PT0.5S, each refresh queries ClickHouse: " + refreshInterval);
        }
        if (recentDeadLetters < 1 || recentDeadLetters > 1000) {
            throw new IllegalArgumentException(KEY_DEAD_LETTER_LIMIT + " must be between 1 and 1000: " + recentDeadLetters);
        }
    }

    public static ConsoleOptions defaults() {
        return new ConsoleOptions(DEFAULT_HOST, DEFAULT_REFRESH, DEFAULT_LAG_WINDOW, DEFAULT_STALE_AFTER, DEFAULT_LAG_WARNING,
                DEFAULT_DEAD_LETTER_LIMIT, DEFAULT_QUERY_TIMEOUT, DEFAULT_THROUGHPUT_RECENT);
    }

    /** Reads the {@code console.*} keys (durations in ISO-8601, e.g. PT3S); missing keys keep their defaults. */
    public static ConsoleOptions fromProperties(Properties props, String source) {
        Objects.requireNonNull(props, "props");
        ConsoleOptions d = defaults();
        try {
            return new ConsoleOptions(
                    props.getProperty(KEY_HOST, d.host()).strip(),
                    duration(props, KEY_REFRESH, d.refreshInterval()),
                    duration(props, KEY_LAG_WINDOW, d.lagWindow()),
                    duration(props, KEY_STALE_AFTER, d.staleAfter()),
                    duration(props, KEY_LAG_WARN, d.lagWarning()),
                    integer(props, KEY_DEAD_LETTER_LIMIT, d.recentDeadLetters()),
                    duration(props, KEY_QUERY_TIMEOUT, d.queryTimeout()),
                    duration(props, KEY_THROUGHPUT_RECENT, d.throughputRecent()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    public ConsoleOptions withHost(String newHost) {
        return new ConsoleOptions(newHost, refreshInterval, lagWindow, staleAfter, lagWarning, recentDeadLetters, queryTimeout, throughputRecent);
    }

    public ConsoleOptions withRefreshInterval(Duration d) {
        return new ConsoleOptions(host, d, lagWindow, staleAfter, lagWarning, recentDeadLetters, queryTimeout, throughputRecent);
    }

    public ConsoleOptions withStaleAfter(Duration d) {
        return new ConsoleOptions(host, refreshInterval, lagWindow, d, lagWarning, recentDeadLetters, queryTimeout, throughputRecent);
    }

    public ConsoleOptions withLagWarning(Duration d) {
        return new ConsoleOptions(host, refreshInterval, lagWindow, staleAfter, d, recentDeadLetters, queryTimeout, throughputRecent);
    }

    public ConsoleOptions withRecentDeadLetters(int n) {
        return new ConsoleOptions(host, refreshInterval, lagWindow, staleAfter, lagWarning, n, queryTimeout, throughputRecent);
    }

    public ConsoleOptions withThroughputRecent(Duration d) {
        return new ConsoleOptions(host, refreshInterval, lagWindow, staleAfter, lagWarning, recentDeadLetters, queryTimeout, d);
    }

    private static Duration duration(Properties props, String key, Duration fallback) {
        String v = props.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Duration.parse(v.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT3S or PT5M: " + v, e);
        }
    }

    private static int integer(Properties props, String key, int fallback) {
        String v = props.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number: " + v, e);
        }
    }

    private static void positive(Duration d, String key) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration: " + d);
        }
    }
}
