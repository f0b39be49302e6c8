package cn.xiaoneng.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static Duration parse(String value) {
        Properties p = new Properties();
        p.setProperty("k", value);
        return Settings.duration(p, "job.properties", "k", Duration.ZERO);
    }

    @Test
    void durationsTakeSuffixesAndIso8601() {
        assertThat(parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(parse("5min")).isEqualTo(Duration.ofMinutes(5));
        assertThat(parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(parse("3d")).isEqualTo(Duration.ofDays(3));
        assertThat(parse("PT10S")).isEqualTo(Duration.ofSeconds(10));
        assertThat(parse("P3D")).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void zeroOrNegativeDurationsAreRefusedNamingSourceAndKey() {
        assertThatThrownBy(() -> parse("0s")).hasMessageStartingWith("job.properties: k: '0s' is not a positive duration");
        assertThatThrownBy(() -> parse("-PT1S")).hasMessageStartingWith("job.properties: k: '-PT1S'");
    }

    @Test
    void absentValuesTakeTheDefault() {
        assertThat(Settings.duration(new Properties(), "job.properties", "k", Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(Settings.positiveInt(new Properties(), "job.properties", "n", 3)).isEqualTo(3);
    }
}
