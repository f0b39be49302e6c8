package cn.xiaoneng.jobs.deadline;

import static cn.xiaoneng.jobs.config.Settings.duration;
import static cn.xiaoneng.jobs.config.Settings.positiveInt;
import static cn.xiaoneng.jobs.config.Settings.required;

import cn.xiaoneng.jobs.config.Settings;
import cn.xiaoneng.warehouse.ClickHouseConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Typed, validated settings of the deadline job, read from a properties file ({@code flink run ... --config F}); an
 * invalid value fails at start-up naming the file and the key. Policies (warning ladder, step budgets, rule version)
 * are per center in deadline-rules ({@code policies/<center>.properties}; docs/deadline-engine.md).
 */
public final class DeadlineOptions {
    public static final String KAFKA_BOOTSTRAP = "kafka.bootstrap.servers";
    public static final String GROUP_ID = "deadline.group.id";
    public static final String CLOCK_OUT_OF_ORDERNESS = "deadline.clock.out-of-orderness";
    public static final String CLOCK_LIVE_LAG = "deadline.clock.live-lag";
    public static final String CLOCK_CATCH_UP = "deadline.clock.catch-up";
    public static final String CLOCK_QUIET_AFTER = "deadline.clock.quiet-after";
    public static final String STATE_TTL = "deadline.state-ttl";
    public static final String CHECKPOINT_INTERVAL = "checkpoint.interval";
    public static final String SINK_BATCH_SIZE = "sink.batch.size";
    public static final String SINK_FLUSH_INTERVAL = "sink.flush.interval";

    public static final String DEFAULT_GROUP_ID = "xn-deadline";
    /** Events of one case may come from several raw tables, interleaved by a few seconds of commit time. */
    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(5);
    /** Live, a card is raised this long after its instant (the requirement is within 1 s). */
    public static final Duration DEFAULT_LIVE_LAG = Duration.ofMillis(400);
    public static final Duration DEFAULT_CATCH_UP = Duration.ofSeconds(30);
    public static final Duration DEFAULT_QUIET_AFTER = Duration.ofSeconds(30);
    /** Backstop for cases that never close: longer than any plausible limit with pauses and extensions. */
    public static final Duration DEFAULT_STATE_TTL = Duration.ofDays(400);

    public final String kafkaBootstrap;
    public final String groupId;
    public final EngineClock.Settings clock;
    public final Duration stateTtl;
    public final Duration checkpointInterval;
    public final ClickHouseConnection clickHouse;
    public final int sinkBatchSize;
    public final Duration sinkFlushInterval;

    private DeadlineOptions(Properties p, String source) {
        this.kafkaBootstrap = required(p, source, KAFKA_BOOTSTRAP);
        this.groupId = p.getProperty(GROUP_ID, DEFAULT_GROUP_ID).trim();
        if (groupId.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + GROUP_ID + ": must not be empty");
        }
        this.clock = new EngineClock.Settings(
                duration(p, source, CLOCK_OUT_OF_ORDERNESS, DEFAULT_OUT_OF_ORDERNESS),
                duration(p, source, CLOCK_LIVE_LAG, DEFAULT_LIVE_LAG),
                duration(p, source, CLOCK_CATCH_UP, DEFAULT_CATCH_UP),
                duration(p, source, CLOCK_QUIET_AFTER, DEFAULT_QUIET_AFTER));
        if (clock.liveLag().compareTo(Duration.ofSeconds(1)) >= 0) {
            throw new IllegalArgumentException(source + ": " + CLOCK_LIVE_LAG + ": '" + p.getProperty(CLOCK_LIVE_LAG)
                    + "' must be under 1s: cards must be raised within a second of their instant");
        }
        this.stateTtl = duration(p, source, STATE_TTL, DEFAULT_STATE_TTL);
        this.checkpointInterval = duration(p, source, CHECKPOINT_INTERVAL, Duration.ofSeconds(10));
        this.clickHouse = ClickHouseConnection.fromProperties(p, source);
        this.sinkBatchSize = positiveInt(p, source, SINK_BATCH_SIZE, 5_000);
        this.sinkFlushInterval = duration(p, source, SINK_FLUSH_INTERVAL, Duration.ofMillis(500));
    }

    public static DeadlineOptions fromFile(Path file) {
        return from(Settings.load(file), file.toString());
    }

    /** @param source name of where the settings came from, used in error messages */
    public static DeadlineOptions fromMap(Map<String, String> settings, String source) {
        Properties p = new Properties();
        p.putAll(settings);
        return from(p, source);
    }

    public static DeadlineOptions from(Properties p, String source) {
        return new DeadlineOptions(p, source);
    }
}
