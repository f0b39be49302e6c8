package cn.xiaoneng.deadline.engine;

import java.util.Comparator;
import java.util.Objects;

/**
 * What the state remembers of a card it raised: enough to recompute its id ({@link CardIds}) and to announce
 * a retraction, at a few bytes per card.
 */
public record EmittedCard(CardKind kind, String qualifier, long instant, String ruleVersion) {

    static final Comparator<EmittedCard> ORDER = Comparator.comparingLong(EmittedCard::instant)
            .thenComparing(EmittedCard::kind).thenComparing(EmittedCard::qualifier).thenComparing(EmittedCard::ruleVersion);

    public EmittedCard {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(ruleVersion, "ruleVersion");
    }

    static EmittedCard of(Card c) {
        return new EmittedCard(c.kind, c.qualifier, c.instant, c.ruleVersion);
    }

    public String cardId(String centerId, String caseId) {
        return CardIds.of(centerId, caseId, kind, qualifier, instant, ruleVersion);
    }
}
