package cn.xiaoneng.ingestion.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorConfigTest {
    private static final Map<String, String> SETTINGS = Map.of("postgres.host", "127.0.0.1", "postgres.port", "5433", "mariadb.host", "127.0.0.1",
            "mariadb.port", "3307", "cdc.user", "xn_cdc", "cdc.password", "${file:/run/secrets/cdc.properties:password}", "kafka.bootstrap",
            "127.0.0.1:9092", "heartbeat.ms", "5000", "raw.partitions", "2", "replication.factor", "1");

    @Test
    void everyBuiltInConnectorResolvesWithTheStandardSettings() {
        for (String source : new String[] {"lc", "xd", "ex"}) {
            ConnectorConfig c = ConnectorConfig.builtIn(source);
            Map<String, String> resolved = c.resolve(SETTINGS);
            assertThat(c.name()).isEqualTo("xn-source-" + source);
            assertThat(resolved.get("topic.prefix")).isEqualTo("xn.raw." + source);
            assertThat(resolved.values()).noneMatch(v -> v.contains("{{"));
            assertThat(resolved.get("time.precision.mode")).isEqualTo("connect");
        }
    }

    @Test
    void configProviderReferencesAreLeftForKafkaConnect() {
        Map<String, String> resolved = ConnectorConfig.builtIn("lc").resolve(SETTINGS);
        assertThat(resolved.get("database.password")).isEqualTo("${file:/run/secrets/cdc.properties:password}");
    }

    @Test
    void missingSettingNamesFileAndKey() {
        assertThatThrownBy(() -> ConnectorConfig.builtIn("lc").resolve(Map.of()))
                .hasMessageStartingWith("connectors/lc.json: config.database.hostname: no value for placeholder {{postgres.host}}");
    }

    @Test
    void fileWithoutConnectorClassIsRejected() {
        assertThatThrownBy(() -> ConnectorConfig.parse("x.json", "{\"name\":\"x\",\"config\":{\"a\":\"b\"}}"))
                .hasMessage("x.json: config.connector.class: is required");
    }
}
