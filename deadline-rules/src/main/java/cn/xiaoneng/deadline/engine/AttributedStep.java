package cn.xiaoneng.deadline.engine;

import java.util.Objects;

/**
 * A step (环节) that consumed more counted time than its budget, as of a card's instant: the basis of 责任追究
 * (6.6.7) when a case runs over. A Flink POJO.
 */
public final class AttributedStep {
    public String stepId;
    public String stepName;
    public String departmentId;
    public String handler;
    /** Counted time the step used up to the card's instant (pauses excluded), ms. */
    public long usedMillis;
    /** Its budget, ms of counted time. */
    public long budgetMillis;
    /** How far over: used − budget, ms. */
    public long overMillis;

    public AttributedStep() {}

    AttributedStep(StepRow row, long usedMillis, long budgetMillis) {
        this.stepId = row.stepId;
        this.stepName = row.stepName;
        this.departmentId = row.departmentId;
        this.handler = row.handler;
        this.usedMillis = usedMillis;
        this.budgetMillis = budgetMillis;
        this.overMillis = usedMillis - budgetMillis;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttributedStep a && Objects.equals(stepId, a.stepId) && Objects.equals(stepName, a.stepName)
                && Objects.equals(departmentId, a.departmentId) && Objects.equals(handler, a.handler) && usedMillis == a.usedMillis
                && budgetMillis == a.budgetMillis && overMillis == a.overMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(stepId, stepName, usedMillis);
    }

    @Override
    public String toString() {
        return "AttributedStep{" + stepName + " " + stepId + " " + departmentId + "/" + handler + " over by " + overMillis + " ms}";
    }
}
