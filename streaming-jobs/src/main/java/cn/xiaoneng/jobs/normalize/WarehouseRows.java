package cn.xiaoneng.jobs.normalize;

import cn.xiaoneng.jobs.clickhouse.JsonRow;
import cn.xiaoneng.jobs.clickhouse.JsonRowEncoder;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.DeadLetter;
import cn.xiaoneng.model.Times;

/**
 * Row encoders binding the normalization outputs to their ClickHouse tables (column names as in
 * warehouse-schema's migrations). Instants go as ISO-8601 with offset, which the sink reads best-effort.
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
