package cn.xiaoneng.deadline.engine;

import cn.xiaoneng.model.LimitUnit;
import java.util.Objects;

/**
 * One clock stop on the 跟踪表 (附录E): what stopped the case's clock, from when to when, why, who stopped it, and how
 * much counted time it held back. Declared pauses (应急停表, {@link Conventions#DECLARED_PAUSE_STEP_PREFIX}) also name
 * the incident, the approver and the approval time. A Flink POJO; instants are epoch milliseconds.
 */
public final class PauseRow {
    /** What stopped the clock. */
    public enum Kind {
        /** 补正: SUPPLEMENT_REQUESTED → SUPPLEMENT_RECEIVED (or the 受理, 行政许可法 Art. 32). */
        SUPPLEMENT("补正"),
        /** 特别程序 (行政许可法 Art. 45: 听证, 检验, 专家评审 …): SUSPENDED → RESUMED. */
        SUSPENDED("暂停"),
        /** Waiting on a higher level: REPORTED_UP → RESUMED. */
        REPORTED_UP("上报"),
        /** A pause the center declared for an emergency (4.5.2.5 附录C): SUSPENDED → RESUMED from the incident job. */
        DECLARED("应急停表");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Kind kind;
    /** The opening event's step id; {@code incident:<id>} for a declared pause. */
    public String stepId;
    /** Start of the stop [from, to). */
    public long from;
    /** Its end; null while it has not ended. */
    public Long to;
    /** The opening event's reason, as the source wrote it; the kind's label when it gave none. */
    public String reason;
    /** Who stopped the clock: the opening event's handler (the approver, for a declared pause). */
    public String handler;
    /** When the opening event was committed at its source: when the stop became known. */
    public long recordedAt;
    /** Declared pauses: the incident (from the step id). */
    public String incidentId;
    /** Declared pauses: who approved it (from the reason, else the handler). */
    public String approver;
    /** Declared pauses: when it was approved (from the reason); null when the reason does not say. */
    public Long approvedAt;
    /**
     * Counted time the clock did not run because of this stop, up to its end or the table's instant: what would have
     * been counted over it (not before counting starts) in {@link #measure}. Other stops are disregarded, so overlapping
     * stops each show their full span (the clock stopped once).
     */
    public long stoppedMillis;
    /** The measure of {@link #stoppedMillis}: the case's; null when no 受理 has been reported. */
    public LimitUnit measure;

    public PauseRow() {}

    public boolean open() {
        return to == null;
    }

    public boolean declared() {
        return kind == Kind.DECLARED;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PauseRow r && kind == r.kind && Objects.equals(stepId, r.stepId) && from == r.from && Objects.equals(to, r.to)
                && Objects.equals(reason, r.reason) && Objects.equals(handler, r.handler) && recordedAt == r.recordedAt
                && Objects.equals(incidentId, r.incidentId) && Objects.equals(approver, r.approver) && Objects.equals(approvedAt, r.approvedAt)
                && stoppedMillis == r.stoppedMillis && measure == r.measure;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, stepId, from, to);
    }

    @Override
    public String toString() {
        return "PauseRow{" + kind + " " + from + ".." + (to == null ? "open" : to) + " " + reason + (handler == null ? "" : " by " + handler)
                + " stopped " + stoppedMillis + "}";
    }
}
