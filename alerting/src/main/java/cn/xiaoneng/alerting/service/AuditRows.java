package cn.xiaoneng.alerting.service;

import cn.xiaoneng.alerting.engine.AuditEvent;
import cn.xiaoneng.model.Times;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * An {@link AuditEvent} as one JSONEachRow line of {@code alert_delivery_audit} (the audit topic's value). Written with
 * Jackson's streaming generator straight to UTF-8: one or more rows per card, so this is on the router's hot path (a
 * tree per row, then a string, then its bytes cost three copies).
 */
public final class AuditRows {
    private static final JsonFactory JSON = new JsonFactory();

    private AuditRows() {}

    public static byte[] encode(AuditEvent e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("audit_id", e.auditId());
            g.writeStringField("event_time", Times.format(e.at()));
            g.writeStringField("event", e.event().name());
            g.writeStringField("center_id", nz(e.centerId()));
            array(g, "card_ids", e.cardIds());
            array(g, "subjects", e.caseIds());
            array(g, "kinds", e.kinds());
            g.writeStringField("receiver_id", nz(e.receiverId()));
            g.writeStringField("channel", nz(e.channel()));
            g.writeStringField("target", nz(e.target()));
            g.writeStringField("notification_id", nz(e.notificationId()));
            g.writeNumberField("attempt", e.attempt());
            g.writeStringField("detail", nz(e.detail()));
            g.writeStringField("actor", nz(e.actor()));
            g.writeStringField("message", nz(e.message()));
            g.writeEndObject();
        } catch (IOException ex) {
            throw new IllegalStateException("cannot encode audit row", ex);
        }
        return out.toByteArray();
    }

    private static void array(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
