package cn.xiaoneng.ingestion.mapping;

import cn.xiaoneng.model.EventType;
import cn.xiaoneng.model.LimitUnit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads and validates mapping files. Every problem is reported as {@code <file>: <key path>: <what is wrong>},
 * e.g. {@code mappings/lc.yaml: tables.approval.business_index.events[1].type: unknown value 'ACEPTED' (one of ...)}, so an
 * operator can fix the file without reading code. Unknown keys are errors too (a typo must not be ignored).
 */
public final class MappingLoader {
    /** The mappings shipped with the project, one per simulated department. */
    public static final List<String> BUILT_IN = List.of("lc", "xd", "ex");

    private static final ObjectMapper JSON = new ObjectMapper();

    private MappingLoader() {}

    /** Loads the built-in mapping of {@code sourceId} from the classpath ({@code mappings/<id>.yaml}). */
    public static SourceMapping builtIn(String sourceId) {
        String resource = "mappings/" + sourceId + ".yaml";
        try (InputStream in = MappingLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new MappingException(resource + ": no such mapping on the classpath");
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MappingException(resource + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static List<SourceMapping> builtIns() {
        return BUILT_IN.stream().map(MappingLoader::builtIn).toList();
    }

    public static SourceMapping load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MappingException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses one mapping file's text; {@code file} is the name used in error messages. */
    public static SourceMapping parse(String file, String yaml) {
        Object tree;
        try {
            tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new MappingException(file + ": not valid YAML: " + e.getMessage().replace('\n', ' '), e);
        }
        Node root = new Node(file, "", JSON.valueToTree(tree));
        root.allowOnly("source", "description", "center", "department", "timeZone", "codeSets", "tables");
        String sourceId = root.required("source").identifier();
        String description = root.optionalText("description", sourceId);
        String center = root.required("center").text();
        String department = root.optionalText("department", null);
        ZoneId zone = root.has("timeZone") ? root.get("timeZone").zone() : ZoneId.of("Asia/Shanghai");
        Node tables = root.required("tables");
        if (!tables.json.isObject() || tables.json.isEmpty()) {
            throw tables.error("must map at least one table");
        }
        Map<String, TableMapping> byName = new LinkedHashMap<>();
        for (Iterator<String> it = tables.json.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.contains(".")) {
                throw tables.get(name).error("table must be qualified as schema.table or database.table");
            }
            byName.put(name, table(name, tables.get(name)));
        }
        return new SourceMapping(file, sourceId, description, center, department, zone, byName);
    }

    private static TableMapping table(String name, Node t) {
        t.allowOnly("caseId", "attributes", "step", "handler", "validate", "events");
        String caseId = t.required("caseId").text();
        Map<String, ValueSpec> attributes = new LinkedHashMap<>();
        LimitSpec committed = null;
        LimitSpec legal = null;
        if (t.has("attributes")) {
            Node attrs = t.get("attributes");
            attrs.allowOnly("centerId", "departmentId", "departmentIds", "windowId", "itemCode", "itemName", "caseKind",
                    "committedLimit", "legalLimit", "applicantKey", "applicantPhoneMasked");
            for (Iterator<String> it = attrs.json.fieldNames(); it.hasNext(); ) {
                String attr = it.next();
                Node a = attrs.get(attr);
                switch (attr) {
                    case "committedLimit" -> committed = a.limit();
                    case "legalLimit" -> legal = a.limit();
                    case "caseKind" -> attributes.put(attr, a.value(enumNames(cn.xiaoneng.model.CaseKind.values()), false, Set.of()));
                    case "departmentIds" -> attributes.put(attr, a.value(null, false, Set.of("split", "prepend")));
                    case "applicantKey", "applicantPhoneMasked" -> attributes.put(attr, a.value(null, false, Set.of("protect")));
                    default -> attributes.put(attr, a.value(null, false, Set.of()));
                }
            }
        }
        String stepId = null;
        String stepName = null;
        String stepHandler = null;
        if (t.has("step")) {
            Node step = t.get("step");
            step.allowOnly("id", "name", "handler");
            stepId = step.required("id").text();
            stepName = step.optionalText("name", null);
            stepHandler = step.optionalText("handler", null);
        }
        String handler = t.has("handler") ? t.get("handler").text() : stepHandler;
        List<TableMapping.Validation> validations = new ArrayList<>();
        if (t.has("validate")) {
            List<Node> checks = t.get("validate").list();
            for (Node c : checks) {
                c.allowOnly("column", "known", "codes");
                Set<String> known;
                if (c.has("known")) {
                    known = new LinkedHashSet<>(c.get("known").textList());
                } else if (c.has("codes")) {
                    known = new LinkedHashSet<>(c.get("codes").textMap(null).keySet());
                } else {
                    throw c.error("needs 'known' (list of values) or 'codes' (code table)");
                }
                validations.add(new TableMapping.Validation(c.required("column").text(), known));
            }
        }
        List<EventRule> rules = new ArrayList<>();
        List<Node> events = t.required("events").list();
        if (events.isEmpty()) {
            throw t.get("events").error("must list at least one rule");
        }
        for (int i = 0; i < events.size(); i++) {
            rules.add(rule(i, events.get(i)));
        }
        return new TableMapping(name, caseId, attributes, committed, legal, stepId, stepName, handler, validations, rules);
    }

    private static EventRule rule(int index, Node r) {
        r.allowOnly("when", "type", "time", "reason", "result");
        Trigger trigger = r.required("when").trigger();
        Node type = r.required("type");
        EventType fixed = null;
        ValueSpec byCode = null;
        Set<String> typeNames = new LinkedHashSet<>(enumNames(EventType.values()));
        if (type.json.isTextual()) {
            fixed = EventType.valueOf(type.oneOf(typeNames));
        } else {
            typeNames.add(EventRule.IGNORE);
            byCode = type.value(typeNames, true, Set.of());
        }
        String time = r.required("time").text();
        ValueSpec reason = r.has("reason") ? r.get("reason").value(null, false, Set.of()) : null;
        ValueSpec result = r.has("result") ? r.get("result").value(null, false, Set.of()) : null;
        return new EventRule(index, trigger, fixed, byCode, time, reason, result);
    }

    private static Set<String> enumNames(Enum<?>[] values) {
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(values).forEach(v -> names.add(v.name()));
        return names;
    }

    /** A position in the mapping tree that knows its file and key path for error messages. */
    private static final class Node {
        final String file;
        final String path;
        final JsonNode json;

        Node(String file, String path, JsonNode json) {
            this.file = file;
            this.path = path;
            this.json = json;
        }

        MappingException error(String message) {
            return new MappingException(file + ": " + (path.isEmpty() ? "(top level)" : path) + ": " + message);
        }

        boolean has(String key) {
            return json.isObject() && json.has(key) && !json.get(key).isNull();
        }

        Node get(String key) {
            return new Node(file, path.isEmpty() ? key : path + "." + key, json.get(key));
        }

        Node required(String key) {
            if (!json.isObject()) {
                throw error("must be a mapping with key '" + key + "'");
            }
            if (!has(key)) {
                throw new MappingException(file + ": " + (path.isEmpty() ? key : path + "." + key) + ": is required");
            }
            return get(key);
        }

        void allowOnly(String... keys) {
            if (!json.isObject()) {
                throw error("must be a mapping (keys: " + String.join(", ", keys) + ")");
            }
            Set<String> allowed = Set.of(keys);
            for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!allowed.contains(k)) {
                    throw new MappingException(file + ": " + (path.isEmpty() ? k : path + "." + k) + ": unknown key (allowed here: "
                            + String.join(", ", keys) + ")");
                }
            }
        }

        String text() {
            if (!json.isValueNode() || json.asText().isBlank()) {
                throw error("must be a non-empty value");
            }
            return json.asText();
        }

        String identifier() {
            String t = text();
            if (!t.matches("[a-z][a-z0-9_-]*")) {
                throw error("'" + t + "' must be a lower-case identifier ([a-z][a-z0-9_-]*)");
            }
            return t;
        }

        String optionalText(String key, String dflt) {
            return has(key) ? get(key).text() : dflt;
        }

        ZoneId zone() {
            try {
                return ZoneId.of(text());
            } catch (DateTimeException e) {
                throw error("unknown time zone '" + json.asText() + "'");
            }
        }

        String oneOf(Set<String> allowed) {
            String t = text();
            if (!allowed.contains(t)) {
                throw error("unknown value '" + t + "' (one of " + String.join(", ", allowed) + ")");
            }
            return t;
        }

        List<Node> list() {
            if (!json.isArray()) {
                throw error("must be a list");
            }
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < json.size(); i++) {
                out.add(new Node(file, path + "[" + i + "]", json.get(i)));
            }
            return out;
        }

