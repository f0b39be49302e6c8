package cn.xiaoneng.incident.detect;

import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.EventType;
import java.util.Optional;

/**
 * What the detectors observe in canonical case events. Heartbeats need no mapping: a Debezium heartbeat of source
 * {@code s} at {@code t} is {@code SilenceDetector.onActivity(watchOf(s), t, clock)}.
 */
public final class Observations {
    private Observations() {}

    /** Every canonical event is activity of its source, at its source commit time. */
    public static long activityAt(CaseEvent e) {
        return e.sourceCommitTime;
    }

    /** An ACCEPTED event with a window: an acceptance at that window, at its source commit time. */
    public static Optional<Acceptance> acceptance(CaseEvent e) {
        if (e.eventType != EventType.ACCEPTED || e.windowId == null || e.departmentId == null) {
            return Optional.empty();
        }
        return Optional.of(new Acceptance(e.centerId, e.departmentId, e.windowId, e.sourceCommitTime));
    }

    /** One acceptance as the window detector sees it; key the detector by (centerId, departmentId). */
    public record Acceptance(String centerId, String departmentId, String windowId, long at) {}
}
