package cn.xiaoneng.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * JSON form of {@link CaseEvent} on the canonical topic. Field names are the documented contract
 * (docs/canonical-events.md); instants are ISO-8601 with +08:00; nulls are left out.
 */
public final class CaseEventCodec implements JsonCodec<CaseEvent> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public byte[] encode(CaseEvent e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("schemaVersion", e.schemaVersion);
        put(n, "eventId", e.eventId);
        put(n, "caseId", e.caseId);
        put(n, "centerId", e.centerId);
        put(n, "departmentId", e.departmentId);
        if (e.departmentIds != null) {
            ArrayNode a = n.putArray("departmentIds");
            for (String d : e.departmentIds) {
                a.add(d);
            }
        }
        put(n, "windowId", e.windowId);
        put(n, "itemCode", e.itemCode);
        put(n, "itemName", e.itemName);
        put(n, "caseKind", e.caseKind == null ? null : e.caseKind.name());
        put(n, "eventType", e.eventType == null ? null : e.eventType.name());
        put(n, "stepId", e.stepId);
        put(n, "stepName", e.stepName);
        put(n, "handler", e.handler);
        put(n, "reason", e.reason);
        put(n, "result", e.result);
        n.put("businessTime", Times.format(e.businessTime));
        n.put("sourceCommitTime", Times.format(e.sourceCommitTime));
        put(n, "committedLimit", e.committedLimit == null ? null : e.committedLimit.toString());
        put(n, "legalLimit", e.legalLimit == null ? null : e.legalLimit.toString());
        put(n, "applicantKey", e.applicantKey);
        put(n, "applicantPhoneMasked", e.applicantPhoneMasked);
        put(n, "sourceId", e.sourceId);
        put(n, "sourceTable", e.sourceTable);
        put(n, "sourcePosition", e.sourcePosition);
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public CaseEvent decode(byte[] bytes) {
        JsonNode n;
        try {
            n = MAPPER.readTree(bytes);
        } catch (IOException ex) {
            throw new IllegalArgumentException("case event is not JSON: " + ex.getMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("case event is not a JSON object");
        }
        CaseEvent e = new CaseEvent();
        e.schemaVersion = n.path("schemaVersion").asInt(CaseEvent.SCHEMA_VERSION);
        e.eventId = text(n, "eventId");
        e.caseId = text(n, "caseId");
        e.centerId = text(n, "centerId");
        e.departmentId = text(n, "departmentId");
        if (n.has("departmentIds")) {
            JsonNode a = n.get("departmentIds");
            e.departmentIds = new String[a.size()];
            for (int i = 0; i < a.size(); i++) {
                e.departmentIds[i] = a.get(i).asText();
            }
        }
        e.windowId = text(n, "windowId");
        e.itemCode = text(n, "itemCode");
        e.itemName = text(n, "itemName");
        String kind = text(n, "caseKind");
        e.caseKind = kind == null ? null : CaseKind.valueOf(kind);
        String type = text(n, "eventType");
        if (type == null) {
            throw new IllegalArgumentException("case event has no eventType");
        }
        e.eventType = EventType.valueOf(type);
        e.stepId = text(n, "stepId");
        e.stepName = text(n, "stepName");
        e.handler = text(n, "handler");
        e.reason = text(n, "reason");
        e.result = text(n, "result");
        e.businessTime = Times.parse(required(n, "businessTime"));
        e.sourceCommitTime = Times.parse(required(n, "sourceCommitTime"));
        String committed = text(n, "committedLimit");
        e.committedLimit = committed == null ? null : Limit.parse(committed);
        String legal = text(n, "legalLimit");
        e.legalLimit = legal == null ? null : Limit.parse(legal);
        e.applicantKey = text(n, "applicantKey");
        e.applicantPhoneMasked = text(n, "applicantPhoneMasked");
        e.sourceId = text(n, "sourceId");
        e.sourceTable = text(n, "sourceTable");
        e.sourcePosition = text(n, "sourcePosition");
        return e;
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
            throw new IllegalArgumentException("case event has no " + field);
        }
        return v;
    }
}
