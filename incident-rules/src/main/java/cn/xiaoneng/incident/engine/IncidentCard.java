package cn.xiaoneng.incident.engine;

import cn.xiaoneng.deadline.engine.CardStatus;
import cn.xiaoneng.incident.IncidentCardKind;
import cn.xiaoneng.incident.IncidentLevel;
import cn.xiaoneng.incident.IncidentType;
import cn.xiaoneng.incident.plan.Counting;
import cn.xiaoneng.model.Times;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * An incident card: a serious incident is open ({@link IncidentCardKind#INCIDENT_RAISED}) or a plan deadline
 * passed unmet. Same raise/retract model, statuses, rule versions and id scheme as the deadline engine's cards.
 * JSON form (the alerting contract): {@link IncidentCardCodec}.
 *
 * <p>A Flink POJO: public no-arg constructor, public fields; instants are epoch milliseconds.
 */
public final class IncidentCard {
    /** Instant, then card id, then RAISED before RETRACTED. */
    public static final Comparator<IncidentCard> ORDER = Comparator.comparingLong((IncidentCard c) -> c.instant)
            .thenComparing(c -> c.cardId).thenComparing(c -> c.status);

    /** SHA-256 hex ({@link IncidentCardIds}). */
    public String cardId;
    public CardStatus status;
    public IncidentCardKind kind;
    /** {@code level=II} for INCIDENT_RAISED; the deadline key ({@code verbalReport}, {@code followUp#2}, …) otherwise. */
    public String qualifier;
    /** When the card fires (epoch ms): the planned deadline, or when the incident reached the level. */
    public long instant;
    public String centerId;
    public String incidentId;
    public IncidentType incidentType;
    /** The level in force at {@link #instant}. */
    public IncidentLevel level;
    /** Affected departments and windows stated at or before {@link #instant}. */
    public String[] departmentIds;
    public String[] windowIds;
    /** false = still suspected (疑似) at {@link #instant}. */
    public boolean confirmed;
    public String ruleVersion;
    public String clause;
    /** One Chinese sentence for the person on duty. */
    public String summary;
    /** Evidence: the onset (epoch ms), what the deadline counted from, the planned deadline, the budget and how it was counted. */
    public Long onset;
    public Long start;
    public Long due;
    /** ISO-8601 duration, e.g. {@code PT30M}. */
    public String budget;
    public Counting counting;

    public IncidentCard() {}

    /** 口头报告超时, … */
    public String label() {
        return kind == null ? null : kind.label();
    }

    /** The same card announced as withdrawn. */
    public IncidentCard retraction() {
        IncidentCard c = copy();
        c.status = CardStatus.RETRACTED;
        return c;
    }

    IncidentCard copy() {
        IncidentCard c = new IncidentCard();
        c.cardId = cardId;
        c.status = status;
        c.kind = kind;
        c.qualifier = qualifier;
        c.instant = instant;
        c.centerId = centerId;
        c.incidentId = incidentId;
        c.incidentType = incidentType;
        c.level = level;
        c.departmentIds = departmentIds == null ? null : departmentIds.clone();
        c.windowIds = windowIds == null ? null : windowIds.clone();
        c.confirmed = confirmed;
        c.ruleVersion = ruleVersion;
        c.clause = clause;
        c.summary = summary;
        c.onset = onset;
        c.start = start;
        c.due = due;
        c.budget = budget;
        c.counting = counting;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IncidentCard c && Objects.equals(cardId, c.cardId) && status == c.status && kind == c.kind
                && Objects.equals(qualifier, c.qualifier) && instant == c.instant && Objects.equals(centerId, c.centerId)
                && Objects.equals(incidentId, c.incidentId) && incidentType == c.incidentType && level == c.level
                && Arrays.equals(departmentIds, c.departmentIds) && Arrays.equals(windowIds, c.windowIds) && confirmed == c.confirmed
                && Objects.equals(ruleVersion, c.ruleVersion) && Objects.equals(clause, c.clause) && Objects.equals(summary, c.summary)
                && Objects.equals(onset, c.onset) && Objects.equals(start, c.start) && Objects.equals(due, c.due)
                && Objects.equals(budget, c.budget) && counting == c.counting;
    }

    @Override
    public int hashCode() {
        return Objects.hash(cardId, status);
    }

    @Override
    public String toString() {
        return "IncidentCard{" + status + " " + kind + " " + qualifier + " " + incidentId + " at " + Times.format(instant) + " id="
                + (cardId == null ? null : cardId.substring(0, Math.min(12, cardId.length()))) + "}";
    }
}
