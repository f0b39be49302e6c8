package cn.xiaoneng.ingestion.mapping;

import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.DeadLetter;
import cn.xiaoneng.model.EventIds;
import cn.xiaoneng.model.EventType;
import cn.xiaoneng.model.Limit;
import cn.xiaoneng.model.LimitUnit;
import cn.xiaoneng.model.Pseudonymizer;
import cn.xiaoneng.model.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Test only: the Normalizer as it was before envelopes were parsed in one streaming pass — {@code readTree} and the
 * mapping read from the Jackson tree — kept verbatim (rules and specs read through static copies of their old
 * tree-based methods) so the differential test can hold the new parse path to the old outcomes.
 */
final class LegacyTreeNormalizer {
    private static final long EARLIEST_PLAUSIBLE = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    private static final long MAX_FUTURE_MILLIS = 24L * 3600 * 1000;

    private final Map<String, SourceMapping> bySource = new LinkedHashMap<>();
    private final Pseudonymizer pseudonymizer;
    private final ObjectMapper json = new ObjectMapper();

    LegacyTreeNormalizer(List<SourceMapping> mappings, Pseudonymizer pseudonymizer) {
        for (SourceMapping m : mappings) {
            bySource.put(m.sourceId, m);
        }
        this.pseudonymizer = pseudonymizer;
    }

    Normalizer.Outcome normalize(String topic, int partition, long offset, byte[] key, byte[] value, long nowMillis) {
        String sourceId;
        try {
            sourceId = Topics.sourceIdOf(topic);
        } catch (IllegalArgumentException e) {
            sourceId = "?";
        }
        if (value == null) {
            // Tombstone after a delete (log compaction marker): carries no fact.
            return new Normalizer.Outcome(sourceId, null, Collections.emptyList(), null, 0, "");
        }
        String table = null;
        String position = null;
        String op = "";
        long commitTime = 0;
        TableMapping mapping = null;
        try {
            JsonNode root;
            try {
                root = mapper().readTree(value);
            } catch (IOException e) {
                throw new Rejection(Rejection.Code.MALFORMED, "record value is not JSON: " + firstLine(e.getMessage()));
            }
            Envelope change = Envelope.of(root);
            table = change.qualifiedTable();
            op = change.op();
            position = change.position();
            commitTime = change.commitTime();
            SourceMapping source = bySource.get(sourceId);
            if (source == null) {
                throw new Rejection(Rejection.Code.UNMAPPED_TABLE, "no mapping for source '" + sourceId + "' (topic " + topic + ")");
            }
            mapping = source.tables.get(table);
            if (mapping == null) {
                throw new Rejection(Rejection.Code.UNMAPPED_TABLE, "no mapping for table " + table + " in " + source.file);
            }
            // Raw topics are keyed by case id (message.key.columns), so the key alone does not tell rows apart. A streamed
            // change has a position of its own (LSN, or binlog file:pos:row); snapshot rows all share the snapshot's
            // position, so for them the row image tells them apart (it is the same on every replay of the record).
            String rowKey = key == null ? "" : new String(key, StandardCharsets.UTF_8);
            if (change.isSnapshot()) {
                rowKey = rowKey + '\u0001' + change.row().toString();
            }
            try {
                List<CaseEvent> events = map(source, mapping, change, rowKey, position, commitTime);
                return new Normalizer.Outcome(sourceId, table, events, null, commitTime, op);
            } catch (RuntimeException bug) {
                // Never let one record crash-loop the job: keep it, with what went wrong, for a fixed mapping to replay.
                throw new Rejection(Rejection.Code.MAPPING_ERROR, "mapping " + source.file + " failed on " + table + ": " + bug);
            }
        } catch (Rejection r) {
            DeadLetter d = new DeadLetter();
            d.sourceId = sourceId;
            d.sourceTable = table;
            d.topic = topic;
            d.partition = partition;
            d.offset = offset;
            d.sourcePosition = position;
            d.reasonCode = r.code().name();
            d.reason = r.getMessage();
            d.rawValue = redacted(value, mapping);
            d.sourceCommitTime = commitTime;
            d.deadLetteredAt = nowMillis;
            return new Normalizer.Outcome(sourceId, table, Collections.emptyList(), d, commitTime, op);
        }
    }

