package cn.xiaoneng.jobs.throughput;

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
 * Typed, validated settings of the throughput job, read from a properties file; every problem names the file and the
 * key. See the module README for the meaning of each key.
 */
public final class ThroughputOptions {
    public static final String KAFKA_BOOTSTRAP = "kafka.bootstrap.servers";
    public static final String GROUP_ID = "throughput.group.id";
    public static final String OUT_OF_ORDERNESS = "throughput.out-of-orderness";
    public static final String IDLENESS = "throughput.idleness";
    public static final String ALLOWED_LATENESS = "throughput.allowed-lateness";
    public static final String STATE_TTL = "throughput.state-ttl";
    /** How soon an open bucket shows new facts (processing time); {@code off} shows buckets only when they close. */
    public static final String EARLY_FIRING = "throughput.early-firing";
    public static final String CHECKPOINT_INTERVAL = "checkpoint.interval";
    public static final String SINK_BATCH_SIZE = "sink.batch.size";
    public static final String SINK_FLUSH_INTERVAL = "sink.flush.interval";

    public static final String DEFAULT_GROUP_ID = "xn-throughput";
    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofMinutes(1);
    public static final Duration DEFAULT_IDLENESS = Duration.ofSeconds(30);
    /** Paper cases are entered hours, sometimes days, after the fact; their buckets must still be corrected. */
    public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ofDays(3);
    public static final Duration DEFAULT_STATE_TTL = Duration.ofDays(60);

    public final String kafkaBootstrap;
    public final String groupId;
    public final Duration outOfOrderness;
    public final Duration idleness;
    public final Duration allowedLateness;
    public final Duration stateTtl;
    /** Null when early firing is off. */
    public final Duration earlyFiring;
    public final Duration checkpointInterval;
    public final ClickHouseConnection clickHouse;
    public final int sinkBatchSize;
    public final Duration sinkFlushInterval;

    private ThroughputOptions(Properties p, String source) {
        this.kafkaBootstrap = required(p, source, KAFKA_BOOTSTRAP);
        this.groupId = p.getProperty(GROUP_ID, DEFAULT_GROUP_ID).trim();
        if (groupId.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + GROUP_ID + ": must not be empty");
        }
        this.outOfOrderness = duration(p, source, OUT_OF_ORDERNESS, DEFAULT_OUT_OF_ORDERNESS);
        this.idleness = duration(p, source, IDLENESS, DEFAULT_IDLENESS);
        this.allowedLateness = duration(p, source, ALLOWED_LATENESS, DEFAULT_ALLOWED_LATENESS);
        this.stateTtl = duration(p, source, STATE_TTL, DEFAULT_STATE_TTL);
        // The TTL is the backstop behind the clean-up timer; shorter than the timer's retention it would forget
        // event ids of closed cases while their buckets still take corrections, and replays would double count.
        Duration retention = ThroughputJob.enricherRetention(allowedLateness);
        if (stateTtl.compareTo(retention) <= 0) {
            throw new IllegalArgumentException(source + ": " + STATE_TTL + ": '" + p.getProperty(STATE_TTL) + "' must be longer than "
                    + ALLOWED_LATENESS + " plus one day (" + retention + ")");
        }
        this.earlyFiring = "off".equalsIgnoreCase(p.getProperty(EARLY_FIRING, "").trim()) ? null
                : duration(p, source, EARLY_FIRING, ThroughputJob.EARLY_FIRING_INTERVAL);
        this.checkpointInterval = duration(p, source, CHECKPOINT_INTERVAL, Duration.ofSeconds(10));
        this.clickHouse = ClickHouseConnection.fromProperties(p, source);
        this.sinkBatchSize = positiveInt(p, source, SINK_BATCH_SIZE, 5_000);
        this.sinkFlushInterval = duration(p, source, SINK_FLUSH_INTERVAL, Duration.ofMillis(500));
    }

    public static ThroughputOptions fromFile(Path file) {
        return from(Settings.load(file), file.toString());
    }

    /** @param source name of where the settings came from, used in error messages */
    public static ThroughputOptions fromMap(Map<String, String> settings, String source) {
        Properties p = new Properties();
        p.putAll(settings);
        return from(p, source);
    }

    public static ThroughputOptions from(Properties p, String source) {
        return new ThroughputOptions(p, source);
    }
}
