package cn.xiaoneng.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic event ids: a hash of where the fact came from, so processing the same source record twice
 * (a replay, a restart before a checkpoint) yields the same id and the warehouse keeps it once.
 */
public final class EventIds {
    private static final java.util.HexFormat HEX = java.util.HexFormat.of();
    /** One digest per thread: getInstance is costly on the hot path and a digest is not thread-safe. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private EventIds() {}

    /**
     * @param sourceId  the departmental system
     * @param table     the source table
     * @param rowKey    the row's primary key as the source states it (distinguishes snapshot rows sharing a position)
     * @param position  LSN or binlog file:pos:row
     * @param ruleIndex which mapping rule produced it (one row change can yield several events)
     */
    public static String of(String sourceId, String table, String rowKey, String position, int ruleIndex) {
        String material = sourceId + '\u0001' + table + '\u0001' + rowKey + '\u0001' + position + '\u0001' + ruleIndex;
        byte[] h = SHA256.get().digest(material.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(h, 0, 16);
    }
}
