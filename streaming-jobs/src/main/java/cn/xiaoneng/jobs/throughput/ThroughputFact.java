package cn.xiaoneng.jobs.throughput;

import cn.xiaoneng.model.EventType;
import java.util.Objects;

/**
 * One counted event of a case, with the case's attributes filled in by {@link CaseEnricher}: the unit the throughput
 * windows count. A Flink POJO (public no-arg constructor, public fields).
 */
public class ThroughputFact {
    /** {@link #handlingSeconds} when the case's acceptance is not known (or not a completion). */
    public static final long UNKNOWN = -1;

    public String centerId;
    /** "" when no event of the case named it. */
    public String departmentId;
    /** 窗口; "" when no event of the case named it. */
    public String windowId;
    /** {@code CaseKind} name; "" when no event of the case named it. */
    public String caseKind;
    public EventType eventType;
    /** Epoch millis; the window this fact lands in is chosen by it (also the record's timestamp). */
    public long businessTime;
    /** For COMPLETED: 办结 − 受理 in whole seconds; {@link #UNKNOWN} otherwise or when the acceptance is unknown. */
    public long handlingSeconds = UNKNOWN;

    public ThroughputFact() {}

    public ThroughputFact(String centerId, String departmentId, String windowId, String caseKind, EventType eventType, long businessTime,
                          long handlingSeconds) {
        this.centerId = centerId;
        this.departmentId = departmentId;
        this.windowId = windowId;
        this.caseKind = caseKind;
        this.eventType = eventType;
        this.businessTime = businessTime;
        this.handlingSeconds = handlingSeconds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThroughputFact f && businessTime == f.businessTime && handlingSeconds == f.handlingSeconds
                && Objects.equals(centerId, f.centerId) && Objects.equals(departmentId, f.departmentId) && Objects.equals(windowId, f.windowId)
                && Objects.equals(caseKind, f.caseKind) && eventType == f.eventType;
    }

    @Override
    public int hashCode() {
        return Objects.hash(centerId, departmentId, windowId, caseKind, eventType, businessTime);
    }

    @Override
    public String toString() {
        return "ThroughputFact{" + eventType + " " + centerId + "/" + departmentId + "/" + windowId + "/" + caseKind + " at=" + businessTime
                + " handling=" + handlingSeconds + "}";
    }
}
