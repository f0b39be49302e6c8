package cn.xiaoneng.ingestion.simulator;

import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.Limit;
import java.util.List;

/**
 * The whole life of one simulated case, decided up front from the seed: what happens, when it happens in the
 * business (true times), and when the department's system writes it (later for cases accepted on paper).
 */
public record CasePlan(Department department, String caseId, long seq, Department.Item item, CaseKind kind, String window, String[] coDepartments,
                       String applicantId, String applicantPhone, String applicantName, Limit committed, Limit legal, boolean paperEntry,
                       List<Action> actions) {

    /** What a department's system records. Writers turn each into their own table changes. */
    public enum ActionKind {
        SUBMIT, SUPPLEMENT_REQUEST, SUPPLEMENT_RECEIVE, ACCEPT, NOT_ACCEPT, STEP_START, STEP_END, PAUSE_START, PAUSE_END, COMPLETE, DELIVER
    }

    /** Closing result of a COMPLETE action. */
    public enum Outcome { APPROVED, REJECTED, RETURNED, WITHDRAWN }

    /**
     * One recorded fact. {@code businessAt} is when it happened, {@code writeAt} when the system writes it
     * (≥ businessAt). {@code step} numbers the 环节 (1 承办, 2 审核, 3 批准) for step and pause actions.
     */
    public record Action(ActionKind kind, long businessAt, long writeAt, int step, String stepName, String handler, String reason,
                         Outcome outcome) {}
}