        List<String> textList() {
            List<String> out = new ArrayList<>();
            for (Node n : list()) {
                out.add(n.text());
            }
            return out;
        }

        /** A code table {code: value}; values checked against {@code allowed} when given. */
        Map<String, String> textMap(Set<String> allowed) {
            if (!json.isObject() || json.isEmpty()) {
                throw error("must be a non-empty code table {code: value}");
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                Node v = get(k);
                out.put(k, allowed == null ? v.text() : v.oneOf(allowed));
            }
            return out;
        }

        /**
         * A value spec: bare column name, {const}, {column, codes}, {column, protect}, {column, split, prepend}.
         * @param allowedCodeValues when set, the value must come through a code table (or a const) naming one of these
         * @param extraKeys which of protect/split/prepend this value may use (elsewhere they would be ignored: refuse them)
         */
        ValueSpec value(Set<String> allowedCodeValues, boolean codesRequired, Set<String> extraKeys) {
            if (json.isValueNode()) {
                if (codesRequired || allowedCodeValues != null) {
                    throw error("must be {column: .., codes: {..}} (a code table naming " + String.join(", ", allowedCodeValues) + ")");
                }
                return extraKeys.contains("split") ? new ValueSpec(text(), null, null, ValueSpec.Protection.NONE, ",", null) : ValueSpec.column(text());
            }
            List<String> keys = new ArrayList<>(List.of("column", "const", "codes"));
            keys.addAll(extraKeys);
            allowOnly(keys.toArray(new String[0]));
            if (has("const")) {
                String constant = allowedCodeValues == null ? get("const").text() : get("const").oneOf(allowedCodeValues);
                return new ValueSpec(null, constant, null, ValueSpec.Protection.NONE, null, null);
            }
            String column = required("column").text();
            Map<String, String> codes = null;
            if (has("codes")) {
                codes = get("codes").textMap(allowedCodeValues);
            } else if (codesRequired || allowedCodeValues != null) {
                throw error("needs a code table 'codes'");
            }
            ValueSpec.Protection protection = ValueSpec.Protection.NONE;
            if (has("protect")) {
                protection = ValueSpec.Protection.valueOf(get("protect").oneOf(Set.of("hash", "mask")).toUpperCase());
            }
            String split = extraKeys.contains("split") ? optionalText("split", ",") : null;
            return new ValueSpec(column, null, codes, protection, split, optionalText("prepend", null));
        }

