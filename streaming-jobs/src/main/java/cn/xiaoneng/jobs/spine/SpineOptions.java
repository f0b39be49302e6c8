package cn.xiaoneng.jobs.spine;

import cn.xiaoneng.jobs.config.Settings;
import cn.xiaoneng.jobs.normalize.NormalizationOptions;
import cn.xiaoneng.jobs.throughput.ThroughputOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Settings of the spine job: the normalization job's keys and the throughput job's keys in one properties file. The
 * keys both read (Kafka, ClickHouse, {@code checkpoint.interval}, {@code sink.*}) are given once and mean the same for
 * both halves; {@code throughput.group.id} is not used (the spine does not read the canonical topic).
 */
public final class SpineOptions {
    public final NormalizationOptions normalization;
    public final ThroughputOptions throughput;

    private SpineOptions(NormalizationOptions normalization, ThroughputOptions throughput) {
        this.normalization = normalization;
        this.throughput = throughput;
    }

    public static SpineOptions fromFile(Path file) {
        return from(Settings.load(file), file.toString());
    }

    /** @param source name of where the settings came from, used in error messages */
    public static SpineOptions fromMap(Map<String, String> settings, String source) {
        Properties p = new Properties();
        p.putAll(settings);
        return from(p, source);
    }

    public static SpineOptions from(Properties p, String source) {
        return new SpineOptions(NormalizationOptions.from(p, source), ThroughputOptions.from(p, source));
    }
}
