package cn.xiaoneng.alerting.service;

import cn.xiaoneng.alerting.engine.AuditEvent;
import cn.xiaoneng.model.Times;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An {@link AuditEvent} as one JSONEachRow line of {@code alert_delivery_audit} (the audit topic's value). */
public final class AuditRows {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AuditRows() {}

    public static byte[] encode(AuditEvent e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("audit_id", e.auditId());
        n.put("event_time", Times.format(e.at()));
        n.put("event", e.event().name());
        n.put("center_id", nz(e.centerId()));
        n.set("card_ids", MAPPER.valueToTree(e.cardIds()));
        n.set("subjects", MAPPER.valueToTree(e.caseIds()));
        n.set("kinds", MAPPER.valueToTree(e.kinds()));
        n.put("receiver_id", nz(e.receiverId()));
        n.put("channel", nz(e.channel()));
        n.put("target", nz(e.target()));
        n.put("notification_id", nz(e.notificationId()));
        n.put("attempt", e.attempt());
        n.put("detail", nz(e.detail()));
        n.put("actor", nz(e.actor()));
        n.put("message", nz(e.message()));
        return n.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
