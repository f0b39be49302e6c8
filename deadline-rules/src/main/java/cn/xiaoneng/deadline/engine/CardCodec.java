package cn.xiaoneng.deadline.engine;

import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.JsonCodec;
import cn.xiaoneng.model.Limit;
import cn.xiaoneng.model.LimitUnit;
import cn.xiaoneng.model.Times;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * JSON form of a {@link Card}, one line, UTF-8: the contract of the cards topic and of {@code deadline replay}
 * (docs/deadline-engine.md, "Card JSON"). Like {@code CaseEventCodec}: instants are ISO-8601 with +08:00, nulls
 * are left out, fields come in a fixed order. Durations are milliseconds of counted time, with the same amount
 * in days of 24 h next to them.
 */
public final class CardCodec implements JsonCodec<Card> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public byte[] encode(Card c) {
        ObjectNode n = MAPPER.createObjectNode();
        put(n, "cardId", c.cardId);
        put(n, "status", c.status == null ? null : c.status.name());
        put(n, "kind", c.kind == null ? null : c.kind.name());
        put(n, "label", c.label());
        put(n, "qualifier", c.qualifier);
        n.put("instant", Times.format(c.instant));
        put(n, "caseId", c.caseId);
        put(n, "centerId", c.centerId);
        put(n, "itemCode", c.itemCode);
        put(n, "itemName", c.itemName);
        put(n, "caseKind", c.caseKind == null ? null : c.caseKind.name());
        if (c.holder != null) {
            n.set("holder", holder(c.holder));
        }
        if (c.accepted != null) {
            n.put("accepted", Times.format(c.accepted));
        }
        if (c.due != null) {
            n.put("due", Times.format(c.due));
        }
        put(n, "limit", c.limit == null ? null : c.limit.toString());
        put(n, "limitBasis", c.limitBasis == null ? null : c.limitBasis.name());
        put(n, "measure", c.measure == null ? null : c.measure.name());
        if (c.remainingMillis != null) {
            n.put("remainingMillis", c.remainingMillis);
            n.put("remainingDays", c.remainingDays());
        }
        if (c.attribution != null) {
            ObjectNode a = n.putObject("attribution");
            put(a, "basis", c.attribution.basis == null ? null : c.attribution.basis.name());
            if (c.attribution.steps != null && c.attribution.steps.length > 0) {
                ArrayNode steps = a.putArray("steps");
                for (AttributedStep s : c.attribution.steps) {
                    ObjectNode o = steps.addObject();
                    put(o, "stepId", s.stepId);
                    put(o, "stepName", s.stepName);
                    put(o, "departmentId", s.departmentId);
                    put(o, "handler", s.handler);
                    o.put("usedMillis", s.usedMillis);
                    o.put("budgetMillis", s.budgetMillis);
                    o.put("overMillis", s.overMillis);
                    o.put("overDays", days(s.overMillis));
                }
            }
            if (c.attribution.holder != null) {
                a.set("holder", holder(c.attribution.holder));
            }
        }
        put(n, "ruleVersion", c.ruleVersion);
        put(n, "clause", c.clause);
        put(n, "limitClause", c.limitClause);
        if (c.status != CardStatus.RETRACTED || c.remainingMillis != null) {
            n.put("provisional", c.provisional);
        }
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JSON line as text, without a line break. */
    public String encodeToString(Card c) {
        return new String(encode(c), StandardCharsets.UTF_8);
    }

    @Override
    public Card decode(byte[] bytes) {
        JsonNode n;
        try {
            n = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("card is not JSON: " + e.getMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("card is not a JSON object");
        }
        try {
            Card c = new Card();
            c.cardId = required(n, "cardId");
            c.status = CardStatus.valueOf(required(n, "status"));
            c.kind = CardKind.valueOf(required(n, "kind"));
            c.qualifier = text(n, "qualifier");
            c.instant = Times.parse(required(n, "instant"));
            c.caseId = text(n, "caseId");
            c.centerId = text(n, "centerId");
            c.itemCode = text(n, "itemCode");
            c.itemName = text(n, "itemName");
            String kind = text(n, "caseKind");
            c.caseKind = kind == null ? null : CaseKind.valueOf(kind);
            c.holder = n.has("holder") ? holder(n.get("holder")) : null;
            c.accepted = n.has("accepted") ? Times.parse(text(n, "accepted")) : null;
            c.due = n.has("due") ? Times.parse(text(n, "due")) : null;
            String limit = text(n, "limit");
            c.limit = limit == null ? null : Limit.parse(limit);
            String basis = text(n, "limitBasis");
            c.limitBasis = basis == null ? null : LimitBasis.valueOf(basis);
            String measure = text(n, "measure");
            c.measure = measure == null ? null : LimitUnit.valueOf(measure);
            c.remainingMillis = n.has("remainingMillis") ? n.get("remainingMillis").asLong() : null;
            if (n.has("attribution")) {
                JsonNode a = n.get("attribution");
                Attribution at = new Attribution();
                at.basis = Attribution.Basis.valueOf(required(a, "basis"));
                JsonNode steps = a.path("steps");
                at.steps = new AttributedStep[steps.size()];
                for (int i = 0; i < steps.size(); i++) {
                    JsonNode s = steps.get(i);
                    AttributedStep x = new AttributedStep();
                    x.stepId = text(s, "stepId");
                    x.stepName = text(s, "stepName");
                    x.departmentId = text(s, "departmentId");
                    x.handler = text(s, "handler");
                    x.usedMillis = s.path("usedMillis").asLong();
                    x.budgetMillis = s.path("budgetMillis").asLong();
                    x.overMillis = s.path("overMillis").asLong();
                    at.steps[i] = x;
                }
                at.holder = a.has("holder") ? holder(a.get("holder")) : null;
                c.attribution = at;
            }
            c.ruleVersion = text(n, "ruleVersion");
            c.clause = text(n, "clause");
            c.limitClause = text(n, "limitClause");
            c.provisional = n.path("provisional").asBoolean(false);
            return c;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("card JSON is not valid: " + e.getMessage(), e);
        }
    }

    private static ObjectNode holder(Holder h) {
        ObjectNode o = MAPPER.createObjectNode();
        put(o, "departmentId", h.departmentId);
        put(o, "windowId", h.windowId);
        put(o, "handler", h.handler);
        put(o, "stepId", h.stepId);
        put(o, "stepName", h.stepName);
        return o;
    }

    private static Holder holder(JsonNode o) {
        return new Holder(text(o, "departmentId"), text(o, "windowId"), text(o, "handler"), text(o, "stepId"), text(o, "stepName"));
    }

    private static java.math.BigDecimal days(long millis) {
        return java.math.BigDecimal.valueOf(millis).divide(java.math.BigDecimal.valueOf(86_400_000L), 3, java.math.RoundingMode.HALF_UP);
    }

    private static void put(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String required(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null) {
            throw new IllegalArgumentException("card has no " + field);
        }
        return v;
    }
}