    private List<CaseEvent> map(SourceMapping source, TableMapping m, Envelope change, String rowKey, String position, long commitTime)
            throws Rejection {
        JsonNode row = change.row();
        for (String column : m.requiredColumns) {
            if (!row.has(column)) {
                throw new Rejection(Rejection.Code.SCHEMA_DRIFT, "column " + column + " that " + source.file + " reads is missing from "
                        + m.table + " (renamed or dropped upstream?)");
            }
        }
        String caseId = Envelope.text(row, m.caseIdColumn);
        if (caseId == null || caseId.isBlank()) {
            throw new Rejection(Rejection.Code.MISSING_CASE_ID, "row of " + m.table + " has no case id in column " + m.caseIdColumn);
        }
        String what = m.table + " case " + caseId;
        for (TableMapping.Validation v : m.validations) {
            String value = Envelope.text(row, v.column());
            if (value != null && !v.known().contains(value)) {
                throw new Rejection(Rejection.Code.UNKNOWN_CODE, "unknown code '" + value + "' in column " + v.column() + " for " + what
                        + " (known: " + String.join(", ", v.known()) + ")");
            }
        }
        List<CaseEvent> out = new ArrayList<>(2);
        CaseEvent template = null;
        for (EventRule rule : m.rules) {
            if (!fires(rule.trigger, change)) {
                continue;
            }
            EventType type = rule.fixedType;
            if (type == null) {
                String name = resolve(rule.typeByCode, row, what);
                if (name == null) {
                    throw new Rejection(Rejection.Code.UNKNOWN_CODE, "column " + rule.typeByCode.column + " is empty, so rule " + rule.index
                            + " cannot tell the event type, for " + what);
                }
                if (name.equals(EventRule.IGNORE)) {
                    continue;
                }
                type = EventType.valueOf(name);
            }
            Long time = Envelope.instant(row, rule.timeColumn, source.zone, what);
            if (time == null) {
                throw new Rejection(Rejection.Code.MISSING_TIME, "column " + rule.timeColumn + " is empty but " + type + " needs its time, for " + what);
            }
            if (time < EARLIEST_PLAUSIBLE || (commitTime > 0 && time > commitTime + MAX_FUTURE_MILLIS)) {
                throw new Rejection(Rejection.Code.IMPOSSIBLE_TIME, "column " + rule.timeColumn + " says " + Instant.ofEpochMilli(time)
                        + " for " + type + " of " + what + ", impossible for a change committed at " + Instant.ofEpochMilli(commitTime));
            }
            if (template == null) {
                template = caseAttributes(source, m, row, caseId, what);
            }
            CaseEvent e = copy(template);
            e.eventId = EventIds.of(source.sourceId, m.table, rowKey, position, rule.index);
            e.eventType = type;
            e.businessTime = time;
            e.sourceCommitTime = commitTime;
            e.sourcePosition = position;
            e.reason = rule.reason == null ? null : resolve(rule.reason, row, what);
            e.result = rule.result == null ? null : resolve(rule.result, row, what);
            out.add(e);
        }
        return out;
    }

