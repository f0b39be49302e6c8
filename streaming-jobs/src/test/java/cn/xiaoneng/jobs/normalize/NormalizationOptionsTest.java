package cn.xiaoneng.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xiaoneng.ingestion.mapping.MappingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NormalizationOptionsTest {
    @TempDir
    Path dir;

    private Map<String, String> valid() {
        Map<String, String> s = new HashMap<>();
        s.put(NormalizationOptions.KAFKA_BOOTSTRAP, "127.0.0.1:9092");
        s.put(NormalizationOptions.PSEUDONYM_KEY, "0123456789abcdef0123");
        s.put("clickhouse.url", "http://127.0.0.1:8123");
        return s;
    }

    @Test
    void defaultsLoadTheThreeBuiltInMappings() {
        NormalizationOptions o = NormalizationOptions.fromMap(valid(), "job.properties");
        assertThat(o.mappings).hasSize(3);
        assertThat(o.checkpointInterval).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.groupId).isEqualTo("xn-normalization");
    }

    @Test
    void brokenMappingFileFailsAtStartUpNamingFileAndKey() throws Exception {
        Path broken = dir.resolve("dept-x.yaml");
        Files.writeString(broken, """
                source: deptx
                center: c1
                tables:
                  s.cases:
                    caseId: id
                    events:
                      - {when: {set: done_at}, type: FINISHED, time: done_at}
                """);
        Map<String, String> s = valid();
        s.put(NormalizationOptions.MAPPINGS, "lc," + broken);

        assertThatThrownBy(() -> NormalizationOptions.fromMap(s, "job.properties"))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith(broken + ": tables.s.cases.events[0].type: unknown value 'FINISHED'");
    }

    @Test
    void missingRequiredSettingNamesSourceAndKey() {
        Map<String, String> s = valid();
        s.remove(NormalizationOptions.KAFKA_BOOTSTRAP);
        assertThatThrownBy(() -> NormalizationOptions.fromMap(s, "job.properties")).hasMessage("job.properties: kafka.bootstrap.servers: is required");
    }

    @Test
    void shortPseudonymizationKeyIsRefused() {
        Map<String, String> s = valid();
        s.put(NormalizationOptions.PSEUDONYM_KEY, "short");
        assertThatThrownBy(() -> NormalizationOptions.fromMap(s, "job.properties")).hasMessageContaining("pseudonymization.key: key must have at least 16 bytes");
    }

    @Test
    void isoDurationsAreAccepted() {
        Map<String, String> s = valid();
        s.put(NormalizationOptions.CHECKPOINT_INTERVAL, "PT30S");
        assertThat(NormalizationOptions.fromMap(s, "job.properties").checkpointInterval).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theSameSourceMappedTwiceStopsTheStart() {
        Map<String, String> s = valid();
        s.put(NormalizationOptions.MAPPINGS, "lc,xd,lc");
        assertThatThrownBy(() -> NormalizationOptions.fromMap(s, "job.properties")).isInstanceOf(MappingException.class).hasMessageContaining("'lc' is mapped twice");
    }

    @Test
    void badDurationNamesTheKey() {
        Map<String, String> s = valid();
        s.put(NormalizationOptions.CHECKPOINT_INTERVAL, "soon");
        assertThatThrownBy(() -> NormalizationOptions.fromMap(s, "job.properties")).hasMessageStartingWith("job.properties: checkpoint.interval: 'soon'");
    }
}
