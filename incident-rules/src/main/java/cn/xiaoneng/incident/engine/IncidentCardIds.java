package cn.xiaoneng.incident.engine;

import cn.xiaoneng.incident.IncidentCardKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic incident card ids, the material layout of the deadline engine's {@code CardIds} with the incident
 * in the case's place:
 *
 * <pre>cardId = hex(SHA-256(centerId ␁ incidentId ␁ kind ␁ qualifier ␁ instant ␁ ruleVersion))     (␁ = U+0001)</pre>
 *
 * {@code kind} is the {@link IncidentCardKind} name, {@code instant} epoch milliseconds in decimal. Incident kind
 * names differ from every case card kind, so an incident card can never share an id with a case card. (The
 * deadline engine's {@code CardIds.of} takes its own enum; a {@code String}-kind overload there would let both
 * share one implementation.)
 */
public final class IncidentCardIds {
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private IncidentCardIds() {}

    public static String of(String centerId, String incidentId, IncidentCardKind kind, String qualifier, long instant, String ruleVersion) {
        String material = centerId + '\u0001' + incidentId + '\u0001' + kind.name() + '\u0001' + qualifier + '\u0001' + instant
                + '\u0001' + ruleVersion;
        return HEX.formatHex(SHA256.get().digest(material.getBytes(StandardCharsets.UTF_8)));
    }
}
