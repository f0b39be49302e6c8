package cn.xiaoneng.ingestion.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * A Debezium change event as JSON without schemas ({@code value.converter.schemas.enable=false}):
 * {@code {before, after, source: {...}, op: c|r|u|d, ts_ms}}. Temporal columns arrive with
 * {@code time.precision.mode=connect} as epoch milliseconds of the wall-clock time read as UTC (the column
 * has no zone); the mapping's timeZone turns them into instants. A {@code {"schema": .., "payload": {..}}} wrapper (schemas
 * on) is read through to its payload.
 *
 * <p>Read by {@link EnvelopeReader} in one streaming pass: the row images are {@link RowImage}s, the source block keeps
 * only the fields read here. The accessors keep the meaning they had over the Jackson tree (absent, null and wrongly
 * typed fields give the same defaults). Its row images are the reader's, reused for the next record: use an envelope
 * before reading the next one.
 */
public final class ChangeEnvelope {
    private final String op;
    private final RowImage before;
    private final RowImage after;
    /** The source block's fields this class reads (table, schema, db, lsn, file, pos, row, ts_ms); never null. */
    private final RowImage source;
    /** The envelope's own ts_ms, or null when absent. */
    private final JsonNode tsMs;

    /**
     * @param before the before image, or null when absent, null or not an object
     * @param after  the after image, likewise
     */
    ChangeEnvelope(String op, RowImage before, RowImage after, RowImage source, JsonNode tsMs) {
        this.op = op;
        this.before = before;
        this.after = after;
        this.source = source;
        this.tsMs = tsMs;
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

    /** The before image, or null when the record has none (inserts, snapshots, or no before image captured). */
    public RowImage before() {
        return before;
    }

    /** The after image, or null for deletes. */
    public RowImage after() {
        return after;
    }

    /** The row as it is now (the before image for deletes). */
    public RowImage row() {
        return isDelete() ? before : after;
    }

    /** {@code schema.table} for PostgreSQL, {@code db.table} for MySQL/MariaDB. */
    public String qualifiedTable() {
        RowImage s = source;
        String table = path(s.get("table")).asText("");
        String schema = hasNonNull(s, "schema") ? s.get("schema").asText() : path(s.get("db")).asText("");
        return schema + "." + table;
    }

    /** Where in the source log this change sits: {@code lsn:N} (PostgreSQL) or {@code file:pos:row} (binlog). */
    public String position() {
        RowImage s = source;
        if (hasNonNull(s, "lsn")) {
            return "lsn:" + s.get("lsn").asText();
        }
        if (hasNonNull(s, "file")) {
            return s.get("file").asText() + ":" + path(s.get("pos")).asText("0") + ":" + path(s.get("row")).asText("0");
        }
        return "ts:" + path(s.get("ts_ms")).asText("0");
    }

    /** When the source committed the change (source.ts_ms; whole seconds for MariaDB). */
    public long commitTime() {
        RowImage s = source;
        if (hasNonNull(s, "ts_ms")) {
            return s.get("ts_ms").asLong();
        }
        return path(tsMs).asLong(0);
    }

    /** A column's value as text; null when the column is absent or SQL NULL. Numbers print without decimals when whole. */
    static String text(RowImage row, String column) {
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
    static Long instant(RowImage row, String column, ZoneId zone, String key) throws Rejection {
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

    /** What {@code JsonNode.path} gives: the node, or MissingNode for an absent field (so asText/asLong take their defaults). */
    private static JsonNode path(JsonNode n) {
        return n == null ? MissingNode.getInstance() : n;
    }

    /** What {@code JsonNode.hasNonNull} gives on the source block. */
    private static boolean hasNonNull(RowImage s, String field) {
        JsonNode n = s.get(field);
        return n != null && !n.isNull();
    }

    static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
