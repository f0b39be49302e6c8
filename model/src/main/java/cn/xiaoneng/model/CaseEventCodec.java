package cn.xiaoneng.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON form of {@link CaseEvent} on the canonical topic. Field names are the documented contract
 * (docs/canonical-events.md); instants are ISO-8601 with +08:00; nulls are left out.
 */
public final class CaseEventCodec implements JsonCodec<CaseEvent> {
    private static final long serialVersionUID = 1L;
    /** Streaming (no tree): every event passes through here on the hot path, several times. */
    private static final JsonFactory JSON = new JsonFactory();
    // Field names quoted and UTF-8 encoded once (written as raw bytes), not escaped again for every event.
    private static final SerializedString F_EVENT_ID = new SerializedString("eventId");
    private static final SerializedString F_CASE_ID = new SerializedString("caseId");
    private static final SerializedString F_CENTER_ID = new SerializedString("centerId");
    private static final SerializedString F_DEPARTMENT_ID = new SerializedString("departmentId");
    private static final SerializedString F_WINDOW_ID = new SerializedString("windowId");
    private static final SerializedString F_ITEM_CODE = new SerializedString("itemCode");
    private static final SerializedString F_ITEM_NAME = new SerializedString("itemName");
    private static final SerializedString F_CASE_KIND = new SerializedString("caseKind");
    private static final SerializedString F_EVENT_TYPE = new SerializedString("eventType");
    private static final SerializedString F_STEP_ID = new SerializedString("stepId");
    private static final SerializedString F_STEP_NAME = new SerializedString("stepName");
    private static final SerializedString F_HANDLER = new SerializedString("handler");
    private static final SerializedString F_REASON = new SerializedString("reason");
    private static final SerializedString F_RESULT = new SerializedString("result");
    private static final SerializedString F_COMMITTED_LIMIT = new SerializedString("committedLimit");
    private static final SerializedString F_LEGAL_LIMIT = new SerializedString("legalLimit");
    private static final SerializedString F_APPLICANT_KEY = new SerializedString("applicantKey");
    private static final SerializedString F_APPLICANT_PHONE_MASKED = new SerializedString("applicantPhoneMasked");
    private static final SerializedString F_SOURCE_ID = new SerializedString("sourceId");
    private static final SerializedString F_SOURCE_TABLE = new SerializedString("sourceTable");
    private static final SerializedString F_SOURCE_POSITION = new SerializedString("sourcePosition");
    private static final SerializedString F_SCHEMA_VERSION = new SerializedString("schemaVersion");
    private static final SerializedString F_DEPARTMENT_IDS = new SerializedString("departmentIds");
    private static final SerializedString F_BUSINESS_TIME = new SerializedString("businessTime");
    private static final SerializedString F_SOURCE_COMMIT_TIME = new SerializedString("sourceCommitTime");

    /**
     * One generator and buffer per thread, reused for every event: creating a Jackson generator per event (its context
     * and output buffer) cost more than writing the event's fields.
     */
    private static final ThreadLocal<Encoder> ENCODERS = ThreadLocal.withInitial(Encoder::new);

    private static final class Encoder {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        final JsonGenerator g;

        Encoder() {
            try {
                g = JSON.createGenerator(out);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            g.setRootValueSeparator(null);
        }
    }

