package cn.xiaoneng.ingestion.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Debezium connector configuration kept as a versioned file ({@code connectors/<source>.json}): the same file
 * registers the connector on the demo's single Connect worker and on a production Connect cluster. Placeholders
 * {@code {{name}}} are filled from the environment's settings at registration; {@code ${provider:path:key}}
 * values are left for Kafka Connect's config providers, so secrets never sit in these files.
 */
public final class ConnectorConfig {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z0-9_.-]+)}}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String file;
    private final String name;
    private final Map<String, String> template;

    private ConnectorConfig(String file, String name, Map<String, String> template) {
        this.file = file;
        this.name = name;
        this.template = template;
    }

    /** The built-in connector configuration of a simulated source ({@code connectors/<id>.json} on the classpath). */
    public static ConnectorConfig builtIn(String sourceId) {
        String resource = "connectors/" + sourceId + ".json";
        try (InputStream in = ConnectorConfig.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(resource + ": no such connector configuration on the classpath");
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(resource + ": cannot read", e);
        }
    }

    public static ConnectorConfig load(Path path) {
        try {
            return parse(path.toString(), Files.readString(path));
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    static ConnectorConfig parse(String file, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.path("name").isTextual()) {
            throw new IllegalArgumentException(file + ": name: is required");
        }
        JsonNode config = root.get("config");
        if (config == null || !config.isObject()) {
            throw new IllegalArgumentException(file + ": config: is required (an object of connector settings)");
        }
        Map<String, String> template = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode()) {
                throw new IllegalArgumentException(file + ": config." + e.getKey() + ": must be a plain value");
            }
            template.put(e.getKey(), e.getValue().asText());
        }
        if (!template.containsKey("connector.class")) {
            throw new IllegalArgumentException(file + ": config.connector.class: is required");
        }
        return new ConnectorConfig(file, root.get("name").asText(), template);
    }

    public String name() {
        return name;
    }

    public String file() {
        return file;
    }

    /** Placeholders this file needs. */
    public Set<String> placeholders() {
        Set<String> out = new TreeSet<>();
        for (String v : template.values()) {
            Matcher m = PLACEHOLDER.matcher(v);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /**
     * The configuration with every placeholder filled.
     * @throws IllegalArgumentException naming the file, the key and the missing setting
     */
    public Map<String, String> resolve(Map<String, String> settings) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : template.entrySet()) {
            Matcher m = PLACEHOLDER.matcher(e.getValue());
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String value = settings.get(m.group(1));
                if (value == null) {
                    throw new IllegalArgumentException(file + ": config." + e.getKey() + ": no value for placeholder {{" + m.group(1) + "}}");
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(value));
            }
            m.appendTail(sb);
            out.put(e.getKey(), sb.toString());
        }
        return out;
    }
}
