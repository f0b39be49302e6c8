package cn.xiaoneng.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConsoleOptionsTest {

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void missingKeysKeepTheDefaults() {
        assertThat(ConsoleOptions.fromProperties(props(), "console.properties")).isEqualTo(ConsoleOptions.defaults());
        assertThat(ConsoleOptions.defaults().refreshInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(ConsoleOptions.defaults().host()).isEqualTo("127.0.0.1");
    }

    @Test
    void readsEveryKey() {
        ConsoleOptions o = ConsoleOptions.fromProperties(props(
                "console.host", "0.0.0.0", "console.refresh-interval", "PT5S", "console.lag-window", "PT10M",
                "console.stale-after", "PT2M", "console.lag-warning", "PT30S", "console.recent-dead-letters", "50",
                "console.query-timeout", "PT4S", "console.throughput-recent", "PT15M"), "prod.properties");

        assertThat(o).isEqualTo(new ConsoleOptions("0.0.0.0", Duration.ofSeconds(5), Duration.ofMinutes(10),
                Duration.ofMinutes(2), Duration.ofSeconds(30), 50, Duration.ofSeconds(4),
                Duration.ofMinutes(15)));
    }

    @Test
    void aBadValueFailsNamingTheFileAndKey() {
        assertThatThrownBy(() -> ConsoleOptions.fromProperties(props("console.refresh-interval", "3s"), "prod.properties"))
                .hasMessageStartingWith("prod.properties: console.refresh-interval must be an ISO-8601 duration");
        assertThatThrownBy(() -> ConsoleOptions.fromProperties(props("console.recent-dead-letters", "0"), "prod.properties"))
                .hasMessageStartingWith("prod.properties: console.recent-dead-letters must be between 1 and 1000");
        assertThatThrownBy(() -> ConsoleOptions.fromProperties(props("console.refresh-interval", "PT0.1S"), "prod.properties"))
                .hasMessageContaining("console.refresh-interval must be at least PT0.5S");
    }

    @Test
    void theRecentThroughputWindowMustBeWholeMinutesOfAFewHoursAtMost() {
        assertThat(ConsoleOptions.defaults().throughputRecent()).isEqualTo(Duration.ofMinutes(30));
        assertThatThrownBy(() -> ConsoleOptions.fromProperties(props("console.throughput-recent", "PT90S"), "prod.properties"))
                .hasMessageStartingWith("prod.properties: console.throughput-recent must be whole minutes");
        assertThatThrownBy(() -> ConsoleOptions.defaults().withThroughputRecent(Duration.ofHours(4)))
                .hasMessageStartingWith("console.throughput-recent must be whole minutes between PT1M and PT3H");
    }
}
