package cn.xiaoneng.alerting.message;

import cn.xiaoneng.alerting.config.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Signed acknowledgement links: {@code <base>/ack?c=<cardId>&r=<receiver>&e=<expiry epoch s>&s=<HMAC-SHA256 hex>}.
 * Opening the link shows a page with a button (a POST acknowledges: link previews in chat apps fetch GETs, and must
 * not acknowledge on a reader's behalf). The signature binds card, receiver and expiry, so a link works only for the
 * card and person it was sent to, until it expires.
 */
public final class AckLinks {
    private final String baseUrl;
    private final Secret key;
    private final long validSeconds;

    public AckLinks(String baseUrl, Secret key, long validSeconds) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.key = key;
        this.validSeconds = validSeconds;
    }

    public String link(String cardId, String receiverId, long nowMillis) {
        long exp = nowMillis / 1000 + validSeconds;
        return baseUrl + "/ack?c=" + enc(cardId) + "&r=" + enc(receiverId) + "&e=" + exp + "&s=" + sign(cardId, receiverId, exp);
    }

    /** Whether {@code signature} is valid for the card, receiver and expiry, and the expiry has not passed. */
    public boolean verify(String cardId, String receiverId, long exp, String signature, long nowMillis) {
        if (cardId == null || receiverId == null || signature == null || exp < nowMillis / 1000) {
            return false;
        }
        return MessageDigest.isEqual(sign(cardId, receiverId, exp).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    String sign(String cardId, String receiverId, long exp) {
        return HexFormat.of().formatHex(Hmac.sha256(key.value(), cardId + "\n" + receiverId + "\n" + exp));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
