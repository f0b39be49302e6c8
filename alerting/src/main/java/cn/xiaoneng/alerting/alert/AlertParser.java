package cn.xiaoneng.alerting.alert;

import cn.xiaoneng.deadline.engine.Card;
import cn.xiaoneng.deadline.engine.CardCodec;
import cn.xiaoneng.deadline.engine.CardStatus;
import cn.xiaoneng.model.LimitUnit;
import cn.xiaoneng.model.Times;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a card line from either topic into an {@link Alert}. A deadline card goes through the deadline engine's own
 * {@link CardCodec} (the contract in docs/deadline-engine.md, "Card JSON"); an incident card (issue 4) has
 * {@code incidentId}, {@code level} I…IV, {@code departmentIds}, {@code windowIds}, {@code confirmed} and a
 * {@code summary}. The shape is told by the fields, so a file mixing both parses too (dry-run).
 */
public final class AlertParser {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final BigDecimal DAY_MS = BigDecimal.valueOf(86_400_000L);
    private final CardCodec cards = new CardCodec();

    public Alert parse(byte[] json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("card is not JSON: " + e.getMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("card is not a JSON object");
        }
        String text = new String(json, StandardCharsets.UTF_8).strip();
        return n.has("incidentId") ? incident(n, text) : deadline(json, text);
    }

    public Alert parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private Alert deadline(byte[] json, String text) {
        Card c = cards.decode(json);
        List<String> departments = new ArrayList<>();
        List<String> windows = new ArrayList<>();
        String handler = null;
        String stepName = null;
        if (c.holder != null) {
            addIfPresent(departments, c.holder.departmentId);
            addIfPresent(windows, c.holder.windowId);
            handler = c.holder.handler;
            stepName = c.holder.stepName;
        }
        BigDecimal overdue = null;
        if (c.remainingMillis != null && c.remainingMillis < 0) {
            overdue = BigDecimal.valueOf(-c.remainingMillis).divide(DAY_MS, 1, RoundingMode.HALF_UP);
        }
        return new Alert(AlertSource.DEADLINE, c.cardId, c.status == CardStatus.RETRACTED, c.kind.name(), c.kind.label(),
                Levels.of(c.kind), c.instant, c.centerId, c.caseId, null, departments, windows, c.itemCode, c.itemName, handler,
                stepName, c.due, overdue, c.measure == null ? null : c.measure.name(), c.qualifier, c.clause, c.ruleVersion,
                null, null, null, null, text);
    }

    private static Alert incident(JsonNode n, String text) {
        try {
            String status = required(n, "status");
            if (!status.equals("RAISED") && !status.equals("RETRACTED")) {
                throw new IllegalArgumentException("status must be RAISED or RETRACTED: " + status);
            }
            String level = required(n, "level");
            return new Alert(AlertSource.INCIDENT, required(n, "cardId"), status.equals("RETRACTED"), required(n, "kind"),
                    text(n, "label"), Levels.ofIncident(level), Times.parse(required(n, "instant")), required(n, "centerId"),
                    null, required(n, "incidentId"), strings(n, "departmentIds"), strings(n, "windowIds"), null, null, null,
                    null, n.has("due") ? Times.parse(text(n, "due")) : null, null, null, text(n, "qualifier"), text(n, "clause"),
                    text(n, "ruleVersion"), text(n, "summary"), n.path("confirmed").asBoolean(false), level,
                    n.has("incidentTypeLabel") ? text(n, "incidentTypeLabel") : text(n, "incidentType"), text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("incident card JSON is not valid: " + e.getMessage(), e);
        }
    }

    /** The unit in which {@link Alert#overdueDays()} counts, for messages: 工作日 or 自然日. */
    public static String dayUnit(Alert a) {
        if (a.measure() == null) {
            return "日";
        }
        return LimitUnit.valueOf(a.measure()) == LimitUnit.NATURAL_DAYS ? "个自然日" : "个工作日";
    }

    private static void addIfPresent(List<String> list, String value) {
        if (value != null && !value.isBlank()) {
            list.add(value);
        }
    }

    private static List<String> strings(JsonNode n, String field) {
        List<String> out = new ArrayList<>();
        JsonNode a = n.get(field);
        if (a != null && a.isArray()) {
            a.forEach(v -> addIfPresent(out, v.asText()));
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String required(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("card has no " + field);
        }
        return v;
    }
}
