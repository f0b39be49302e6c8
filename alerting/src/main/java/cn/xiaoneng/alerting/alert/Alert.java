package cn.xiaoneng.alerting.alert;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One card as the router sees it, whichever topic it came from: what routing matches on (center, departments,
 * windows, kind, level), what a message tells (case, item, holder, due, overdue by, clause, rule version) and the
 * card's own JSON as evidence. Built only by {@link AlertParser}. Immutable; serialized with the router's state.
 *
 * @param level severity on one scale for both sources, 1 (lowest) … 4 ({@link Levels})
 * @param overdueDays how far past the due instant at the card's instant, in days of the case's measure (working days
 *     for a working-day case); null when the card is not overdue or does not say
 */
public record Alert(
        AlertSource source,
        String cardId,
        boolean retracted,
        String kind,
        String label,
        int level,
        long instant,
        String centerId,
        String caseId,
        String incidentId,
        List<String> departmentIds,
        List<String> windowIds,
        String itemCode,
        String itemName,
        String handler,
        String stepName,
        Long due,
        BigDecimal overdueDays,
        String measure,
        String qualifier,
        String clause,
        String ruleVersion,
        String summary,
        Boolean confirmed,
        String incidentLevel,
        String incidentType,
        String json) {

    public Alert {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(kind, "kind");
        departmentIds = departmentIds == null ? List.of() : List.copyOf(departmentIds);
        windowIds = windowIds == null ? List.of() : List.copyOf(windowIds);
    }

    /** The same card as withdrawn. */
    public Alert asRetracted() {
        return new Alert(source, cardId, true, kind, label, level, instant, centerId, caseId, incidentId, departmentIds, windowIds,
                itemCode, itemName, handler, stepName, due, overdueDays, measure, qualifier, clause, ruleVersion, summary, confirmed,
                incidentLevel, incidentType, json);
    }

    /** Deduplication key of a card record: the card id plus its status (a raise and its retraction are two records). */
    public String recordKey() {
        return cardId + (retracted ? "/RETRACTED" : "/RAISED");
    }

    /** The card's first department (the holder's, for a deadline card), or null. */
    public String departmentId() {
        return departmentIds.isEmpty() ? null : departmentIds.get(0);
    }

    public String windowId() {
        return windowIds.isEmpty() ? null : windowIds.get(0);
    }

    /** What the card is about, for a subject line: the case number, or the incident. */
    public String subject() {
        return caseId != null ? caseId : incidentId;
    }
}
