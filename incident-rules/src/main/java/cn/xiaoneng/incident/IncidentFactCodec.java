package cn.xiaoneng.incident;

import cn.xiaoneng.model.JsonCodec;
import cn.xiaoneng.model.Times;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical incident fact as one JSON line (docs/incidents.md, "Fact JSON"), with the conventions of
 * {@code CaseEventCodec}: instants ISO-8601 with +08:00 (an instant without an offset is refused), nulls left
 * out, fields in a fixed order, unknown fields skipped so that old readers survive a newer schema.
 *
 * <p>{@link #decode} checks the JSON shape, then {@link IncidentFact#validate()}; every error is an
 * {@link IllegalArgumentException} naming the field.
 */
public final class IncidentFactCodec implements JsonCodec<IncidentFact> {
    private static final long serialVersionUID = 1L;
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public byte[] encode(IncidentFact f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(384);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", f.schemaVersion);
            put(g, "factId", f.factId);
            put(g, "incidentId", f.incidentId);
            put(g, "centerId", f.centerId);
            put(g, "factType", f.factType == null ? null : f.factType.name());
            g.writeStringField("at", Times.format(f.at));
            g.writeStringField("recordedAt", Times.format(f.recordedAt));
            put(g, "incidentType", f.incidentType == null ? null : f.incidentType.name());
            put(g, "level", f.level == null ? null : f.level.name());
            if (f.confirmed != null) {
                g.writeBooleanField("confirmed", f.confirmed);
            }
            array(g, "windowIds", f.windowIds);
            array(g, "departmentIds", f.departmentIds);
            put(g, "reportedBy", f.reportedBy);
            put(g, "reportedTo", f.reportedTo);
            put(g, "approver", f.approver);
            put(g, "pauseFrom", f.pauseFrom == null ? null : Times.format(f.pauseFrom));
            put(g, "pauseTo", f.pauseTo == null ? null : Times.format(f.pauseTo));
            if (f.paperCases != null) {
                g.writeNumberField("paperCases", f.paperCases);
            }
            put(g, "source", f.source == null ? null : f.source.name());
            put(g, "rule", f.rule);
            put(g, "note", f.note);
            put(g, "sourcePosition", f.sourcePosition);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** The JSON line as text, without a line break. */
    public String encodeToString(IncidentFact f) {
        return new String(encode(f), StandardCharsets.UTF_8);
    }

    public IncidentFact decode(String line) {
        return decode(line.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public IncidentFact decode(byte[] bytes) {
        IncidentFact f = new IncidentFact();
        String at = null;
        String recordedAt = null;
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("incident fact is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "schemaVersion" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT) {
                            throw new IllegalArgumentException("incident fact field schemaVersion is not an integer");
                        }
                        f.schemaVersion = p.getIntValue();
                        if (f.schemaVersion != IncidentFact.SCHEMA_VERSION) {
                            throw new IllegalArgumentException("incident fact schemaVersion " + f.schemaVersion + " is not "
                                    + IncidentFact.SCHEMA_VERSION + ", the version this build reads");
                        }
                    }
                    case "factId" -> f.factId = text(p, value);
                    case "incidentId" -> f.incidentId = text(p, value);
                    case "centerId" -> f.centerId = text(p, value);
                    case "factType" -> f.factType = orNull(text(p, value), FactType::parse);
                    case "at" -> at = text(p, value);
                    case "recordedAt" -> recordedAt = text(p, value);
                    case "incidentType" -> f.incidentType = orNull(text(p, value), IncidentType::parse);
                    case "level" -> f.level = orNull(text(p, value), IncidentLevel::parse);
                    case "confirmed" -> {
                        if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE && value != JsonToken.VALUE_NULL) {
                            throw new IllegalArgumentException("incident fact field confirmed is not true or false");
                        }
                        f.confirmed = value == JsonToken.VALUE_NULL ? null : value == JsonToken.VALUE_TRUE;
                    }
                    case "windowIds" -> f.windowIds = textArray(p, value);
                    case "departmentIds" -> f.departmentIds = textArray(p, value);
                    case "reportedBy" -> f.reportedBy = text(p, value);
                    case "reportedTo" -> f.reportedTo = text(p, value);
                    case "approver" -> f.approver = text(p, value);
                    case "pauseFrom" -> f.pauseFrom = instantOrNull("pauseFrom", text(p, value));
                    case "pauseTo" -> f.pauseTo = instantOrNull("pauseTo", text(p, value));
                    case "paperCases" -> {
                        if (value == JsonToken.VALUE_NULL) {
                            f.paperCases = null;
                        } else if (value != JsonToken.VALUE_NUMBER_INT) {
                            throw new IllegalArgumentException("incident fact field paperCases is not an integer");
                        } else {
                            f.paperCases = p.getIntValue();
                        }
                    }
                    case "source" -> f.source = orNull(text(p, value), FactSource::parse);
                    case "rule" -> f.rule = text(p, value);
                    case "note" -> f.note = text(p, value);
                    case "sourcePosition" -> f.sourcePosition = text(p, value);
                    default -> p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("incident fact is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("incident fact is not JSON: " + e.getMessage());
        }
        if (at == null) {
            throw new IllegalArgumentException("incident fact " + (f.factId == null ? "(no factId)" : "'" + f.factId + "'") + " has no at");
        }
        f.at = instant("at", at);
        f.recordedAt = recordedAt == null ? f.at : instant("recordedAt", recordedAt);
        return f.validate();
    }

    private static Long instantOrNull(String field, String text) {
        return text == null ? null : instant(field, text);
    }

    private static long instant(String field, String text) {
        try {
            return Times.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("incident fact field " + field + " '" + text
                    + "' is not an ISO-8601 instant with an offset, e.g. 2026-03-03T14:05:00+08:00");
        }
    }

    private static <T> T orNull(String text, java.util.function.Function<String, T> parse) {
        return text == null ? null : parse.apply(text);
    }

    private static void put(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    private static void array(JsonGenerator g, String field, String[] values) throws IOException {
        if (values != null) {
            g.writeArrayFieldStart(field);
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
    }

    private static String text(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!value.isScalarValue()) {
            throw new IllegalArgumentException("incident fact field " + p.currentName() + " is not a single value");
        }
        return p.getValueAsString();
    }

    private static String[] textArray(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        String field = p.currentName();
        if (value != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("incident fact field " + field + " is not an array");
        }
        List<String> items = new ArrayList<>(4);
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.VALUE_STRING) {
                throw new IllegalArgumentException("incident fact field " + field + " must be an array of strings");
            }
            items.add(p.getText());
        }
        return items.toArray(new String[0]);
    }
}
