package cn.xiaoneng.deadline.engine;

import cn.xiaoneng.deadline.Instants;
import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.EventIds;
import cn.xiaoneng.model.EventType;
import cn.xiaoneng.model.Limit;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the canonical events of one test case in the words of the domain:
 * {@code CaseHistory.committed("C1", "5WD").accepted("2026-02-13T10:00").completed("2026-02-25T11:00")}.
 * Times are local China time; each event is committed when it happens unless {@link #enteredAt} says later.
 */
final class CaseHistory {
    static final String CENTER = "hn-cs-zwzx";
    static final WorkCalendar CHINA = WorkCalendar.china();

    private final String caseId;
    private final List<CaseEvent> events = new ArrayList<>();
    private String department = "scjg";
    private String[] departments;
    private CaseKind kind = CaseKind.COMMITTED;
    private Limit committed;
    private Limit legal;
    private String itemCode = "XK-SCJG-001";
    private int seq;

    private CaseHistory(String caseId) {
        this.caseId = caseId;
    }

    /** A 承诺件 of 市场监管局 (scjg) with a 承诺时限. */
    static CaseHistory committed(String caseId, String limit) {
        CaseHistory h = new CaseHistory(caseId);
        h.committed = Limit.parse(limit);
        h.legal = Limit.workingDays(20);
        return h;
    }

    /** A case whose source states no limit at all. */
    static CaseHistory withoutLimits(String caseId) {
        return new CaseHistory(caseId);
    }

    /** A 联办件: lead department first, then the co-handling departments. */
    static CaseHistory joint(String caseId, String limit, String lead, String... coDepartments) {
        CaseHistory h = committed(caseId, limit);
        h.kind = CaseKind.JOINT;
        h.department = lead;
        h.itemCode = "XK-ZJJ-002";
        h.departments = new String[coDepartments.length + 1];
        h.departments[0] = lead;
        System.arraycopy(coDepartments, 0, h.departments, 1, coDepartments.length);
        h.legal = Limit.workingDays(45);
        return h;
    }

    CaseHistory kind(CaseKind k) {
        this.kind = k;
        return this;
    }

    CaseHistory item(String code) {
        this.itemCode = code;
        return this;
    }

    CaseHistory legal(String limit) {
        this.legal = limit == null ? null : Limit.parse(limit);
        return this;
    }

    CaseHistory submitted(String at) {
        return add(EventType.SUBMITTED, at, e -> { });
    }

    CaseHistory accepted(String at) {
        return add(EventType.ACCEPTED, at, e -> e.handler = "张伟");
    }

    CaseHistory notAccepted(String at) {
        return add(EventType.NOT_ACCEPTED, at, e -> e.reason = "不属于本部门职权范围");
    }

    CaseHistory stepStarted(String stepId, String stepName, String handler, String at) {
        return step(EventType.STEP_STARTED, stepId, stepName, handler, department, at, null);
    }

    CaseHistory stepCompleted(String stepId, String stepName, String handler, String at) {
        return step(EventType.STEP_COMPLETED, stepId, stepName, handler, department, at, null);
    }

    /** A step of another department (a co-handling department of a 联办件). */
    CaseHistory stepStartedBy(String dept, String stepId, String stepName, String handler, String at) {
        return step(EventType.STEP_STARTED, stepId, stepName, handler, dept, at, null);
    }

    CaseHistory stepCompletedBy(String dept, String stepId, String stepName, String handler, String at) {
        return step(EventType.STEP_COMPLETED, stepId, stepName, handler, dept, at, null);
    }

    /** The source reports the department absent (缺席): STEP_COMPLETED with result ABSENT. */
    CaseHistory absent(String dept, String stepId, String at) {
        return step(EventType.STEP_COMPLETED, stepId, "联审会", null, dept, at, Conventions.RESULT_ABSENT);
    }

    CaseHistory supplementRequested(String at) {
        return add(EventType.SUPPLEMENT_REQUESTED, at, e -> e.reason = "申请表未签字");
    }

    CaseHistory supplementReceived(String at) {
        return add(EventType.SUPPLEMENT_RECEIVED, at, e -> { });
    }

    CaseHistory suspended(String reason, String at) {
        return add(EventType.SUSPENDED, at, e -> e.reason = reason);
    }

    /** A special procedure (特别程序) the source numbers as a step, ended by {@link #resumedStep}. */
    CaseHistory suspendedStep(String stepId, String reason, String handler, String at) {
        return add(EventType.SUSPENDED, at, e -> {
            e.stepId = stepId;
            e.reason = reason;
            e.handler = handler;
        });
    }

    CaseHistory resumedStep(String stepId, String at) {
        return add(EventType.RESUMED, at, e -> e.stepId = stepId);
    }

    /**
     * A pause the center declared for an emergency (附录C), as the incident job writes it (incident-rules PauseEvents):
     * SUSPENDED at {@code from} (committed at {@code recordedAt}) and, if {@code to} is given, RESUMED then; step id
     * {@code incident:<id>}, the approver as handler, the reason in {@link DeclaredPauseReason}'s form.
     */
    CaseHistory declaredPause(String incidentId, String typeLabel, String approver, String approvedAt, String recordedAt, String from, String to) {
        String reason = new DeclaredPauseReason(incidentId, typeLabel, approver, millis(approvedAt)).text();
        java.util.function.Consumer<CaseEvent> pause = e -> {
            e.stepId = Conventions.declaredPauseStepId(incidentId);
            e.handler = approver;
            e.reason = reason;
            e.sourceId = "incident";
            e.sourceTable = "declared_pause";
        };
        add(EventType.SUSPENDED, from, pause);
        last().sourceCommitTime = Math.max(millis(from), millis(recordedAt));
        if (to != null) {
            add(EventType.RESUMED, to, pause);
            last().sourceCommitTime = Math.max(millis(to), millis(recordedAt));
        }
        return this;
    }

    CaseHistory reportedUp(String at) {
        return add(EventType.REPORTED_UP, at, e -> e.reason = "报省厅审批");
    }

    CaseHistory resumed(String at) {
        return add(EventType.RESUMED, at, e -> { });
    }

    /** 延期 approved; {@code extra} null for the statutory size (Art. 42). */
    CaseHistory extension(String extra, String at) {
        return add(EventType.EXTENSION_APPROVED, at, e -> e.result = extra);
    }

    CaseHistory completed(String at) {
        return add(EventType.COMPLETED, at, e -> e.result = "APPROVED");
    }

    CaseHistory completedApplicantAbsent(String at) {
        return add(EventType.COMPLETED, at, e -> e.result = Conventions.RESULT_APPLICANT_ABSENT);
    }

    CaseHistory returned(String at) {
        return add(EventType.RETURNED, at, e -> e.result = "RETURNED");
    }

    CaseHistory withdrawn(String at) {
        return add(EventType.WITHDRAWN, at, e -> e.result = "VOIDED");
    }

    CaseHistory delivered(String at) {
        return add(EventType.DELIVERED, at, e -> { });
    }

    /** The last event reached the system only at {@code at} (paper case entered later). */
    CaseHistory enteredAt(String at) {
        last().sourceCommitTime = millis(at);
        return this;
    }

    CaseEvent last() {
        return events.get(events.size() - 1);
    }

    List<CaseEvent> events() {
        return List.copyOf(events);
    }

    CaseFacts facts() {
        return CaseFacts.of(events);
    }

    String caseId() {
        return caseId;
    }

    static long millis(String localDateTime) {
        return Instants.at(localDateTime).toEpochMilli();
    }

    private CaseHistory step(EventType type, String stepId, String stepName, String handler, String dept, String at, String result) {
        return add(type, at, e -> {
            e.stepId = stepId;
            e.stepName = stepName;
            e.handler = handler;
            e.departmentId = dept;
            e.result = result;
            // a step-table row knows its case and step, not the window, item or limits
            e.windowId = null;
            e.itemCode = null;
            e.itemName = null;
            e.caseKind = null;
            e.committedLimit = null;
            e.legalLimit = null;
            e.departmentIds = null;
        });
    }

    private CaseHistory add(EventType type, String at, java.util.function.Consumer<CaseEvent> detail) {
        CaseEvent e = new CaseEvent();
        e.eventId = EventIds.of("test", "case_history", caseId, String.valueOf(++seq), 0);
        e.caseId = caseId;
        e.centerId = CENTER;
        e.departmentId = department;
        e.departmentIds = departments == null ? null : departments.clone();
        e.windowId = "W02";
        e.itemCode = itemCode;
        e.itemName = "食品经营许可";
        e.caseKind = kind;
        e.eventType = type;
        e.businessTime = millis(at);
        e.sourceCommitTime = e.businessTime;
        e.committedLimit = committed == null ? null : new Limit(committed.value, committed.unit);
        e.legalLimit = legal == null ? null : new Limit(legal.value, legal.unit);
        e.sourceId = "test";
        e.sourceTable = "approval.business_index";
        e.sourcePosition = "lsn:" + seq;
        detail.accept(e);
        events.add(e);
        return this;
    }
}
