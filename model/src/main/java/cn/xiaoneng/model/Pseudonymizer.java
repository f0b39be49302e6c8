package cn.xiaoneng.model;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps applicants' identity and phone numbers out of canonical topics (个人信息保护法): identity numbers
 * become a keyed hash (HMAC-SHA256, so the same person links across cases but cannot be looked up without the
 * key), phone numbers are masked to 3+4 digits. The key comes from configuration, never from code.
 */
public final class Pseudonymizer implements Serializable {
    private static final long serialVersionUID = 1L;
    private final byte[] key;
    /** One initialised MAC per thread (and per deserialized copy): creating one per call is costly on the hot path. */
    private transient ThreadLocal<Mac> mac;

    public Pseudonymizer(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("pseudonymization key must have at least 16 bytes");
        }
        this.key = key.clone();
    }

    /** Keyed hash of an identity number, hex, 32 chars; null stays null. Case and spaces are normalised first. */
    public String keyOf(String identityNumber) {
        if (identityNumber == null || identityNumber.isBlank()) {
            return null;
        }
        if (mac == null) {
            mac = ThreadLocal.withInitial(this::newMac);
        }
        byte[] h = mac.get().doFinal(identityNumber.trim().toUpperCase().getBytes(StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(h, 0, 16);
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code 13812345678 -> 138****5678}; anything shorter than 7 digits is masked whole. */
    public static String maskPhone(String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        String p = phone.trim();
        if (p.length() < 7) {
            return "*".repeat(p.length());
        }
        return p.substring(0, 3) + "*".repeat(p.length() - 7) + p.substring(p.length() - 4);
    }
}
