package cn.xiaoneng.jobs.clickhouse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Turns one element into one JSONEachRow line: put a field per table column on {@code row} (names as in the
 * migration). It travels inside the job graph, hence {@link Serializable}; keep it stateless. Columns left out take
 * their table default; a field the table lacks fails the insert (see {@link ClickHouseSink}).
 */
@FunctionalInterface
public interface JsonRowEncoder<T> extends Serializable {
    void encode(T value, JsonRow row);

    /** The one JSON object {@code value} becomes (for tests and diagnostics; the sink writes into its batch directly). */
    default String toJson(T value) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
            g.writeStartObject();
            encode(value, new JsonRow(g));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
