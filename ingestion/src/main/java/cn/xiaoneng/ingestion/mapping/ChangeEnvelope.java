package cn.xiaoneng.ingestion.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * A Debezium change event as JSON without schemas ({@code value.converter.schemas.enable=false}):
 * {@code {before, after, source: {...}, op: c|r|u|d, ts_ms}}. Temporal columns arrive with
 * {@code time.precision.mode=connect} as epoch milliseconds of the wall-clock time read as UTC (the column
 * has no zone); the mapping's timeZone turns them into instants.
 */
public final class ChangeEnvelope {
    private final JsonNode root;
    private final String op;

    private ChangeEnvelope(JsonNode root, String op) {
        this.root = root;
        this.op = op;
    }

    /** @throws Rejection MALFORMED when this is not a change envelope */
    static ChangeEnvelope of(JsonNode root) throws Rejection {
        if (root == null || !root.isObject()) {
            throw new Rejection(Rejection.Code.MALFORMED, "record value is not a JSON object");
        }
        JsonNode payload = root.has("payload") && root.get("payload").isObject() ? root.get("payload") : root;
        String op = payload.path("op").asText(null);
        if (op == null || !(op.equals("c") || op.equals("r") || op.equals("u") || op.equals("d"))) {
            throw new Rejection(Rejection.Code.MALFORMED, "record has no Debezium op (c/r/u/d): " + abbreviate(root.toString()));
        }
        if (!payload.path("source").isObject()) {
            throw new Rejection(Rejection.Code.MALFORMED, "record has no Debezium source block");
        }
        ChangeEnvelope env = new ChangeEnvelope(payload, op);
        JsonNode image = op.equals("d") ? env.before() : env.after();
        if (image == null || !image.isObject()) {
            throw new Rejection(Rejection.Code.MALFORMED, "op '" + op + "' without a " + (op.equals("d") ? "before" : "after") + " image");
        }
        return env;
    }

    public boolean isCreate() {
        return op.equals("c") || op.equals("r");
    }

    public boolean isDelete() {
        return op.equals("d");
    }

    public boolean isSnapshot() {
        return op.equals("r");
    }

    public String op() {
        return op;
    }

    public JsonNode before() {
        JsonNode b = root.get("before");
        return b == null || b.isNull() ? null : b;
    }

    public JsonNode after() {
        JsonNode a = root.get("after");
        return a == null || a.isNull() ? null : a;
    }

    /** The row as it is now (the before image for deletes). */
    public JsonNode row() {
        return isDelete() ? before() : after();
    }

    JsonNode source() {
        return root.get("source");
    }

    /** {@code schema.table} for PostgreSQL, {@code db.table} for MySQL/MariaDB. */
    public String qualifiedTable() {
        JsonNode s = source();
        String table = s.path("table").asText("");
        String schema = s.hasNonNull("schema") ? s.get("schema").asText() : s.path("db").asText("");
        return schema + "." + table;
    }

    /** Where in the source log this change sits: {@code lsn:N} (PostgreSQL) or {@code file:pos:row} (binlog). */
    public String position() {
        JsonNode s = source();
        if (s.hasNonNull("lsn")) {
            return "lsn:" + s.get("lsn").asText();
        }
        if (s.hasNonNull("file")) {
            return s.get("file").asText() + ":" + s.path("pos").asText("0") + ":" + s.path("row").asText("0");
        }
        return "ts:" + s.path("ts_ms").asText("0");
    }

    /** When the source committed the change (source.ts_ms; whole seconds for MariaDB). */
    public long commitTime() {
        JsonNode s = source();
        if (s.hasNonNull("ts_ms")) {
            return s.get("ts_ms").asLong();
        }
        return root.path("ts_ms").asLong(0);
    }

    /** A column's value as text; null when the column is absent or SQL NULL. Numbers print without decimals when whole. */
    static String text(JsonNode row, String column) {
        if (row == null || column == null) {
            return null;
        }
        JsonNode v = row.get(column);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.asText(); // the digits, whatever the width (no BigInteger on the common int/long path)
        }
        if (v.isNumber()) {
            return v.decimalValue().stripTrailingZeros().toPlainString();
        }
        return v.asText();
    }

    /**
     * A temporal column as an instant, or null when empty.
     * @throws Rejection BAD_VALUE when the value is not a time
     */
    static Long instant(JsonNode row, String column, ZoneId zone, String key) throws Rejection {
        JsonNode v = row.get(column);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            // connect mode: wall-clock millis read as UTC
            return WallClock.of(zone).toEpochMilli(v.asLong());
        }
        String t = v.asText();
        try {
            return OffsetDateTime.parse(t).toInstant().toEpochMilli();
        } catch (DateTimeParseException e1) {
            try {
                return Instant.parse(t).toEpochMilli();
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDateTime.parse(t.replace(' ', 'T')).atZone(zone).toInstant().toEpochMilli();
                } catch (DateTimeParseException e3) {
                    throw new Rejection(Rejection.Code.BAD_VALUE, "column " + column + " value '" + t + "' is not a time, for " + key);
                }
            }
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
