package cn.xiaoneng.app;

import cn.xiaoneng.ingestion.connect.ConnectorConfig;
import cn.xiaoneng.testsupport.ConnectRestClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Registers the versioned Debezium connector files on a Kafka Connect cluster through its REST API — the same
 * files and the same path the demo uses on its single worker. {@code render} prints the resolved configurations
 * instead, for review or for a deployment tool.
 */
@Command(name = "connectors", mixinStandardHelpOptions = true, description = "Render or register the Debezium source connectors.")
final class ConnectorsCommand implements Callable<Integer> {
    @Option(names = "--settings", required = true,
            description = "properties file with the values of the {{placeholders}} (postgres.host, cdc.user, ...); secrets as ${file:...:key}")
    Path settings;

    @Option(names = "--source", split = ",", description = "built-in sources (default: lc,xd,ex)")
    List<String> sources;

    @Option(names = "--file", description = "connector files outside the classpath")
    List<Path> files;

    @Option(names = "--connect-url", description = "Kafka Connect REST URL; without it the resolved configurations are printed")
    String connectUrl;

    @Override
    public Integer call() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(settings, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> values = new TreeMap<>();
        p.forEach((k, v) -> values.put(k.toString(), v.toString()));
        List<ConnectorConfig> configs = new ArrayList<>();
        for (String s : sources == null && files == null ? Spine.SOURCES : sources == null ? List.<String>of() : sources) {
            configs.add(ConnectorConfig.builtIn(s.trim()));
        }
        if (files != null) {
            files.forEach(f -> configs.add(ConnectorConfig.load(f)));
        }
        ObjectMapper json = new ObjectMapper();
        for (ConnectorConfig c : configs) {
            Map<String, String> resolved = c.resolve(values);
            if (connectUrl == null) {
                System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("name", c.name(), "config", resolved)));
                continue;
            }
            ConnectRestClient client = new ConnectRestClient(connectUrl);
            boolean created = client.putConnector(c.name(), resolved);
            client.awaitRunning(c.name(), Duration.ofMinutes(2));
            System.out.println(c.name() + ": " + (created ? "created" : "updated") + ", running (" + c.file() + ")");
        }
        return 0;
    }
}
