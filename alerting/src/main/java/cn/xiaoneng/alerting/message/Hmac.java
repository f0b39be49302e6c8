package cn.xiaoneng.alerting.message;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, the one signature used by webhooks, DingTalk's 加签 and acknowledgement links. */
public final class Hmac {
    private Hmac() {}

    public static byte[] sha256(String key, String data) {
        return sha256(key, data.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] sha256(String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
