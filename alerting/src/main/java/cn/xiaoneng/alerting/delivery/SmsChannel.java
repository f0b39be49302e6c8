package cn.xiaoneng.alerting.delivery;

import cn.xiaoneng.alerting.config.ChannelConfig;
import cn.xiaoneng.alerting.config.SmsGateway;
import cn.xiaoneng.alerting.message.Message;
import java.util.HashMap;
import java.util.Map;

/**
 * SMS through an HTTP gateway: one POST per phone, body from the gateway's template. A phone that fails fails the
 * attempt; the retry sends to every phone again with the same idempotency key (gateways that take a client message
 * id drop the repeat).
 */
public final class SmsChannel implements Channel {
    private final ChannelConfig.Sms config;
    private final SmsGateway gateway;

    public SmsChannel(ChannelConfig.Sms config, SmsGateway gateway) {
        this.config = config;
        this.gateway = gateway;
    }

    @Override
    public String send(Message m) throws DeliveryException {
        Map<String, String> headers = new HashMap<>();
        if (gateway.apiKey() != null) {
            headers.put(gateway.apiKeyHeader(), gateway.apiKey().value());
        }
        boolean json = gateway.contentType().contains("json");
        String text = m.shortText(gateway.textTemplate());
        for (String phone : config.phones()) {
            String body = gateway.bodyTemplate().replace("{phone}", esc(phone, json)).replace("{text}", esc(text, json))
                    .replace("{idempotencyKey}", esc(m.idempotencyKey() + "/" + phone, json));
            // one SMS per phone: each has its own key, so a gateway (or a test receiver) dedupes per phone
            headers.put("X-Xiaoneng-Idempotency-Key", m.idempotencyKey() + "/" + phone);
            HttpPost.post(gateway.url(), gateway.contentType(), body, headers);
        }
        return text;
    }

    private static String esc(String s, boolean json) {
        if (!json) {
            return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
        }
        String q = com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString();
        return q.substring(1, q.length() - 1);
    }
}