    @Override
    public byte[] encode(CaseEvent e) {
        Encoder encoder = ENCODERS.get();
        encoder.out.reset();
        try {
            write(encoder.g, e);
            encoder.g.flush();
        } catch (IOException | RuntimeException ex) {
            ENCODERS.remove(); // the generator may be left inside the object: the next event gets a fresh one
            if (ex instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(ex);
        }
        return encoder.out.toByteArray();
    }

    private static void write(JsonGenerator g, CaseEvent e) throws IOException {
        g.writeStartObject();
        g.writeFieldName(F_SCHEMA_VERSION);
        g.writeNumber(e.schemaVersion);
        put(g, F_EVENT_ID, e.eventId);
        put(g, F_CASE_ID, e.caseId);
        put(g, F_CENTER_ID, e.centerId);
        put(g, F_DEPARTMENT_ID, e.departmentId);
        if (e.departmentIds != null) {
            g.writeFieldName(F_DEPARTMENT_IDS);
            g.writeStartArray();
            for (String d : e.departmentIds) {
                g.writeString(d);
            }
            g.writeEndArray();
        }
        put(g, F_WINDOW_ID, e.windowId);
        put(g, F_ITEM_CODE, e.itemCode);
        put(g, F_ITEM_NAME, e.itemName);
        put(g, F_CASE_KIND, e.caseKind == null ? null : e.caseKind.name());
        put(g, F_EVENT_TYPE, e.eventType == null ? null : e.eventType.name());
        put(g, F_STEP_ID, e.stepId);
        put(g, F_STEP_NAME, e.stepName);
        put(g, F_HANDLER, e.handler);
        put(g, F_REASON, e.reason);
        put(g, F_RESULT, e.result);
        g.writeFieldName(F_BUSINESS_TIME);
        g.writeString(Times.format(e.businessTime));
        g.writeFieldName(F_SOURCE_COMMIT_TIME);
        g.writeString(Times.format(e.sourceCommitTime));
        put(g, F_COMMITTED_LIMIT, e.committedLimit == null ? null : e.committedLimit.toString());
        put(g, F_LEGAL_LIMIT, e.legalLimit == null ? null : e.legalLimit.toString());
        put(g, F_APPLICANT_KEY, e.applicantKey);
        put(g, F_APPLICANT_PHONE_MASKED, e.applicantPhoneMasked);
        put(g, F_SOURCE_ID, e.sourceId);
        put(g, F_SOURCE_TABLE, e.sourceTable);
        put(g, F_SOURCE_POSITION, e.sourcePosition);
        g.writeEndObject();
    }

    @Override
    public CaseEvent decode(byte[] bytes) {
        CaseEvent e = new CaseEvent();
        String businessTime = null;
        String sourceCommitTime = null;
        String type = null;
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("case event is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "schemaVersion" -> e.schemaVersion = value.isNumeric() ? p.getIntValue() : CaseEvent.SCHEMA_VERSION;
                    case "eventId" -> e.eventId = text(p, value);
                    case "caseId" -> e.caseId = text(p, value);
                    case "centerId" -> e.centerId = text(p, value);
                    case "departmentId" -> e.departmentId = text(p, value);
                    case "departmentIds" -> e.departmentIds = textArray(p, value);
                    case "windowId" -> e.windowId = text(p, value);
                    case "itemCode" -> e.itemCode = text(p, value);
                    case "itemName" -> e.itemName = text(p, value);
                    case "caseKind" -> {
                        String kind = text(p, value);
                        e.caseKind = kind == null ? null : CaseKind.valueOf(kind);
                    }
                    case "eventType" -> type = text(p, value);
                    case "stepId" -> e.stepId = text(p, value);
                    case "stepName" -> e.stepName = text(p, value);
                    case "handler" -> e.handler = text(p, value);
                    case "reason" -> e.reason = text(p, value);
                    case "result" -> e.result = text(p, value);
                    case "businessTime" -> businessTime = text(p, value);
                    case "sourceCommitTime" -> sourceCommitTime = text(p, value);
                    case "committedLimit" -> {
                        String limit = text(p, value);
                        e.committedLimit = limit == null ? null : Limit.parse(limit);
                    }
                    case "legalLimit" -> {
                        String limit = text(p, value);
                        e.legalLimit = limit == null ? null : Limit.parse(limit);
                    }
                    case "applicantKey" -> e.applicantKey = text(p, value);
                    case "applicantPhoneMasked" -> e.applicantPhoneMasked = text(p, value);
                    case "sourceId" -> e.sourceId = text(p, value);
                    case "sourceTable" -> e.sourceTable = text(p, value);
                    case "sourcePosition" -> e.sourcePosition = text(p, value);
                    // A field a newer schema added: skipped, so old readers keep working.
                    default -> p.skipChildren();
                }
            }
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("case event is not JSON: " + ex.getOriginalMessage());
        } catch (IOException ex) {
            throw new IllegalArgumentException("case event is not JSON: " + ex.getMessage());
        }
        if (type == null) {
            throw new IllegalArgumentException("case event has no eventType");
        }
        e.eventType = EventType.valueOf(type);
        e.businessTime = Times.parse(required(businessTime, "businessTime"));
        e.sourceCommitTime = Times.parse(required(sourceCommitTime, "sourceCommitTime"));
        return e;
    }

    private static void put(JsonGenerator g, SerializedString field, String value) throws IOException {
        if (value != null) {
            g.writeFieldName(field);
            g.writeString(value);
        }
    }

    /** A scalar as text (numbers and booleans too, as before); null for JSON null; objects and arrays are refused. */
    private static String text(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!value.isScalarValue()) {
            throw new IllegalArgumentException("case event field " + p.currentName() + " is not a single value");
        }
        return p.getValueAsString();
    }

    private static String[] textArray(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("case event field departmentIds is not an array");
        }
        List<String> items = new ArrayList<>(4);
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            items.add(text(p, t));
        }
        return items.toArray(new String[0]);
    }

    private static String required(String v, String field) {
        if (v == null) {
            throw new IllegalArgumentException("case event has no " + field);
        }
        return v;
    }
}
