package cn.xiaoneng.deadline.engine;

import cn.xiaoneng.model.EventType;
import java.util.Objects;

/**
 * How a closed case ended, for 考核 (DOMAIN.md §3: 超时办结件) and 责任追究. A Flink POJO.
 */
public final class CaseOutcome {
    /** The outcome classes of issue 3. */
    public enum Kind {
        /** 按期办结: completed by its due instant, or the applicant did not turn up when notified. */
        ON_TIME("按期办结"),
        /** 超期办结: completed after its due instant (also when an extension came only after it). */
        OVERDUE("超期办结"),
        /** 退办. */
        RETURNED("退办"),
        /** 不予受理. */
        NOT_ACCEPTED("不予受理"),
        /** 撤件. */
        WITHDRAWN("撤件"),
        /** Completed, but no 受理 was ever reported: no clock ran, so it can be neither on time nor overdue. */
        UNTIMED("办结 (无受理记录, 不计时)");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Kind kind;
    /** The closing fact's business time (epoch ms). */
    public long closedAt;
    public EventType closingEvent;
    public String result;
    /** For OVERDUE: counted time from the due instant to the close, ms; else 0. */
    public long overdueMillis;
    /** Whether an extension was approved only at or after the due instant (counts as 超时). */
    public boolean lateExtension;
    /** Whether the applicant failed to appear when notified ({@link Conventions#RESULT_APPLICANT_ABSENT}). */
    public boolean applicantAbsent;

    public CaseOutcome() {}

    @Override
    public boolean equals(Object o) {
        return o instanceof CaseOutcome c && kind == c.kind && closedAt == c.closedAt && closingEvent == c.closingEvent
                && Objects.equals(result, c.result) && overdueMillis == c.overdueMillis && lateExtension == c.lateExtension
                && applicantAbsent == c.applicantAbsent;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, closedAt, overdueMillis);
    }

    @Override
    public String toString() {
        return "CaseOutcome{" + kind + " at " + cn.xiaoneng.model.Times.format(closedAt)
                + (overdueMillis > 0 ? " overdue by " + overdueMillis + " ms" : "") + "}";
    }
}