    private CaseEvent caseAttributes(SourceMapping source, TableMapping m, JsonNode row, String caseId, String what) throws Rejection {
        CaseEvent e = new CaseEvent();
        e.caseId = caseId;
        e.centerId = source.centerId;
        e.departmentId = source.departmentId;
        e.sourceId = source.sourceId;
        e.sourceTable = m.table;
        for (Map.Entry<String, ValueSpec> a : m.attributes.entrySet()) {
            ValueSpec spec = a.getValue();
            if (a.getKey().equals("departmentIds")) {
                e.departmentIds = resolveList(spec, row);
                continue;
            }
            String v = resolve(spec, row, what);
            if (spec.protection == ValueSpec.Protection.HASH) {
                v = pseudonymizer.keyOf(v);
            } else if (spec.protection == ValueSpec.Protection.MASK) {
                v = Pseudonymizer.maskPhone(v);
            }
            switch (a.getKey()) {
                case "centerId" -> e.centerId = v == null ? e.centerId : v;
                case "departmentId" -> e.departmentId = v == null ? e.departmentId : v;
                case "windowId" -> e.windowId = v;
                case "itemCode" -> e.itemCode = v;
                case "itemName" -> e.itemName = v;
                case "caseKind" -> e.caseKind = v == null ? null : CaseKind.valueOf(v);
                case "applicantKey" -> e.applicantKey = v;
                case "applicantPhoneMasked" -> e.applicantPhoneMasked = v;
                default -> throw new IllegalStateException("attribute " + a.getKey() + " passed validation but is not handled");
            }
        }
        e.committedLimit = m.committedLimit == null ? null : resolve(m.committedLimit, row, what);
        e.legalLimit = m.legalLimit == null ? null : resolve(m.legalLimit, row, what);
        e.stepId = m.stepIdColumn == null ? null : Envelope.text(row, m.stepIdColumn);
        e.stepName = m.stepNameColumn == null ? null : Envelope.text(row, m.stepNameColumn);
        e.handler = m.handlerColumn == null ? null : Envelope.text(row, m.handlerColumn);
        return e;
    }

    private static CaseEvent copy(CaseEvent t) {
        CaseEvent e = new CaseEvent();
        e.caseId = t.caseId;
        e.centerId = t.centerId;
        e.departmentId = t.departmentId;
        e.departmentIds = t.departmentIds;
        e.windowId = t.windowId;
        e.itemCode = t.itemCode;
        e.itemName = t.itemName;
        e.caseKind = t.caseKind;
        e.stepId = t.stepId;
        e.stepName = t.stepName;
        e.handler = t.handler;
        e.committedLimit = t.committedLimit;
        e.legalLimit = t.legalLimit;
        e.applicantKey = t.applicantKey;
        e.applicantPhoneMasked = t.applicantPhoneMasked;
        e.sourceId = t.sourceId;
        e.sourceTable = t.sourceTable;
        return e;
    }

    /**
     * The raw record for the dead letter, with the columns the mapping protects (identity and phone numbers) masked:
     * dead letters are read by operators and stored in the warehouse; the raw topic keeps the original for replay.
     */
    private String redacted(byte[] value, TableMapping mapping) {
        String raw = new String(value, StandardCharsets.UTF_8);
        if (mapping == null) {
            return raw;
        }
        java.util.Set<String> protectedColumns = new java.util.HashSet<>();
        for (ValueSpec v : mapping.attributes.values()) {
            if (v.protection != ValueSpec.Protection.NONE && v.column != null) {
                protectedColumns.add(v.column);
            }
        }
        if (protectedColumns.isEmpty()) {
            return raw;
        }
        try {
            JsonNode root = mapper().readTree(value);
            JsonNode payload = root.has("payload") && root.get("payload").isObject() ? root.get("payload") : root;
            for (String image : new String[] {"before", "after"}) {
                JsonNode row = payload.get(image);
                if (row instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                    for (String c : protectedColumns) {
                        if (o.hasNonNull(c)) {
                            o.put(c, "***");
                        }
                    }
                }
            }
            return mapper().writeValueAsString(root);
        } catch (IOException e) {
            return raw;
        }
    }

