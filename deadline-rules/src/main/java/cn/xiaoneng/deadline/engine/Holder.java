package cn.xiaoneng.deadline.engine;

import java.util.Objects;

/**
 * Who held a case at an instant, read from the 跟踪表 (附录E): the department, window and handler (经办人) and
 * the step (环节) in progress. Between steps {@code stepId} and {@code stepName} are null and the handler is
 * whoever last acted on the case. A Flink POJO.
 */
public final class Holder {
    public String departmentId;
    public String windowId;
    public String handler;
    public String stepId;
    public String stepName;

    public Holder() {}

    public Holder(String departmentId, String windowId, String handler, String stepId, String stepName) {
        this.departmentId = departmentId;
        this.windowId = windowId;
        this.handler = handler;
        this.stepId = stepId;
        this.stepName = stepName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Holder h && Objects.equals(departmentId, h.departmentId) && Objects.equals(windowId, h.windowId)
                && Objects.equals(handler, h.handler) && Objects.equals(stepId, h.stepId) && Objects.equals(stepName, h.stepName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(departmentId, windowId, handler, stepId, stepName);
    }

    @Override
    public String toString() {
        return "Holder{" + departmentId + "/" + windowId + "/" + handler + (stepName == null ? "" : " in " + stepName + " " + stepId) + "}";
    }
}
