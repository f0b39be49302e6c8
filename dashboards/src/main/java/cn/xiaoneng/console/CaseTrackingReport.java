package cn.xiaoneng.console;

import cn.xiaoneng.console.CaseTrackingFacts.Clock;
import cn.xiaoneng.console.CaseTrackingFacts.Step;
import cn.xiaoneng.console.SupervisionFacts.CardRow;
import cn.xiaoneng.console.ThroughputFacts.DepartmentKey;
import cn.xiaoneng.console.ThroughputFacts.Names;
import cn.xiaoneng.deadline.engine.PauseRow;
import cn.xiaoneng.model.Times;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;

/**
 * A case's 跟踪表 (附录E) as JSON ({@code GET /api/cases/<center>/<case>}): the clock, each step with its holder and
 * counted time against its budget, each clock stop (补正, 暂停, 上报, 应急停表) with its reason, who stopped the clock and
 * the counted time it held back, and every card record with its evidence (the card exactly as published).
 * Durations in days of 24 h of counted time, one decimal; instants ISO-8601 with +08:00.
 */
public record CaseTrackingReport(String centerId, String centerName, String caseId, ClockView clock, List<StepView> steps,
                                 List<PauseView> pauses, List<CardView> cards) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record ClockView(String itemCode, String itemName, String caseKind, String departmentId, String departmentName,
                            String windowId, String accepted, String due, String limit, String limitBasis, BigDecimal usedDays,
                            BigDecimal remainingDays, String outcome, String closedAt, BigDecimal overdueDays, String asOf) {}

    public record StepView(String stepId, String stepName, String departmentId, String departmentName, String windowId, String handler,
                           String started, boolean startInferred, String ended, String result, BigDecimal usedDays, String budget,
                           BigDecimal budgetDays, BigDecimal overBudgetDays, String asOf) {}

    /**
     * One clock stop (deadline-rules {@link PauseRow}): {@code kind} SUPPLEMENT, SUSPENDED, REPORTED_UP or DECLARED and its
     * {@code label} 补正, 暂停, 上报, 应急停表; {@code to} null while it lasts ({@code open}); {@code handler} who stopped the
     * clock; {@code recordedAt} when the stop became known; {@code stoppedDays} / {@code stoppedMillis} the counted time it
     * held back (in the case's {@code measure}: 工作日 or 自然日), overlapping stops each with their full span. A declared
     * pause (应急停表, step id {@code incident:<id>}) also names its incident, a link to the incident's page, the approver
     * and the approval time (null when the reason does not say).
     */
    public record PauseView(String kind, String label, String stepId, String from, String to, boolean open, String reason, String handler,
                            String recordedAt, String incidentId, String incidentUrl, String approver, String approvedAt,
                            BigDecimal stoppedDays, long stoppedMillis, String measure, String measureLabel) {}

    public record CardView(String cardId, String status, String kind, String label, String qualifier, String instant, String handler,
                           String stepName, String departmentId, BigDecimal remainingDays, String ruleVersion, String clause,
                           boolean provisional, JsonNode evidence) {}

    public static CaseTrackingReport of(CaseTrackingFacts f, Names names) {
        Clock c = f.clock();
        ClockView clock = c == null ? null : new ClockView(c.itemCode(), c.itemName(), c.caseKind(), c.departmentId(),
                names.departments().get(new DepartmentKey(f.centerId(), c.departmentId())), c.windowId(), time(c.acceptedMillis()),
                time(c.dueMillis()), c.limitText(), c.limitBasis(), SupervisionReport.days(c.usedMillis()),
                SupervisionReport.days(c.remainingMillis()), c.outcome().isEmpty() ? null : c.outcome(), time(c.closedMillis()),
                SupervisionReport.days(c.overdueMillis()), Times.format(c.asOfMillis()));
        List<StepView> steps = f.steps().stream().map((Step s) -> new StepView(s.stepId(), s.stepName(), s.departmentId(),
                names.departments().get(new DepartmentKey(f.centerId(), s.departmentId())), s.windowId(), s.handler(),
                Times.format(s.startedMillis()), s.startInferred(), time(s.endedMillis()), s.result(), SupervisionReport.days(s.usedMillis()),
                s.budget().isEmpty() ? null : s.budget(), SupervisionReport.days(s.budgetMillis()), SupervisionReport.days(s.overBudgetMillis()),
                Times.format(s.asOfMillis()))).toList();
        List<PauseView> pauses = f.pauses().stream().map(p -> pause(f.centerId(), p)).toList();
        List<CardView> cards = f.cards().stream().map((CardRow r) -> new CardView(r.cardId(), r.status(), r.kind(), r.kindLabel(),
                r.qualifier(), Times.format(r.instantMillis()), r.handler(), r.stepName(), r.departmentId(),
                SupervisionReport.days(r.remainingMillis()), r.ruleVersion(), r.clause(), r.provisional(), evidence(r.cardJson()))).toList();
        return new CaseTrackingReport(f.centerId(), names.centers().get(f.centerId()), f.caseId(), clock, steps, pauses, cards);
    }

    static PauseView pause(String centerId, PauseRow p) {
        return new PauseView(p.kind.name(), p.kind.label(), p.stepId, Times.format(p.from), time(p.to), p.open(), p.reason, p.handler,
                Times.format(p.recordedAt), p.incidentId, p.incidentId == null ? null : IncidentReport.url(centerId, p.incidentId),
                p.approver, time(p.approvedAt), SupervisionReport.days(p.stoppedMillis), p.stoppedMillis,
                p.measure == null ? null : p.measure.name(), p.measure == null ? null : p.measure.label());
    }

    private static String time(Long millis) {
        return millis == null ? null : Times.format(millis);
    }

    /** The card as published; a row whose JSON does not parse is shown as its text rather than hidden. */
    private static JsonNode evidence(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }
}
