package cn.xiaoneng.ingestion.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/** Debezium change envelopes as the connectors emit them (JSON, schemas off, time.precision.mode=connect). */
final class Envelopes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Envelopes() {}

    /** A wall-clock time as Debezium's connect mode sends it: millis of the local time read as UTC. */
    static long wall(String localDateTime) {
        return LocalDateTime.parse(localDateTime).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    static byte[] pg(String op, String schema, String table, Map<String, Object> before, Map<String, Object> after, long lsn, long commitMillis) {
        ObjectNode source = JSON.createObjectNode().put("connector", "postgresql").put("db", "approval_db").put("schema", schema)
                .put("table", table).put("lsn", lsn).put("ts_ms", commitMillis).put("snapshot", op.equals("r") ? "true" : "false");
        return envelope(op, before, after, source);
    }

    static byte[] maria(String op, String db, String table, Map<String, Object> before, Map<String, Object> after, String file, long pos, int row,
                        long commitMillis) {
        ObjectNode source = JSON.createObjectNode().put("connector", "mariadb").put("db", db).put("table", table).put("file", file)
                .put("pos", pos).put("row", row).put("ts_ms", commitMillis);
        return envelope(op, before, after, source);
    }

    private static byte[] envelope(String op, Map<String, Object> before, Map<String, Object> after, ObjectNode source) {
        ObjectNode root = JSON.createObjectNode();
        root.set("before", before == null ? null : JSON.valueToTree(before));
        root.set("after", after == null ? null : JSON.valueToTree(after));
        root.set("source", source);
        root.put("op", op).put("ts_ms", source.get("ts_ms").asLong());
        try {
            return JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] key(String column, String value) {
        return ("{\"" + column + "\":\"" + value + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
