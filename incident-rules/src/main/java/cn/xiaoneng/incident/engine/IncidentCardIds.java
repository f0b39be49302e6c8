package cn.xiaoneng.incident.engine;

import cn.xiaoneng.deadline.engine.CardIds;
import cn.xiaoneng.incident.IncidentCardKind;

/**
 * Deterministic incident card ids: the deadline engine's {@link CardIds} layout with the incident in the case's place:
 *
 * <pre>cardId = hex(SHA-256(centerId ␁ incidentId ␁ kind ␁ qualifier ␁ instant ␁ ruleVersion))     (␁ = U+0001)</pre>
 *
 * {@code kind} is the {@link IncidentCardKind} name, {@code instant} epoch milliseconds in decimal. Incident kind
 * names differ from every case card kind, so an incident card can never share an id with a case card.
 */
public final class IncidentCardIds {
    private IncidentCardIds() {}

    public static String of(String centerId, String incidentId, IncidentCardKind kind, String qualifier, long instant, String ruleVersion) {
        return CardIds.of(centerId, incidentId, kind.name(), qualifier, instant, ruleVersion);
    }
}
