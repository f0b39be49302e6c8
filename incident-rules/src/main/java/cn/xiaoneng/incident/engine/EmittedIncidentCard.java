package cn.xiaoneng.incident.engine;

import cn.xiaoneng.incident.IncidentCardKind;
import cn.xiaoneng.incident.IncidentLevel;
import java.util.Comparator;
import java.util.Objects;

/**
 * What the state remembers of a raised card: enough to recompute its id and to announce a retraction, with the
 * level (alerting routes every record, retractions included, by level).
 */
public record EmittedIncidentCard(IncidentCardKind kind, String qualifier, long instant, String ruleVersion, IncidentLevel level) {

    static final Comparator<EmittedIncidentCard> ORDER = Comparator.comparingLong(EmittedIncidentCard::instant)
            .thenComparing(EmittedIncidentCard::kind).thenComparing(EmittedIncidentCard::qualifier)
            .thenComparing(EmittedIncidentCard::ruleVersion);

    public EmittedIncidentCard {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(ruleVersion, "ruleVersion");
        Objects.requireNonNull(level, "level");
    }

    static EmittedIncidentCard of(IncidentCard c) {
        return new EmittedIncidentCard(c.kind, c.qualifier, c.instant, c.ruleVersion, c.level);
    }

    public String cardId(String centerId, String incidentId) {
        return IncidentCardIds.of(centerId, incidentId, kind, qualifier, instant, ruleVersion);
    }
}
