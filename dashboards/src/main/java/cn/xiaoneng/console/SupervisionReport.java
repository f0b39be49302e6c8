package cn.xiaoneng.console;

import cn.xiaoneng.console.SupervisionFacts.CardRow;
import cn.xiaoneng.console.SupervisionFacts.CaseCard;
import cn.xiaoneng.console.SupervisionFacts.KindCount;
import cn.xiaoneng.console.ThroughputFacts.DepartmentKey;
import cn.xiaoneng.console.ThroughputFacts.Names;
import cn.xiaoneng.console.ThroughputFacts.WindowKey;
import cn.xiaoneng.deadline.engine.CardKind;
import cn.xiaoneng.model.Times;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 督办 panel's JSON ({@code GET /api/cards}): the deadline engine's standing cards on open cases (6.6.7: the
 * system warns, alarms, and the supervisory body traces responsibility) — totals per kind, a row per holder
 * department, and each case's most severe card with a link to its 跟踪表 ({@code /cases/<center>/<case>}).
 *
 * @param kinds       every card kind, most severe first, with its Chinese label
 * @param totals      standing cards per kind (every kind, zeros included)
 * @param departments per center and holder department: standing cards per kind, most loaded first
 * @param cases       the most severe standing card of each case, most severe first ({@link SupervisionRepository#CASES_SHOWN} at most)
 */
public record SupervisionReport(String at, long refreshIntervalMs, List<Kind> kinds, Map<String, Long> totals, long casesWithCards,
                                List<DepartmentRow> departments, List<CaseLine> cases) {

    /** Severity order: 红牌, 黄牌, 超时默许, 缺席默认, 环节超时, 预警 (the repository's SQL uses the same order). */
    static final List<CardKind> SEVERITY = List.of(CardKind.RED, CardKind.YELLOW, CardKind.DEEMED_CONSENT, CardKind.ABSENCE_DEFAULT,
            CardKind.STEP_OVERRUN, CardKind.WARNING);
    private static final BigDecimal DAY_MS = BigDecimal.valueOf(86_400_000L);

    public record Kind(String kind, String label) {}

    public record DepartmentRow(String centerId, String centerName, String departmentId, String departmentName,
                                Map<String, Long> cards, long total) {}

    /**
     * @param remainingDays counted days left at the card's instant (negative: overdue by), one decimal; null when unknown
     * @param standingCards all standing cards of the case (the worst one shown here included)
     */
    public record CaseLine(String centerId, String centerName, String caseId, String itemCode, String itemName, String kind,
                           String label, String qualifier, String instant, String departmentId, String departmentName,
                           String windowId, String windowName, String handler, String stepName, String due, BigDecimal remainingDays,
                           long standingCards, String ruleVersion, String clause, boolean provisional, String trackingUrl) {}

    public static SupervisionReport of(SupervisionFacts facts, ConsoleOptions options) {
        Names names = facts.names();
        List<Kind> kinds = SEVERITY.stream().map(k -> new Kind(k.name(), k.label())).toList();
        Map<String, Long> totals = zeros();
        Map<DepartmentKey, Map<String, Long>> byDepartment = new LinkedHashMap<>();
        for (KindCount c : facts.counts()) {
            totals.merge(c.kind(), c.cards(), Long::sum);
            byDepartment.computeIfAbsent(new DepartmentKey(c.centerId(), c.departmentId()), k -> zeros()).merge(c.kind(), c.cards(), Long::sum);
        }
        List<DepartmentRow> departments = new ArrayList<>();
        byDepartment.forEach((key, cards) -> departments.add(new DepartmentRow(key.centerId(), names.centers().get(key.centerId()),
                key.departmentId(), names.departments().get(key), cards, cards.values().stream().mapToLong(Long::longValue).sum())));
        // Most red cards first, then yellow, …: the department a supervisor should call first is on top.
        departments.sort((a, b) -> {
            for (CardKind k : SEVERITY) {
                int c = Long.compare(b.cards().get(k.name()), a.cards().get(k.name()));
                if (c != 0) {
                    return c;
                }
            }
            return (a.centerId() + '/' + a.departmentId()).compareTo(b.centerId() + '/' + b.departmentId());
        });
        List<CaseLine> cases = new ArrayList<>();
        for (CaseCard cc : facts.worst()) {
            CardRow c = cc.card();
            cases.add(new CaseLine(c.centerId(), names.centers().get(c.centerId()), c.caseId(), c.itemCode(), c.itemName(), c.kind(),
                    c.kindLabel(), c.qualifier(), Times.format(c.instantMillis()), c.departmentId(),
                    names.departments().get(new DepartmentKey(c.centerId(), c.departmentId())), c.windowId(),
                    names.windows().get(new WindowKey(c.centerId(), c.departmentId(), c.windowId())), c.handler(), c.stepName(),
                    c.dueMillis() == null ? null : Times.format(c.dueMillis()), days(c.remainingMillis()), cc.standingCards(),
                    c.ruleVersion(), c.clause(), c.provisional(), trackingUrl(c.centerId(), c.caseId())));
        }
        return new SupervisionReport(Times.format(facts.serverNowMillis()), options.refreshInterval().toMillis(), kinds, totals,
                facts.casesWithCards(), departments, cases);
    }

    /** The console's page for a case's 跟踪表 (also the link alert messages carry). */
    static String trackingUrl(String centerId, String caseId) {
        return "/cases/" + URLEncoder.encode(centerId, StandardCharsets.UTF_8).replace("+", "%20") + "/"
                + URLEncoder.encode(caseId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static BigDecimal days(Long millis) {
        return millis == null ? null : BigDecimal.valueOf(millis).divide(DAY_MS, 1, RoundingMode.HALF_UP);
    }

    private static Map<String, Long> zeros() {
        Map<String, Long> m = new LinkedHashMap<>();
        SEVERITY.forEach(k -> m.put(k.name(), 0L));
        return m;
    }
}
