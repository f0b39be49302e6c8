package cn.xiaoneng.jobs.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThroughputOptionsTest {
    @TempDir
    Path dir;

    private Map<String, String> valid() {
        Map<String, String> s = new HashMap<>();
        s.put(ThroughputOptions.KAFKA_BOOTSTRAP, "127.0.0.1:9092");
        s.put("clickhouse.url", "http://127.0.0.1:8123");
        return s;
    }

    @Test
    void defaults() {
        ThroughputOptions o = ThroughputOptions.fromMap(valid(), "throughput.properties");
        assertThat(o.groupId).isEqualTo("xn-throughput");
        assertThat(o.outOfOrderness).isEqualTo(Duration.ofMinutes(1));
        assertThat(o.idleness).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.allowedLateness).isEqualTo(Duration.ofDays(3));
        assertThat(o.stateTtl).isEqualTo(Duration.ofDays(60));
        assertThat(o.checkpointInterval).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.sinkBatchSize).isEqualTo(5_000);
        assertThat(o.sinkFlushInterval).isEqualTo(Duration.ofMillis(500));
        assertThat(o.clickHouse.database()).isEqualTo("xiaoneng");
    }

    @Test
    void readsEveryKeyFromAFile() throws Exception {
        Path file = dir.resolve("throughput.properties");
        Files.writeString(file, """
                kafka.bootstrap.servers=broker:9092
                throughput.group.id=xn-throughput-2
                throughput.out-of-orderness=30s
                throughput.idleness=PT1M
                throughput.allowed-lateness=2d
                throughput.state-ttl=P30D
                checkpoint.interval=5s
                sink.batch.size=100
                sink.flush.interval=200ms
                clickhouse.url=http://ch:8123
                clickhouse.database=dws
                """);
        ThroughputOptions o = ThroughputOptions.fromFile(file);
        assertThat(o.kafkaBootstrap).isEqualTo("broker:9092");
        assertThat(o.groupId).isEqualTo("xn-throughput-2");
        assertThat(o.outOfOrderness).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.idleness).isEqualTo(Duration.ofMinutes(1));
        assertThat(o.allowedLateness).isEqualTo(Duration.ofDays(2));
        assertThat(o.stateTtl).isEqualTo(Duration.ofDays(30));
        assertThat(o.checkpointInterval).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.sinkBatchSize).isEqualTo(100);
        assertThat(o.sinkFlushInterval).isEqualTo(Duration.ofMillis(200));
        assertThat(o.clickHouse.database()).isEqualTo("dws");
    }

    @Test
    void missingBootstrapNamesSourceAndKey() {
        Map<String, String> s = valid();
        s.remove(ThroughputOptions.KAFKA_BOOTSTRAP);
        assertThatThrownBy(() -> ThroughputOptions.fromMap(s, "throughput.properties"))
                .hasMessage("throughput.properties: kafka.bootstrap.servers: is required");
    }

    @Test
    void badLatenessNamesSourceAndKey() {
        Map<String, String> s = valid();
        s.put(ThroughputOptions.ALLOWED_LATENESS, "three days");
        assertThatThrownBy(() -> ThroughputOptions.fromMap(s, "throughput.properties"))
                .hasMessageStartingWith("throughput.properties: throughput.allowed-lateness: 'three days' is not a positive duration");
    }

    @Test
    void stateTtlShorterThanTheCleanupRetentionIsRefused() {
        Map<String, String> s = valid();
        s.put(ThroughputOptions.STATE_TTL, "3d");
        assertThatThrownBy(() -> ThroughputOptions.fromMap(s, "throughput.properties"))
                .hasMessageStartingWith("throughput.properties: throughput.state-ttl: '3d' must be longer than");
    }

    @Test
    void missingClickHouseUrlIsRefused() {
        Map<String, String> s = valid();
        s.remove("clickhouse.url");
        assertThatThrownBy(() -> ThroughputOptions.fromMap(s, "throughput.properties")).hasMessageContaining("clickhouse.url");
    }

    @Test
    void unreadableFileNamesThePath() {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> ThroughputOptions.fromFile(missing)).hasMessageStartingWith(missing + ": cannot read");
    }
}
