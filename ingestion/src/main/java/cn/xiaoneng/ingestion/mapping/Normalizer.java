package cn.xiaoneng.ingestion.mapping;

import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.DeadLetter;
import cn.xiaoneng.model.EventIds;
import cn.xiaoneng.model.EventType;
import cn.xiaoneng.model.Pseudonymizer;
import cn.xiaoneng.model.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one raw change record (a Debezium envelope from a departmental table) into canonical case events by
 * the source's mapping, or into a dead letter with the reason. A record is mapped whole or not at all: when
 * any rule that fires cannot be applied, no event of that record is emitted and the record is dead-lettered
 * (so a fixed mapping can replay it without duplicates).
 *
 * <p>Plain Java, thread-confined per instance, no I/O: the Flink job, the tests and the benchmark share it.
 */
public final class Normalizer implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Business times before this are typing errors or epoch defaults, not facts. */
    private static final long EARLIEST_PLAUSIBLE = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    /** A business time may run ahead of the commit by clock skew, not by days. */
    private static final long MAX_FUTURE_MILLIS = 24L * 3600 * 1000;

    private final Map<String, SourceMapping> bySource = new LinkedHashMap<>();
    private final Pseudonymizer pseudonymizer;
    private transient ObjectMapper json;
    private transient EnvelopeReader reader;

    public Normalizer(List<SourceMapping> mappings, Pseudonymizer pseudonymizer) {
        for (SourceMapping m : mappings) {
            if (bySource.put(m.sourceId, m) != null) {
                throw new MappingException(m.file + ": source: '" + m.sourceId + "' is mapped twice");
            }
        }
        this.pseudonymizer = pseudonymizer;
    }

    /** What became of one raw record. Exactly one of: events (possibly empty: nothing to report), or a dead letter. */
    public static final class Outcome {
        public final String sourceId;
        public final String table;
        public final List<CaseEvent> events;
        public final DeadLetter deadLetter;
        public final long sourceCommitTime;
        /** Debezium op of the record (r, c, u, d), or empty when it could not be read. */
        public final String op;

        Outcome(String sourceId, String table, List<CaseEvent> events, DeadLetter deadLetter, long sourceCommitTime, String op) {
            this.op = op;
            this.sourceId = sourceId;
            this.table = table;
            this.events = events;
            this.deadLetter = deadLetter;
            this.sourceCommitTime = sourceCommitTime;
        }

        public boolean isDeadLetter() {
            return deadLetter != null;
        }
    }

    public Outcome normalize(String topic, int partition, long offset, byte[] key, byte[] value, long nowMillis) {
        String sourceId;
        try {
            sourceId = Topics.sourceIdOf(topic);
        } catch (IllegalArgumentException e) {
            sourceId = "?";
        }
        if (value == null) {
            // Tombstone after a delete (log compaction marker): carries no fact.
            return new Outcome(sourceId, null, Collections.emptyList(), null, 0, "");
        }
        String table = null;
        String position = null;
        String op = "";
        long commitTime = 0;
        TableMapping mapping = null;
        try {
            ChangeEnvelope change;
            try {
                change = reader().read(value);
            } catch (IOException e) {
                throw new Rejection(Rejection.Code.MALFORMED, "record value is not JSON: " + firstLine(e.getMessage()));
            }
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
                return new Outcome(sourceId, table, events, null, commitTime, op);
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
            return new Outcome(sourceId, table, Collections.emptyList(), d, commitTime, op);
        }
    }

    private List<CaseEvent> map(SourceMapping source, TableMapping m, ChangeEnvelope change, String rowKey, String position, long commitTime)
            throws Rejection {
        RowImage row = change.row();
        for (String column : m.requiredColumns) {
            if (!row.has(column)) {
                throw new Rejection(Rejection.Code.SCHEMA_DRIFT, "column " + column + " that " + source.file + " reads is missing from "
                        + m.table + " (renamed or dropped upstream?)");
            }
        }
        String caseId = ChangeEnvelope.text(row, m.caseIdColumn);
        if (caseId == null || caseId.isBlank()) {
            throw new Rejection(Rejection.Code.MISSING_CASE_ID, "row of " + m.table + " has no case id in column " + m.caseIdColumn);
        }
        String what = m.table + " case " + caseId;
        for (TableMapping.Validation v : m.validations) {
            String value = ChangeEnvelope.text(row, v.column());
            if (value != null && !v.known().contains(value)) {
                throw new Rejection(Rejection.Code.UNKNOWN_CODE, "unknown code '" + value + "' in column " + v.column() + " for " + what
                        + " (known: " + String.join(", ", v.known()) + ")");
            }
        }
        List<CaseEvent> out = new ArrayList<>(2);
        CaseEvent template = null;
        for (EventRule rule : m.rules) {
            if (!rule.trigger.fires(change)) {
                continue;
            }
            EventType type = rule.fixedType;
            if (type == null) {
                String name = rule.typeByCode.resolve(row, what);
                if (name == null) {
                    throw new Rejection(Rejection.Code.UNKNOWN_CODE, "column " + rule.typeByCode.column + " is empty, so rule " + rule.index
                            + " cannot tell the event type, for " + what);
                }
                if (name.equals(EventRule.IGNORE)) {
                    continue;
                }
                type = EventType.valueOf(name);
            }
            Long time = ChangeEnvelope.instant(row, rule.timeColumn, source.zone, what);
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
            e.reason = rule.reason == null ? null : rule.reason.resolve(row, what);
            e.result = rule.result == null ? null : rule.result.resolve(row, what);
            out.add(e);
        }
        return out;
    }

    private CaseEvent caseAttributes(SourceMapping source, TableMapping m, RowImage row, String caseId, String what) throws Rejection {
        CaseEvent e = new CaseEvent();
        e.caseId = caseId;
        e.centerId = source.centerId;
        e.departmentId = source.departmentId;
        e.sourceId = source.sourceId;
        e.sourceTable = m.table;
        for (Map.Entry<String, ValueSpec> a : m.attributes.entrySet()) {
            ValueSpec spec = a.getValue();
            if (a.getKey().equals("departmentIds")) {
                e.departmentIds = spec.resolveList(row);
                continue;
            }
            String v = spec.resolve(row, what);
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
        e.committedLimit = m.committedLimit == null ? null : m.committedLimit.resolve(row, what);
        e.legalLimit = m.legalLimit == null ? null : m.legalLimit.resolve(row, what);
        e.stepId = m.stepIdColumn == null ? null : ChangeEnvelope.text(row, m.stepIdColumn);
        e.stepName = m.stepNameColumn == null ? null : ChangeEnvelope.text(row, m.stepNameColumn);
        e.handler = m.handlerColumn == null ? null : ChangeEnvelope.text(row, m.handlerColumn);
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
        if (json == null) {
            json = new ObjectMapper();
        }
        return json;
    }

    /** One parser factory per instance (the instance is thread-confined), sharing the mapper the dead-letter path uses. */
    private EnvelopeReader reader() {
        if (reader == null) {
            reader = new EnvelopeReader(mapper());
        }
        return reader;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
