package cn.xiaoneng.deadline.engine;

import cn.xiaoneng.model.LimitUnit;
import java.util.Objects;

/**
 * One row of the 跟踪表 (附录E): one step (环节) of a case, who held it, when, and how much counted time it used
 * against its budget. A Flink POJO; instants are epoch milliseconds.
 */
public final class StepRow {
    /**
     * The step's key within the case: its step id ({@code HJSLBS}), or {@code name:<stepName>@<department>} when
     * the source gives none; {@code #2}, {@code #3}… mark a step started again after it was completed.
     */
    public String key;
    public String stepId;
    public String stepName;
    public String departmentId;
    public String windowId;
    public String handler;
    public long started;
    /** Whether no STEP_STARTED was seen and {@link #started} is the previous step's end (or the 受理). */
    public boolean startInferred;
    /** When it was completed; null while open. */
    public Long ended;
    /** The completion's result, e.g. {@link Conventions#RESULT_ABSENT}. */
    public String result;
    /** Counted time used (pauses excluded; not before counting starts), up to its end or the table's instant. */
    public long usedMillis;
    /** The policy's budget for the step's name, as written ({@code 50%}, {@code 2WD}); null when none. */
    public String budget;
    /** The budget in counted time, ms; null when none. */
    public Long budgetMillis;
    /** The measure {@link #usedMillis} and {@link #budgetMillis} are counted in. */
    public LimitUnit measure;
    /** How far over budget: max(0, used − budget), ms. */
    public long overBudgetMillis;

    public StepRow() {}

    public boolean open() {
        return ended == null;
    }

    /** Whether the step was in progress at {@code t}: started at or before it and not yet completed. */
    boolean runningAt(long t) {
        return started <= t && (ended == null || ended > t);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepRow r && Objects.equals(key, r.key) && Objects.equals(stepId, r.stepId)
                && Objects.equals(stepName, r.stepName) && Objects.equals(departmentId, r.departmentId)
                && Objects.equals(windowId, r.windowId) && Objects.equals(handler, r.handler) && started == r.started
                && startInferred == r.startInferred && Objects.equals(ended, r.ended) && Objects.equals(result, r.result)
                && usedMillis == r.usedMillis && Objects.equals(budget, r.budget) && Objects.equals(budgetMillis, r.budgetMillis)
                && measure == r.measure && overBudgetMillis == r.overBudgetMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, started, ended);
    }

    @Override
    public String toString() {
        return "StepRow{" + key + " " + stepName + " " + departmentId + "/" + handler + " used " + usedMillis
                + (budgetMillis == null ? "" : " of " + budgetMillis) + (ended == null ? " open" : "") + "}";
    }
}
