package cn.xiaoneng.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic event ids: a hash of where the fact came from, so processing the same source record twice
 * (a replay, a restart before a checkpoint) yields the same id and the warehouse keeps it once.
 */
public final class EventIds {
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
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(32);
            for (int i = 0; i < 16; i++) {
                sb.append(String.format("%02x", h[i]));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
