package cn.xiaoneng.alerting.delivery;

import cn.xiaoneng.alerting.config.ChannelConfig;
import cn.xiaoneng.alerting.message.Hmac;
import cn.xiaoneng.alerting.message.Message;
import cn.xiaoneng.model.Times;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Generic JSON webhook. Headers: {@code X-Xiaoneng-Idempotency-Key} (the message id; the same on a resend),
 * {@code X-Xiaoneng-Timestamp} (epoch seconds) and {@code X-Xiaoneng-Signature: sha256=<hex>} — HMAC-SHA256 with the
 * receiver's secret over {@code <timestamp>.<body>}. A receiver checks the signature, rejects stale timestamps and
 * drops keys it has seen.
 */
public final class WebhookChannel implements Channel {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private final ChannelConfig.Webhook config;
    private final LongSupplier clock;

    public WebhookChannel(ChannelConfig.Webhook config, LongSupplier clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String send(Message m) throws DeliveryException {
        String body = body(m);
        String ts = String.valueOf(clock.getAsLong() / 1000);
        String sig = "sha256=" + HexFormat.of().formatHex(Hmac.sha256(config.hmacSecret().value(), ts + "." + body));
        HttpPost.post(config.url(), "application/json; charset=utf-8", body, Map.of("X-Xiaoneng-Idempotency-Key",
                m.idempotencyKey(), "X-Xiaoneng-Timestamp", ts, "X-Xiaoneng-Signature", sig));
        return body;
    }

    /** The JSON body: the message texts plus every card with its data, links and original card JSON. */
    public static String body(Message m) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("idempotencyKey", m.idempotencyKey());
        n.put("title", m.title());
        n.put("text", m.plain());
        n.put("summary", m.summary());
        n.put("totalCards", m.totalCards());
        ArrayNode cards = n.putArray("cards");
        for (Message.CardLine l : m.cards()) {
            ObjectNode c = cards.addObject();
            var a = l.alert();
            c.put("notice", l.type());
            c.put("heading", l.heading());
            c.put("source", a.source().name());
            c.put("cardId", a.cardId());
            c.put("status", a.retracted() ? "RETRACTED" : "RAISED");
            c.put("kind", a.kind());
            c.put("label", a.label());
            c.put("level", a.level());
            c.put("instant", Times.format(a.instant()));
            c.put("centerId", a.centerId());
            putIf(c, "caseId", a.caseId());
            putIf(c, "incidentId", a.incidentId());
            c.set("departmentIds", MAPPER.valueToTree(a.departmentIds()));
            c.set("windowIds", MAPPER.valueToTree(a.windowIds()));
            putIf(c, "itemName", a.itemName());
            putIf(c, "handler", a.handler());
            putIf(c, "due", a.due() == null ? null : Times.format(a.due()));
            if (a.overdueDays() != null) {
                c.put("overdueDays", a.overdueDays());
            }
            putIf(c, "clause", a.clause());
            putIf(c, "ruleVersion", a.ruleVersion());
            putIf(c, "trackingUrl", l.trackingUrl());
            putIf(c, "ackUrl", l.ackUrl());
            try {
                c.set("card", MAPPER.readTree(a.json()));
            } catch (IOException | RuntimeException e) {
                c.put("cardText", a.json());
            }
        }
        try {
            return MAPPER.writeValueAsString(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putIf(ObjectNode n, String k, String v) {
        if (v != null) {
            n.put(k, v);
        }
    }
}
