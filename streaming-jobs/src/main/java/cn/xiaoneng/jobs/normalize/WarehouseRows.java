package cn.xiaoneng.jobs.normalize;

import cn.xiaoneng.jobs.clickhouse.JsonRow;
import cn.xiaoneng.jobs.clickhouse.JsonRowEncoder;
import cn.xiaoneng.jobs.clickhouse.RowBinaryEncoder;
import cn.xiaoneng.jobs.clickhouse.RowBinaryRow;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.DeadLetter;
import cn.xiaoneng.model.Times;
import java.util.List;

/**
 * Row encoders binding the normalization outputs to their ClickHouse tables (column names as in
 * warehouse-schema's migrations). In JSON, instants go as ISO-8601 with offset, which the sink reads best-effort; the
 * two tables every raw record reaches (events, receipts) are written as RowBinary, their JSON encoders kept as the
 * readable reference the binary ones are tested against.
 */
public final class WarehouseRows {
    private WarehouseRows() {}

    /** {@code ods_case_event}. */
    public static final class CaseEventRow implements JsonRowEncoder<CaseEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public void encode(CaseEvent e, JsonRow row) {
            row.put("event_id", e.eventId);
            row.put("schema_version", e.schemaVersion);
            row.put("case_id", e.caseId);
            row.put("center_id", e.centerId);
            row.put("department_id", e.departmentId == null ? "" : e.departmentId);
            row.putArray("department_ids", e.departmentIds);
            row.put("window_id", e.windowId);
            row.put("item_code", e.itemCode);
            row.put("item_name", e.itemName);
            row.put("case_kind", e.caseKind == null ? null : e.caseKind.name());
            row.put("event_type", e.eventType.name());
            row.put("step_id", e.stepId);
            row.put("step_name", e.stepName);
            row.put("handler", e.handler);
            row.put("reason", e.reason);
            row.put("result", e.result);
            row.put("business_time", Times.format(e.businessTime));
            row.put("source_commit_time", Times.format(e.sourceCommitTime));
            row.put("committed_limit", e.committedLimit == null ? null : e.committedLimit.toString());
            row.put("legal_limit", e.legalLimit == null ? null : e.legalLimit.toString());
            row.put("applicant_key", e.applicantKey);
            row.put("applicant_phone_masked", e.applicantPhoneMasked);
            row.put("source_id", e.sourceId);
            row.put("source_table", e.sourceTable);
            row.put("source_position", e.sourcePosition);
        }
    }

    /**
     * {@code ods_case_event} as RowBinary: the same columns and values as {@link CaseEventRow}, for the table every
     * canonical event reaches (no text escaping or time formatting here, no parsing in ClickHouse).
     */
    public static final class CaseEventBinaryRow implements RowBinaryEncoder<CaseEvent> {
        private static final long serialVersionUID = 1L;
        private static final List<Column> COLUMNS = List.of(
                new Column("event_id", "String"),
                new Column("schema_version", "UInt16"),
                new Column("case_id", "String"),
                new Column("center_id", "LowCardinality(String)"),
                new Column("department_id", "LowCardinality(String)"),
                new Column("department_ids", "Array(String)"),
                new Column("window_id", "Nullable(String)"),
                new Column("item_code", "Nullable(String)"),
                new Column("item_name", "Nullable(String)"),
                new Column("case_kind", "LowCardinality(Nullable(String))"),
                new Column("event_type", "LowCardinality(String)"),
                new Column("step_id", "Nullable(String)"),
                new Column("step_name", "Nullable(String)"),
                new Column("handler", "Nullable(String)"),
                new Column("reason", "Nullable(String)"),
                new Column("result", "Nullable(String)"),
                new Column("business_time", "DateTime64(3, 'Asia/Shanghai')"),
                new Column("source_commit_time", "DateTime64(3, 'Asia/Shanghai')"),
                new Column("committed_limit", "Nullable(String)"),
                new Column("legal_limit", "Nullable(String)"),
                new Column("applicant_key", "Nullable(String)"),
                new Column("applicant_phone_masked", "Nullable(String)"),
                new Column("source_id", "LowCardinality(String)"),
                new Column("source_table", "LowCardinality(String)"),
                new Column("source_position", "String"));

        @Override
        public List<Column> columns() {
            return COLUMNS;
        }

        @Override
        public void encode(CaseEvent e, RowBinaryRow row) {
            row.string(e.eventId)
                    .uint16(e.schemaVersion)
                    .string(e.caseId)
                    .string(e.centerId)
                    .string(e.departmentId)
                    .stringArray(e.departmentIds)
                    .nullableString(e.windowId)
                    .nullableString(e.itemCode)
                    .nullableString(e.itemName)
                    .nullableString(e.caseKind == null ? null : e.caseKind.name())
                    .string(e.eventType.name())
                    .nullableString(e.stepId)
                    .nullableString(e.stepName)
                    .nullableString(e.handler)
                    .nullableString(e.reason)
                    .nullableString(e.result)
                    .dateTime64Millis(e.businessTime)
                    .dateTime64Millis(e.sourceCommitTime)
                    .nullableString(e.committedLimit == null ? null : e.committedLimit.toString())
                    .nullableString(e.legalLimit == null ? null : e.legalLimit.toString())
                    .nullableString(e.applicantKey)
                    .nullableString(e.applicantPhoneMasked)
                    .string(e.sourceId)
                    .string(e.sourceTable)
                    .string(e.sourcePosition);
        }
    }

    /** {@code ods_dead_letter}. */
    public static final class DeadLetterRow implements JsonRowEncoder<DeadLetter> {
        private static final long serialVersionUID = 1L;

        @Override
        public void encode(DeadLetter d, JsonRow row) {
            row.put("source_id", d.sourceId);
            row.put("source_table", d.sourceTable);
            row.put("topic", d.topic);
            row.put("partition", d.partition);
            row.put("offset", d.offset);
            row.put("source_position", d.sourcePosition);
            row.put("reason_code", d.reasonCode);
            row.put("reason", d.reason);
            row.put("raw_value", d.rawValue);
            row.put("source_commit_time", Times.format(d.sourceCommitTime));
            row.put("dead_lettered_at", Times.format(d.deadLetteredAt));
        }
    }

    /** {@code ods_raw_change}. */
    public static final class ReceiptRow implements JsonRowEncoder<RawReceipt> {
        private static final long serialVersionUID = 1L;

        @Override
        public void encode(RawReceipt r, JsonRow row) {
            row.put("source_id", r.sourceId);
            row.put("source_table", r.sourceTable);
            row.put("topic", r.topic);
            row.put("partition", r.partition);
            row.put("offset", r.offset);
            row.put("op", r.op);
            row.put("outcome", r.outcome);
            row.put("events", r.events);
            row.put("source_commit_time", Times.format(r.sourceCommitTime));
            row.put("processed_at", Times.format(r.processedAt));
        }
    }

    /** {@code ods_raw_change} as RowBinary: the same columns and values as {@link ReceiptRow}; one row per raw record. */
    public static final class ReceiptBinaryRow implements RowBinaryEncoder<RawReceipt> {
        private static final long serialVersionUID = 1L;
        private static final List<Column> COLUMNS = List.of(
                new Column("source_id", "LowCardinality(String)"),
                new Column("source_table", "LowCardinality(String)"),
                new Column("topic", "LowCardinality(String)"),
                new Column("partition", "UInt32"),
                new Column("offset", "UInt64"),
                new Column("op", "LowCardinality(String)"),
                new Column("outcome", "LowCardinality(String)"),
                new Column("events", "UInt16"),
                new Column("source_commit_time", "DateTime64(3, 'Asia/Shanghai')"),
                new Column("processed_at", "DateTime64(3, 'Asia/Shanghai')"));

        @Override
        public List<Column> columns() {
            return COLUMNS;
        }

        @Override
        public void encode(RawReceipt r, RowBinaryRow row) {
            row.string(r.sourceId)
                    .string(r.sourceTable)
                    .string(r.topic)
                    .uint32(r.partition)
                    .uint64(r.offset)
                    .string(r.op)
                    .string(r.outcome)
                    .uint16(r.events)
                    .dateTime64Millis(r.sourceCommitTime)
                    .dateTime64Millis(r.processedAt);
        }
    }

    /** {@code ods_source_heartbeat}. */
    public static final class HeartbeatRow implements JsonRowEncoder<SourceHeartbeat> {
        private static final long serialVersionUID = 1L;

        @Override
        public void encode(SourceHeartbeat h, JsonRow row) {
            row.put("source_id", h.sourceId);
            row.put("heartbeat_time", Times.format(h.heartbeatTime));
        }
    }
}
