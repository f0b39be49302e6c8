package cn.xiaoneng.alerting.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A node of a YAML file with its file name and key path, so that every error names both. */
final class ConfigNode {
    final String file;
    final String path;
    final JsonNode node;

    ConfigNode(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    ConfigException error(String message) {
        return new ConfigException(file + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    boolean missing() {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** This node as a mapping whose keys are all in {@code allowed} (a typo is an error, not a silent default). */
    ConfigNode object(Set<String> allowed) {
        if (missing() || !node.isObject()) {
            throw error("must be a mapping");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw child(k).error("unknown key (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
        return this;
    }

    ConfigNode child(String key) {
        return new ConfigNode(file, path.isEmpty() ? key : path + "." + key, node == null ? null : node.get(key));
    }

    ConfigNode required(String key) {
        ConfigNode c = child(key);
        if (c.missing()) {
            throw c.error("is required");
        }
        return c;
    }

    List<ConfigNode> list() {
        if (missing()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw error("must be a list");
        }
        List<ConfigNode> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(new ConfigNode(file, path + "[" + i + "]", node.get(i)));
        }
        return out;
    }

    /** A mapping of names to nodes, in file order. */
    Map<String, ConfigNode> entries() {
        Map<String, ConfigNode> out = new LinkedHashMap<>();
        if (missing()) {
            return out;
        }
        if (!node.isObject()) {
            throw error("must be a mapping");
        }
        node.fieldNames().forEachRemaining(k -> out.put(k, child(k)));
        return out;
    }

    String text() {
        if (missing() || !node.isValueNode()) {
            throw error("must be a text value");
        }
        String s = node.asText().strip();
        if (s.isEmpty()) {
            throw error("must not be empty");
        }
        return s;
    }

    String text(String fallback) {
        return missing() ? fallback : text();
    }

    /** A scalar or a list of scalars, as a list of texts. */
    List<String> texts() {
        if (missing()) {
            return List.of();
        }
        if (node.isArray()) {
            List<String> out = new ArrayList<>();
            for (ConfigNode c : list()) {
                out.add(c.text());
            }
            return out;
        }
        return List.of(text());
    }

    Duration duration(Duration fallback) {
        if (missing()) {
            return fallback;
        }
        try {
            return Durations.parse(node.asText());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    int integer(int fallback, int min) {
        if (missing()) {
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw error("must be a whole number, got '" + node.asText() + "'");
        }
        if (node.asInt() < min) {
            throw error("must be at least " + min + ", got " + node.asInt());
        }
        return node.asInt();
    }

    boolean bool(boolean fallback) {
        if (missing()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw error("must be true or false, got '" + node.asText() + "'");
        }
        return node.asBoolean();
    }

    Secret secret(Map<String, String> env) {
        try {
            return Secret.resolve(text(), env);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }
}