    private ObjectMapper mapper() {
        return json;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static boolean fires(Trigger t, Envelope change) {
        boolean created = change.isCreate();
        switch (t.kind) {
            case INSERT:
                if (!created) {
                    return false;
                }
                if (t.insertFilter != null) {
                    for (Map.Entry<String, Set<String>> f : t.insertFilter.entrySet()) {
                        if (!f.getValue().contains(Envelope.text(change.after(), f.getKey()))) {
                            return false;
                        }
                    }
                }
                return true;
            case DELETE:
                return change.isDelete();
            case SET: {
                if (change.isDelete()) {
                    return false;
                }
                String now = Envelope.text(change.after(), t.column);
                if (now == null) {
                    return false;
                }
                return created || !now.equals(Envelope.text(change.before(), t.column));
            }
            case CHANGE: {
                if (change.isDelete()) {
                    return false;
                }
                String now = Envelope.text(change.after(), t.column);
                String was = created ? null : Envelope.text(change.before(), t.column);
                if (Objects.equals(now, was)) {
                    return false;
                }
                return (t.to == null || t.to.contains(now)) && (t.from == null || t.from.contains(was));
            }
            default:
                throw new IllegalStateException(t.kind.name());
        }
    }

    static String resolve(ValueSpec s, JsonNode row, String key) throws Rejection {
        if (s.constant != null) {
            return s.constant;
        }
        String raw = Envelope.text(row, s.column);
        if (raw == null) {
            return null;
        }
        if (s.codes != null) {
            String mapped = s.codes.get(raw);
            if (mapped == null) {
                throw new Rejection(Rejection.Code.UNKNOWN_CODE, "unknown code '" + raw + "' in column " + s.column + " for " + key
                        + " (known: " + String.join(", ", s.codes.keySet()) + ")");
            }
            return mapped;
        }
        return raw;
    }

    static String[] resolveList(ValueSpec s, JsonNode row) {
        List<String> out = new ArrayList<>();
        if (s.prepend != null) {
            String first = Envelope.text(row, s.prepend);
            if (first != null && !first.isBlank()) {
                out.add(first.trim());
            }
        }
        String raw = s.column == null ? null : Envelope.text(row, s.column);
        if (raw != null) {
            for (String part : raw.split(java.util.regex.Pattern.quote(s.split))) {
                String p = part.trim();
                if (!p.isEmpty() && !out.contains(p)) {
                    out.add(p);
                }
            }
        }
        return out.size() <= 1 ? null : out.toArray(new String[0]);
    }

    static Limit resolve(LimitSpec s, JsonNode row, String key) throws Rejection {
        String unitCode = Envelope.text(row, s.unitColumn);
        if (unitCode == null) {
            return null;
        }
        LimitUnit unit = s.units.get(unitCode);
        if (unit == null) {
            throw new Rejection(Rejection.Code.UNKNOWN_CODE, "unknown limit unit '" + unitCode + "' in column " + s.unitColumn + " for " + key);
        }
        if (unit == LimitUnit.IMMEDIATE) {
            return Limit.immediate();
        }
        String v = Envelope.text(row, s.valueColumn);
        if (v == null) {
            return null;
        }
        try {
            int days = Integer.parseInt(v.trim());
            if (days < 0) {
                throw new Rejection(Rejection.Code.BAD_VALUE, "negative limit " + days + " in column " + s.valueColumn + " for " + key);
            }
            return new Limit(days, unit);
        } catch (NumberFormatException e) {
            throw new Rejection(Rejection.Code.BAD_VALUE, "limit '" + v + "' in column " + s.valueColumn + " is not a whole number for " + key);
        }
    }

    /** The old ChangeEnvelope over the tree. */
    static final class Envelope {
        private final JsonNode root;
        private final String op;

        Envelope(JsonNode root, String op) {
            this.root = root;
            this.op = op;
        }

        /** @throws Rejection MALFORMED when this is not a change envelope */
        static Envelope of(JsonNode root) throws Rejection {
            if (root == null || !root.isObject()) {
                throw new Rejection(Rejection.Code.MALFORMED, "record value is not a JSON object");
            }
            JsonNode payload = root.has("payload") && root.get("payload").isObject() ? root.get("payload") : root;
            String op = payload.path("op").asText(null);
            if (op == null || !(op.equals("c") || op.equals("r") || op.equals("u") || op.equals("d"))) {
                throw new Rejection(Rejection.Code.MALFORMED, "record has no Debezium op (c/r/u/d): " + abbreviate(root.toString()));
            }
            if (!payload.path("source").isObject()) {
                throw new Rejection(Rejection.Code.MALFORMED, "record has no Debezium source block");
            }
            Envelope env = new Envelope(payload, op);
            JsonNode image = op.equals("d") ? env.before() : env.after();
            if (image == null || !image.isObject()) {
                throw new Rejection(Rejection.Code.MALFORMED, "op '" + op + "' without a " + (op.equals("d") ? "before" : "after") + " image");
            }
            return env;
        }

        boolean isCreate() {
            return op.equals("c") || op.equals("r");
        }

        boolean isDelete() {
            return op.equals("d");
        }

        boolean isSnapshot() {
            return op.equals("r");
        }

        String op() {
            return op;
        }

        JsonNode before() {
            JsonNode b = root.get("before");
            return b == null || b.isNull() ? null : b;
        }

        JsonNode after() {
            JsonNode a = root.get("after");
            return a == null || a.isNull() ? null : a;
        }

        /** The row as it is now (the before image for deletes). */
        JsonNode row() {
            return isDelete() ? before() : after();
        }

        JsonNode source() {
            return root.get("source");
        }

        /** {@code schema.table} for PostgreSQL, {@code db.table} for MySQL/MariaDB. */
        String qualifiedTable() {
            JsonNode s = source();
            String table = s.path("table").asText("");
            String schema = s.hasNonNull("schema") ? s.get("schema").asText() : s.path("db").asText("");
            return schema + "." + table;
        }

        /** Where in the source log this change sits: {@code lsn:N} (PostgreSQL) or {@code file:pos:row} (binlog). */
        String position() {
            JsonNode s = source();
            if (s.hasNonNull("lsn")) {
                return "lsn:" + s.get("lsn").asText();
            }
            if (s.hasNonNull("file")) {
                return s.get("file").asText() + ":" + s.path("pos").asText("0") + ":" + s.path("row").asText("0");
            }
            return "ts:" + s.path("ts_ms").asText("0");
        }

        /** When the source committed the change (source.ts_ms; whole seconds for MariaDB). */
        long commitTime() {
            JsonNode s = source();
            if (s.hasNonNull("ts_ms")) {
                return s.get("ts_ms").asLong();
            }
            return root.path("ts_ms").asLong(0);
        }

        /** A column's value as text; null when the column is absent or SQL NULL. Numbers print without decimals when whole. */
        static String text(JsonNode row, String column) {
            if (row == null || column == null) {
                return null;
            }
            JsonNode v = row.get(column);
            if (v == null || v.isNull()) {
                return null;
            }
            if (v.isIntegralNumber()) {
                return v.asText(); // the digits, whatever the width (no BigInteger on the common int/long path)
            }
            if (v.isNumber()) {
                return v.decimalValue().stripTrailingZeros().toPlainString();
            }
            return v.asText();
        }

        /**
         * A temporal column as an instant, or null when empty.
         * @throws Rejection BAD_VALUE when the value is not a time
         */
        static Long instant(JsonNode row, String column, ZoneId zone, String key) throws Rejection {
            JsonNode v = row.get(column);
            if (v == null || v.isNull()) {
                return null;
            }
            if (v.isNumber()) {
                // connect mode: wall-clock millis read as UTC
                return WallClock.of(zone).toEpochMilli(v.asLong());
            }
            String t = v.asText();
            try {
                return OffsetDateTime.parse(t).toInstant().toEpochMilli();
            } catch (DateTimeParseException e1) {
                try {
                    return Instant.parse(t).toEpochMilli();
                } catch (DateTimeParseException e2) {
                    try {
                        return LocalDateTime.parse(t.replace(' ', 'T')).atZone(zone).toInstant().toEpochMilli();
                    } catch (DateTimeParseException e3) {
                        throw new Rejection(Rejection.Code.BAD_VALUE, "column " + column + " value '" + t + "' is not a time, for " + key);
                    }
                }
            }
        }

        static String abbreviate(String s) {
            return s.length() <= 200 ? s : s.substring(0, 200) + "…";
        }
    }
}
