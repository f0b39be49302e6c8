package cn.xiaoneng.alerting.delivery;

import cn.xiaoneng.alerting.config.ChannelConfig;
import cn.xiaoneng.alerting.message.Hmac;
import cn.xiaoneng.alerting.message.Message;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * DingTalk (钉钉自定义机器人) and WeCom (企业微信群机器人) group robots: a markdown message; the robot answers HTTP 200
 * with {@code errcode} 0 on success, anything else is a failed attempt. DingTalk's 加签: {@code timestamp} (ms) and
 * {@code sign = urlencode(base64(HmacSHA256(secret, timestamp + "\n" + secret)))} in the query. Robots keep no
 * idempotency key, so the message id is printed in the message's footer for people to spot a resend.
 */
public final class RobotChannel implements Channel {
    /** WeCom refuses markdown content over 4096 bytes; DingTalk's limit is higher, 20000 chars. */
    static final int WECOM_MAX_BYTES = 4096;
    private final ChannelConfig config;
    private final LongSupplier clock;

    public RobotChannel(ChannelConfig config, LongSupplier clock) {
        if (!(config instanceof ChannelConfig.DingTalk) && !(config instanceof ChannelConfig.WeCom)) {
            throw new IllegalArgumentException("not a robot channel: " + config.type());
        }
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String send(Message m) throws DeliveryException {
        String body = body(config, m);
        String url;
        if (config instanceof ChannelConfig.DingTalk d) {
            url = d.baseUrl() + "?access_token=" + enc(d.accessToken().value());
            if (d.signSecret() != null) {
                long ts = clock.getAsLong();
                url += "&timestamp=" + ts + "&sign=" + dingTalkSign(d.signSecret().value(), ts);
            }
        } else {
            ChannelConfig.WeCom w = (ChannelConfig.WeCom) config;
            url = w.baseUrl() + "?key=" + enc(w.key().value());
        }
        String response = HttpPost.post(url, "application/json; charset=utf-8", body, Map.of());
        try {
            JsonNode r = WebhookChannel.MAPPER.readTree(response);
            int code = r.path("errcode").asInt(-1);
            if (code != 0) {
                throw new DeliveryException(config.type() + " robot errcode " + code + ": " + r.path("errmsg").asText(""));
            }
        } catch (IOException e) {
            throw new DeliveryException(config.type() + " robot answered no JSON");
        }
        return body;
    }

    public static String body(ChannelConfig config, Message m) {
        ObjectNode n = WebhookChannel.MAPPER.createObjectNode();
        n.put("msgtype", "markdown");
        ObjectNode md = n.putObject("markdown");
        if (config instanceof ChannelConfig.DingTalk) {
            md.put("title", m.title());
            md.put("text", truncate(m.markdown(), 18_000));
        } else {
            md.put("content", truncateBytes(m.markdown(), WECOM_MAX_BYTES - 64));
        }
        return n.toString();
    }

    static String dingTalkSign(String secret, long timestamp) {
        byte[] mac = Hmac.sha256(secret, timestamp + "\n" + secret);
        return enc(Base64.getEncoder().encodeToString(mac));
    }

    private static String truncate(String s, int chars) {
        return s.length() <= chars ? s : s.substring(0, chars) + "\n…（内容过长已截断，请查看跟踪表）";
    }

    private static String truncateBytes(String s, int bytes) {
        if (s.getBytes(StandardCharsets.UTF_8).length <= bytes) {
            return s;
        }
        String tail = "\n…（内容过长已截断）";
        int budget = bytes - tail.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder b = new StringBuilder();
        int used = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + len > budget) {
                break;
            }
            b.appendCodePoint(cp);
            used += len;
            i += Character.charCount(cp);
        }
        return b + tail;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
