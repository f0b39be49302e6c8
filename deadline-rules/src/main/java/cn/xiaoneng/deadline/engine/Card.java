package cn.xiaoneng.deadline.engine;

import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.Limit;
import cn.xiaoneng.model.LimitUnit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.Objects;

/**
 * A supervision card (预警, 黄牌, 红牌, 环节超时, 超时默许, 缺席默认) for one case at one instant, with what
 * 责任追究 needs: who held the case, how much counted time remained or how far over it was, who the lateness is
 * attributed to, and the rule version and clause behind it (DOMAIN.md §2.5: chinacreator keeps the rule id and
 * version with every card). JSON form: {@link CardCodec}.
 *
 * <p>A Flink POJO: public no-arg constructor, public fields, only POJO/array/enum/boxed field types. Instants are
 * epoch milliseconds.
 */
public final class Card {
    /** Cards in the order they are emitted: instant, then card id, then RAISED before RETRACTED. */
    public static final Comparator<Card> ORDER = Comparator.comparingLong((Card c) -> c.instant)
            .thenComparing(c -> c.cardId).thenComparing(c -> c.status);
    /** Instant, then card id; a stable sort keeps a raise before its retraction. */
    public static final Comparator<Card> BY_INSTANT = Comparator.comparingLong((Card c) -> c.instant).thenComparing(c -> c.cardId);
    private static final BigDecimal DAY_MS = BigDecimal.valueOf(86_400_000L);

    /** SHA-256 hex of center, case, kind, qualifier, instant and rule version ({@link CardIds}). */
    public String cardId;
    public CardStatus status;
    public CardKind kind;
    /**
     * What the card is about within its kind: the threshold of a 预警 ({@code remaining<=1WD}, {@code elapsed>=50%}),
     * {@code due} for 黄牌, {@code due+3WD} for 红牌, the step ({@code <stepId>} or {@code name:<stepName>}) of a
     * 环节超时, the department of a 超时默许 or 缺席默认.
     */
    public String qualifier;
    /** When the card fires (epoch ms). */
    public long instant;
    public String caseId;
    public String centerId;
    public String itemCode;
    public String itemName;
    public CaseKind caseKind;
    /** Who held the case at {@link #instant} (跟踪表). */
    public Holder holder;
    /** 受理 instant (epoch ms). */
    public Long accepted;
    /** Due instant (epoch ms); null while a pause with no end stops the clock. */
    public Long due;
    public Limit limit;
    public LimitBasis limitBasis;
    /** Which days the case's clock counts: WORKING_DAYS (also 即办) or NATURAL_DAYS. */
    public LimitUnit measure;
    /** Counted time left at {@link #instant} until the due instant, in {@link #measure}; negative = overdue by that much. */
    public Long remainingMillis;
    /** For 黄牌, 红牌 and 超时默许: the steps over budget, else the holder of record. */
    public Attribution attribution;
    public String ruleVersion;
    /** The clause of the standard or the law behind this kind of card (policy {@code clause.<KIND>}). */
    public String clause;
    /** The clause behind the limit counted ({@link LimitBasis#clause()}). */
    public String limitClause;
    /** Whether a date this card depends on is in a year without a published calendar: recompute when it arrives. */
    public boolean provisional;

    public Card() {}

    /** 预警, 黄牌, … */
    public String label() {
        return kind == null ? null : kind.label();
    }

    /** {@link #remainingMillis} in days of 24 h of counted time, three decimals; null when unknown. */
    public BigDecimal remainingDays() {
        return remainingMillis == null ? null : BigDecimal.valueOf(remainingMillis).divide(DAY_MS, 3, RoundingMode.HALF_UP);
    }

    /** The same card announced as withdrawn. */
    public Card retraction() {
        Card c = copy();
        c.status = CardStatus.RETRACTED;
        return c;
    }

    Card copy() {
        Card c = new Card();
        c.cardId = cardId;
        c.status = status;
        c.kind = kind;
        c.qualifier = qualifier;
        c.instant = instant;
        c.caseId = caseId;
        c.centerId = centerId;
        c.itemCode = itemCode;
        c.itemName = itemName;
        c.caseKind = caseKind;
        c.holder = holder;
        c.accepted = accepted;
        c.due = due;
        c.limit = limit == null ? null : new Limit(limit.value, limit.unit);
        c.limitBasis = limitBasis;
        c.measure = measure;
        c.remainingMillis = remainingMillis;
        c.attribution = attribution;
        c.ruleVersion = ruleVersion;
        c.clause = clause;
        c.limitClause = limitClause;
        c.provisional = provisional;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Card c && Objects.equals(cardId, c.cardId) && status == c.status && kind == c.kind
                && Objects.equals(qualifier, c.qualifier) && instant == c.instant && Objects.equals(caseId, c.caseId)
                && Objects.equals(centerId, c.centerId) && Objects.equals(itemCode, c.itemCode) && Objects.equals(itemName, c.itemName)
                && caseKind == c.caseKind && Objects.equals(holder, c.holder) && Objects.equals(accepted, c.accepted)
                && Objects.equals(due, c.due) && Objects.equals(limit, c.limit) && limitBasis == c.limitBasis && measure == c.measure
                && Objects.equals(remainingMillis, c.remainingMillis) && Objects.equals(attribution, c.attribution)
                && Objects.equals(ruleVersion, c.ruleVersion) && Objects.equals(clause, c.clause)
                && Objects.equals(limitClause, c.limitClause) && provisional == c.provisional;
    }

    @Override
    public int hashCode() {
        return Objects.hash(cardId, status);
    }

    @Override
    public String toString() {
        return "Card{" + status + " " + kind + " " + qualifier + " " + caseId + " at " + cn.xiaoneng.model.Times.format(instant)
                + " id=" + (cardId == null ? null : cardId.substring(0, Math.min(12, cardId.length()))) + "}";
    }
}