        LimitSpec limit() {
            allowOnly("value", "unit", "codes");
            Map<String, String> names = required("codes").textMap(Set.of("WORKING_DAYS", "NATURAL_DAYS", "IMMEDIATE"));
            Map<String, LimitUnit> units = new LinkedHashMap<>();
            names.forEach((k, v) -> units.put(k, LimitUnit.valueOf(v)));
            return new LimitSpec(required("value").text(), required("unit").text(), units);
        }

        Trigger trigger() {
            if (json.isTextual()) {
                return switch (oneOf(Set.of("insert", "delete"))) {
                    case "insert" -> new Trigger(Trigger.Kind.INSERT, null, null, null, null);
                    default -> new Trigger(Trigger.Kind.DELETE, null, null, null, null);
                };
            }
            allowOnly("insert", "set", "change", "from", "to");
            if ((has("from") || has("to")) && !has("change")) {
                throw error("'from' and 'to' apply only to {change: column}");
            }
            if (has("set")) {
                return new Trigger(Trigger.Kind.SET, get("set").text(), null, null, null);
            }
            if (has("change")) {
                Set<String> from = has("from") ? new LinkedHashSet<>(get("from").textList()) : null;
                Set<String> to = has("to") ? new LinkedHashSet<>(get("to").textList()) : null;
                return new Trigger(Trigger.Kind.CHANGE, get("change").text(), null, from, to);
            }
            if (has("insert")) {
                Node f = get("insert");
                Map<String, Set<String>> filter = new LinkedHashMap<>();
                for (Iterator<String> it = f.json.fieldNames(); it.hasNext(); ) {
                    String col = it.next();
                    filter.put(col, new LinkedHashSet<>(f.get(col).textList()));
                }
                return new Trigger(Trigger.Kind.INSERT, null, filter, null, null);
            }
            throw error("must be insert, delete, {set: column}, {change: column, from: [..], to: [..]} or {insert: {column: [values]}}");
        }
    }
}
