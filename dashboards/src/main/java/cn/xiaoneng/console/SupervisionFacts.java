package cn.xiaoneng.console;

import cn.xiaoneng.console.ThroughputFacts.Names;
import java.util.List;

/**
 * What the 督办 panel reads (from {@link SupervisionRepository}): the deadline engine's standing cards on open cases —
 * raised, never retracted, and the case not closed — counted by holder department and kind, and each case's most
 * severe one.
 *
 * @param serverNowMillis ClickHouse's clock
 * @param counts          standing cards per center, department (the holder's at the card's instant) and kind
 * @param casesWithCards  open cases with at least one standing card
 * @param worst           the most severe standing card of each case, most severe cases first, at most the panel's limit
 */
public record SupervisionFacts(long serverNowMillis, Names names, List<KindCount> counts, long casesWithCards, List<CaseCard> worst) {

    public record KindCount(String centerId, String departmentId, String kind, String kindLabel, long cards) {}

    /** A case's worst standing card, with how many standing cards the case has in all. */
    public record CaseCard(CardRow card, long standingCards) {}

    /** One row of dwd_deadline_card (migration V006); instants in epoch ms. */
    public record CardRow(String cardId, String status, String kind, String kindLabel, String qualifier, long instantMillis,
                          String centerId, String caseId, String itemCode, String itemName, String caseKind, String departmentId,
                          String windowId, String handler, String stepName, Long dueMillis, Long remainingMillis, String ruleVersion,
                          String clause, boolean provisional, String cardJson) {}
}
