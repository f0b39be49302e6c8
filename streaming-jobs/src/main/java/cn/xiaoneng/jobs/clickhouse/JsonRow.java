package cn.xiaoneng.jobs.clickhouse;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * One JSONEachRow object being written, field by field, straight into the sink's batch buffer (no tree in between: every
 * row of every table passes through here). A null string is written as JSON null, which ClickHouse reads as the
 * column's default (or NULL for Nullable columns).
 */
public final class JsonRow {
    private final JsonGenerator g;
    /** Column names quoted and UTF-8 encoded once per writer, then written as raw bytes (a table has a few dozen). */
    private final Map<String, SerializedString> names = new HashMap<>();

    JsonRow(JsonGenerator generator) {
        this.g = generator;
    }

    public JsonRow put(String column, String value) {
        try {
            g.writeFieldName(name(column));
            g.writeString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonRow put(String column, long value) {
        try {
            g.writeFieldName(name(column));
            g.writeNumber(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonRow put(String column, double value) {
        try {
            g.writeFieldName(name(column));
            g.writeNumber(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** An {@code Array(String)} column; null is written as the empty array. */
    public JsonRow putArray(String column, String[] values) {
        try {
            g.writeFieldName(name(column));
            g.writeStartArray();
            if (values != null) {
                for (String v : values) {
                    g.writeString(v);
                }
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private SerializedString name(String column) {
        SerializedString n = names.get(column);
        if (n == null) {
            n = new SerializedString(column);
            names.put(column, n);
        }
        return n;
    }
}
