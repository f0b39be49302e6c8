package cn.xiaoneng.jobs.normalize;

import static cn.xiaoneng.jobs.config.Settings.duration;
import static cn.xiaoneng.jobs.config.Settings.positiveInt;
import static cn.xiaoneng.jobs.config.Settings.required;

import cn.xiaoneng.ingestion.mapping.MappingLoader;
import cn.xiaoneng.ingestion.mapping.SourceMapping;
import cn.xiaoneng.jobs.config.Settings;
import cn.xiaoneng.warehouse.ClickHouseConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Typed, validated settings of the normalization job. Read from a properties file (and overrides); every
 * problem names the file and the key. Mapping files are loaded and validated here, at start-up, so a broken
 * mapping stops the job before it reads a single record.
 */
public final class NormalizationOptions {
    public static final String KAFKA_BOOTSTRAP = "kafka.bootstrap.servers";
    public static final String GROUP_ID = "normalization.group.id";
    public static final String MAPPINGS = "normalization.mappings";
    public static final String PSEUDONYM_KEY = "pseudonymization.key";
    public static final String PSEUDONYM_KEY_FILE = "pseudonymization.key.file";
    public static final String CHECKPOINT_INTERVAL = "checkpoint.interval";
    public static final String SINK_BATCH_SIZE = "sink.batch.size";
    public static final String SINK_FLUSH_INTERVAL = "sink.flush.interval";

    public static final int DEFAULT_SINK_BATCH_SIZE = 20_000;

    public final String kafkaBootstrap;
    public final String groupId;
    public final List<SourceMapping> mappings;
    public final byte[] pseudonymKey;
    public final Duration checkpointInterval;
    public final ClickHouseConnection clickHouse;
    public final int sinkBatchSize;
    public final Duration sinkFlushInterval;

    private NormalizationOptions(String kafkaBootstrap, String groupId, List<SourceMapping> mappings, byte[] pseudonymKey, Duration checkpointInterval,
                                 ClickHouseConnection clickHouse, int sinkBatchSize, Duration sinkFlushInterval) {
        this.kafkaBootstrap = kafkaBootstrap;
        this.groupId = groupId;
        this.mappings = mappings;
        this.pseudonymKey = pseudonymKey;
        this.checkpointInterval = checkpointInterval;
        this.clickHouse = clickHouse;
        this.sinkBatchSize = sinkBatchSize;
        this.sinkFlushInterval = sinkFlushInterval;
    }

    public static NormalizationOptions fromFile(Path file) {
        return from(Settings.load(file), file.toString());
    }

    public static NormalizationOptions fromMap(Map<String, String> settings, String source) {
        Properties p = new Properties();
        p.putAll(settings);
        return from(p, source);
    }

    /** @param source name of where the settings came from, used in error messages */
    public static NormalizationOptions from(Properties p, String source) {
        String kafka = required(p, source, KAFKA_BOOTSTRAP);
        String group = p.getProperty(GROUP_ID, "xn-normalization");
        List<SourceMapping> mappings = new ArrayList<>();
        for (String m : p.getProperty(MAPPINGS, String.join(",", MappingLoader.BUILT_IN)).split(",")) {
            String id = m.trim();
            if (id.isEmpty()) {
                continue;
            }
            mappings.add(id.endsWith(".yaml") || id.endsWith(".yml") ? MappingLoader.load(Path.of(id)) : MappingLoader.builtIn(id));
        }
        if (mappings.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + MAPPINGS + ": names no mapping");
        }
        byte[] key = pseudonymKey(p, source);
        // Build the normalizer once here so that conflicts between mapping files (a source mapped twice) stop the start.
        new cn.xiaoneng.ingestion.mapping.Normalizer(mappings, new cn.xiaoneng.model.Pseudonymizer(key));
        Duration checkpoint = duration(p, source, CHECKPOINT_INTERVAL, Duration.ofSeconds(10));
        ClickHouseConnection ch = ClickHouseConnection.fromProperties(p, source);
        // Every raw record reaches ods_case_event (four materialized views) and ods_raw_change: each insert has a fixed cost
        // in ClickHouse, so under load the batches grow up to this before the flush interval sends them (docs/performance.md).
        int batch = positiveInt(p, source, SINK_BATCH_SIZE, DEFAULT_SINK_BATCH_SIZE);
        Duration flush = duration(p, source, SINK_FLUSH_INTERVAL, Duration.ofMillis(500));
        return new NormalizationOptions(kafka, group, List.copyOf(mappings), key, checkpoint, ch, batch, flush);
    }

    private static byte[] pseudonymKey(Properties p, String source) {
        String inline = p.getProperty(PSEUDONYM_KEY);
        String file = p.getProperty(PSEUDONYM_KEY_FILE);
        byte[] key;
        if (file != null && !file.isBlank()) {
            try {
                key = Files.readString(Path.of(file.trim())).trim().getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException(source + ": " + PSEUDONYM_KEY_FILE + ": cannot read " + file + ": " + e.getMessage());
            }
        } else if (inline != null) {
            key = inline.trim().getBytes(StandardCharsets.UTF_8);
        } else {
            throw new IllegalArgumentException(source + ": " + PSEUDONYM_KEY_FILE + ": is required (a secret of at least 16 bytes that keys the hash of "
                    + "applicants' identity numbers), or " + PSEUDONYM_KEY);
        }
        if (key.length < 16) {
            throw new IllegalArgumentException(source + ": " + (file != null ? PSEUDONYM_KEY_FILE : PSEUDONYM_KEY) + ": key must have at least 16 bytes");
        }
        return key;
    }
}
