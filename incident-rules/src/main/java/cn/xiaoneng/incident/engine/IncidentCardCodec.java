package cn.xiaoneng.incident.engine;

import cn.xiaoneng.deadline.engine.CardStatus;
import cn.xiaoneng.incident.IncidentCardKind;
import cn.xiaoneng.incident.IncidentLevel;
import cn.xiaoneng.incident.IncidentType;
import cn.xiaoneng.incident.plan.Counting;
import cn.xiaoneng.model.JsonCodec;
import cn.xiaoneng.model.Times;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * JSON form of an {@link IncidentCard}, one line, UTF-8: the contract agreed with alerting (docs/incidents.md,
 * "Card JSON"). The agreed fields come first, in this order: cardId, status, kind, label, level, instant, centerId,
 * incidentId, incidentType, departmentIds, windowIds, confirmed, ruleVersion, clause, summary. Evidence follows:
 * qualifier, incidentTypeLabel, levelLabel, onset, start, due, budget, counting. Instants are ISO-8601 with +08:00;
 * nulls are left out, except that departmentIds and windowIds are always arrays.
 */
public final class IncidentCardCodec implements JsonCodec<IncidentCard> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public byte[] encode(IncidentCard c) {
        ObjectNode n = MAPPER.createObjectNode();
        put(n, "cardId", c.cardId);
        put(n, "status", c.status == null ? null : c.status.name());
        put(n, "kind", c.kind == null ? null : c.kind.name());
        put(n, "label", c.label());
        put(n, "level", c.level == null ? null : c.level.name());
        n.put("instant", Times.format(c.instant));
        put(n, "centerId", c.centerId);
        put(n, "incidentId", c.incidentId);
        put(n, "incidentType", c.incidentType == null ? null : c.incidentType.name());
        array(n, "departmentIds", c.departmentIds);
        array(n, "windowIds", c.windowIds);
        n.put("confirmed", c.confirmed);
        put(n, "ruleVersion", c.ruleVersion);
        put(n, "clause", c.clause);
        put(n, "summary", c.summary);
        put(n, "qualifier", c.qualifier);
        put(n, "incidentTypeLabel", c.incidentType == null ? null : c.incidentType.label());
        put(n, "levelLabel", c.level == null ? null : c.level.label());
        time(n, "onset", c.onset);
        time(n, "start", c.start);
        time(n, "due", c.due);
        put(n, "budget", c.budget);
        put(n, "counting", c.counting == null ? null : c.counting.name());
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String encodeToString(IncidentCard c) {
        return new String(encode(c), StandardCharsets.UTF_8);
    }

    @Override
    public IncidentCard decode(byte[] bytes) {
        JsonNode n;
        try {
            n = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("incident card is not JSON: " + e.getMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("incident card is not a JSON object");
        }
        try {
            IncidentCard c = new IncidentCard();
            c.cardId = required(n, "cardId");
            c.status = CardStatus.valueOf(required(n, "status"));
            c.kind = IncidentCardKind.parse(required(n, "kind"));
            String level = text(n, "level");
            c.level = level == null ? null : IncidentLevel.parse(level);
            c.instant = Times.parse(required(n, "instant"));
            c.centerId = text(n, "centerId");
            c.incidentId = text(n, "incidentId");
            String type = text(n, "incidentType");
            c.incidentType = type == null ? null : IncidentType.parse(type);
            c.departmentIds = strings(n, "departmentIds");
            c.windowIds = strings(n, "windowIds");
            c.confirmed = n.path("confirmed").asBoolean(true);
            c.ruleVersion = text(n, "ruleVersion");
            c.clause = text(n, "clause");
            c.summary = text(n, "summary");
            c.qualifier = text(n, "qualifier");
            c.onset = instant(n, "onset");
            c.start = instant(n, "start");
            c.due = instant(n, "due");
            c.budget = text(n, "budget");
            String counting = text(n, "counting");
            c.counting = counting == null ? null : Counting.parse(counting);
            return c;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("incident card JSON is not valid: " + e.getMessage(), e);
        }
    }

    private static void put(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static void time(ObjectNode n, String field, Long value) {
        if (value != null) {
            n.put(field, Times.format(value));
        }
    }

    private static void array(ObjectNode n, String field, String[] values) {
        ArrayNode a = n.putArray(field);
        if (values != null) {
            for (String v : values) {
                a.add(v);
            }
        }
    }

    private static String[] strings(JsonNode n, String field) {
        JsonNode a = n.get(field);
        if (a == null || a.isNull()) {
            return new String[0];
        }
        if (!a.isArray()) {
            throw new IllegalArgumentException(field + " is not an array");
        }
        String[] out = new String[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asText();
        }
        return out;
    }

    private static Long instant(JsonNode n, String field) {
        String t = text(n, field);
        return t == null ? null : Times.parse(t);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String required(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null) {
            throw new IllegalArgumentException("incident card has no " + field);
        }
        return v;
    }
}
