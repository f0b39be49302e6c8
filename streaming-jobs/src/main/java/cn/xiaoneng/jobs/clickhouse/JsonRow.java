package cn.xiaoneng.jobs.clickhouse;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One JSONEachRow object being written, field by field, straight into the sink's batch buffer (no tree in between: every
 * row of every table passes through here). A null string is written as JSON null, which ClickHouse reads as the
 * column's default (or NULL for Nullable columns).
 */
public final class JsonRow {
    private final JsonGenerator g;

    JsonRow(JsonGenerator generator) {
        this.g = generator;
    }

    public JsonRow put(String column, String value) {
        try {
            g.writeStringField(column, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonRow put(String column, long value) {
        try {
            g.writeNumberField(column, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonRow put(String column, double value) {
        try {
            g.writeNumberField(column, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** An {@code Array(String)} column; null is written as the empty array. */
    public JsonRow putArray(String column, String[] values) {
        try {
            g.writeArrayFieldStart(column);
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
}
