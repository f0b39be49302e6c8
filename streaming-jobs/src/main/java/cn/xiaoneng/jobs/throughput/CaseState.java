package cn.xiaoneng.jobs.throughput;

import cn.xiaoneng.model.CaseEvent;

/**
 * What {@link CaseEnricher} remembers about one case: the attributes its events have named so far, when it was
 * accepted, and when its state may go. A Flink POJO (it is keyed state; no Kryo).
 */
public class CaseState {
    public String centerId;
    public String departmentId;
    public String windowId;
    /** {@code CaseKind} name. */
    public String caseKind;
    /** Business time of the (earliest) ACCEPTED event, or null while unknown. */
    public Long acceptedAt;
    /** Latest business time of any event of the case seen so far. */
    public long maxBusinessTime = Long.MIN_VALUE;
    /** Set once a closing event (EventType.closesCase) has been seen. */
    public boolean closed;
    /** Event time of the registered clean-up timer, or null while none is registered. */
    public Long cleanupAt;

    public CaseState() {}

    /** An event's own non-null attribute wins and is remembered for the case's later (and attribute-less) events. */
    void absorb(CaseEvent e) {
        if (e.centerId != null) {
            centerId = e.centerId;
        }
        if (e.departmentId != null) {
            departmentId = e.departmentId;
        }
        if (e.windowId != null) {
            windowId = e.windowId;
        }
        if (e.caseKind != null) {
            caseKind = e.caseKind.name();
        }
        maxBusinessTime = Math.max(maxBusinessTime, e.businessTime);
    }
}
