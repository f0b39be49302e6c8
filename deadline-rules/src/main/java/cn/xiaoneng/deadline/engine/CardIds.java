package cn.xiaoneng.deadline.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic card ids (issue 3: "deterministic card ids: case, level, instant, rule version"):
 *
 * <pre>cardId = hex(SHA-256(centerId ␁ caseId ␁ kind ␁ qualifier ␁ instant ␁ ruleVersion))     (␁ = U+0001)</pre>
 *
 * where {@code kind} is the {@link CardKind} name, {@code qualifier} the threshold, step or department the card
 * is about, and {@code instant} the card's instant in epoch milliseconds, in decimal. The same facts under the
 * same rules give the same id on every replay, so a sink that keeps each id once never shows a card twice.
 * The center is included because case ids are unique only within a center.
 */
public final class CardIds {
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private CardIds() {}

    public static String of(String centerId, String caseId, CardKind kind, String qualifier, long instant, String ruleVersion) {
        return of(centerId, caseId, kind.name(), qualifier, instant, ruleVersion);
    }

    /**
     * The same layout for a card about another subject than a case (an incident: its id in the case's place) and a
     * kind of its own; kind names must not collide with {@link CardKind}'s, so ids never do.
     */
    public static String of(String centerId, String subjectId, String kindName, String qualifier, long instant, String ruleVersion) {
        String material = centerId + '\u0001' + subjectId + '\u0001' + kindName + '\u0001' + qualifier + '\u0001' + instant
                + '\u0001' + ruleVersion;
        return HEX.formatHex(SHA256.get().digest(material.getBytes(StandardCharsets.UTF_8)));
    }
}
