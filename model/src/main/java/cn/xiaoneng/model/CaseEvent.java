package cn.xiaoneng.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One thing that happened to one case (办件), in the canonical model every job consumes. Independent of any
 * department's schema: mappings in {@code ingestion/mappings} turn departmental row changes into these.
 *
 * <p>Times are epoch milliseconds (instants); JSON prints them as ISO-8601 with the center's offset
 * (+08:00). Attributes a source row does not carry are null (a step-table row knows its case id but not
 * its window); consumers that need them take them from the case's other events.
 *
 * <p>A Flink POJO: public no-arg constructor, public fields, only POJO/array/enum field types. See
 * docs/canonical-events.md for the versioned contract. {@link #SCHEMA_VERSION} changes on any
 * incompatible change.
 */
public final class CaseEvent {
    public static final int SCHEMA_VERSION = 1;

    /** Schema version of this event. */
    public int schemaVersion = SCHEMA_VERSION;
    /** Deterministic id derived from the source position; a replay yields the same id. */
    public String eventId;
    /** 办件编号 / 申办流水号, unique within the center. */
    public String caseId;
    public String centerId;
    /** The department whose system reported the event (主办部门 for joint cases). */
    public String departmentId;
    /** All departments taking part (联办件: lead first), or null when only {@link #departmentId}. */
    public String[] departmentIds;
    /** 窗口 the case was accepted at. */
    public String windowId;
    /** 事项编码 (实施编码). */
    public String itemCode;
    public String itemName;
    public CaseKind caseKind;
    public EventType eventType;
    /** 环节 instance id, step code/name and handler (经办人), for step events. */
    public String stepId;
    public String stepName;
    public String handler;
    /** Reason for a pause, supplement, return or refusal, as the source wrote it. */
    public String reason;
    /** Result for completions (e.g. APPROVED, REJECTED), as mapped from the source's code. */
    public String result;
    /** When it happened in the business (e.g. the true 受理 time of a paper case entered later). */
    public long businessTime;
    /** When the source database committed the change that reported it. */
    public long sourceCommitTime;
    /** 承诺时限 and 法定时限, when the source states them. */
    public Limit committedLimit;
    public Limit legalLimit;
    /** Keyed hash of the applicant's identity number; never the number itself. */
    public String applicantKey;
    /** Masked phone number (138****1234); never the number itself. */
    public String applicantPhoneMasked;
    /** Where the event came from: source system id, table, and position (LSN or binlog file:pos:row). */
    public String sourceId;
    public String sourceTable;
    public String sourcePosition;

    public CaseEvent() {}

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CaseEvent e)) {
            return false;
        }
        return schemaVersion == e.schemaVersion && businessTime == e.businessTime && sourceCommitTime == e.sourceCommitTime
                && Objects.equals(eventId, e.eventId) && Objects.equals(caseId, e.caseId) && Objects.equals(centerId, e.centerId)
                && Objects.equals(departmentId, e.departmentId) && Arrays.equals(departmentIds, e.departmentIds)
                && Objects.equals(windowId, e.windowId) && Objects.equals(itemCode, e.itemCode) && Objects.equals(itemName, e.itemName)
                && caseKind == e.caseKind && eventType == e.eventType && Objects.equals(stepId, e.stepId)
                && Objects.equals(stepName, e.stepName) && Objects.equals(handler, e.handler) && Objects.equals(reason, e.reason)
                && Objects.equals(result, e.result) && Objects.equals(committedLimit, e.committedLimit)
                && Objects.equals(legalLimit, e.legalLimit) && Objects.equals(applicantKey, e.applicantKey)
                && Objects.equals(applicantPhoneMasked, e.applicantPhoneMasked) && Objects.equals(sourceId, e.sourceId)
                && Objects.equals(sourceTable, e.sourceTable) && Objects.equals(sourcePosition, e.sourcePosition);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId);
    }

    @Override
    public String toString() {
        return "CaseEvent{" + eventType + " case=" + caseId + " at=" + businessTime + " id=" + eventId + "}";
    }
}
