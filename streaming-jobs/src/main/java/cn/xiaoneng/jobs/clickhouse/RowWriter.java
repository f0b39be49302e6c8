package cn.xiaoneng.jobs.clickhouse;

import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * How one sink writer turns elements into the bytes of an insert: JSONEachRow ({@link JsonRowEncoder}, every table) or
 * RowBinaryWithNamesAndTypes ({@link RowBinaryEncoder}, the high-volume ODS tables). One instance per writer, used on
 * the task thread only.
 */
abstract class RowWriter<T> {
    abstract ClickHouseFormat format();

    /** Whatever a batch starts with (a header), written into the empty buffer before its first row. */
    abstract void startBatch(ByteArrayOutputStream buffer) throws IOException;

    /** Appends one row; on failure the caller cuts the buffer back to where the row began and calls {@link #reset}. */
    abstract void write(T element, ByteArrayOutputStream buffer) throws IOException;

    /** Forgets any state tied to the buffer's contents (after the caller cut it back). */
    abstract void reset(ByteArrayOutputStream buffer);

    static <T> RowWriter<T> json(JsonRowEncoder<T> encoder) {
        return new JsonEachRow<>(encoder);
    }

    static <T> RowWriter<T> rowBinary(RowBinaryEncoder<T> encoder) {
        return new RowBinary<>(encoder);
    }

    /** One JSON object per line, written by a streaming generator straight into the buffer. */
    private static final class JsonEachRow<T> extends RowWriter<T> {
        private static final JsonFactory JSON = new JsonFactory();
        private final JsonRowEncoder<T> encoder;
        private ByteArrayOutputStream target;
        private JsonGenerator generator;
        private JsonRow row;

        JsonEachRow(JsonRowEncoder<T> encoder) {
            this.encoder = encoder;
        }

        @Override
        ClickHouseFormat format() {
            return ClickHouseFormat.JSONEachRow;
        }

        @Override
        void startBatch(ByteArrayOutputStream buffer) {}

        @Override
        void write(T element, ByteArrayOutputStream buffer) throws IOException {
            if (target != buffer) {
                reset(buffer);
            }
            generator.writeStartObject();
            encoder.encode(element, row);
            generator.writeEndObject();
            generator.flush();
            buffer.write('\n');
        }

        /** A fresh generator (the old one may be inside an object); rows are separated by the newline written after each. */
        @Override
        void reset(ByteArrayOutputStream buffer) {
            try {
                generator = JSON.createGenerator(buffer);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            generator.setRootValueSeparator(null);
            row = new JsonRow(generator);
            target = buffer;
        }
    }

    /** The column names and types once per batch, then each row's values in ClickHouse's binary layout. */
    private static final class RowBinary<T> extends RowWriter<T> {
        private final RowBinaryEncoder<T> encoder;
        private final RowBinaryRow row = new RowBinaryRow();
        private final byte[] header;

        RowBinary(RowBinaryEncoder<T> encoder) {
            this.encoder = encoder;
            this.header = RowBinaryRow.header(encoder.columns());
        }

        @Override
        ClickHouseFormat format() {
            return ClickHouseFormat.RowBinaryWithNamesAndTypes;
        }

        @Override
        void startBatch(ByteArrayOutputStream buffer) {
            buffer.write(header, 0, header.length);
        }

        @Override
        void write(T element, ByteArrayOutputStream buffer) {
            row.clear();
            encoder.encode(element, row);
            row.writeTo(buffer);
        }

        @Override
        void reset(ByteArrayOutputStream buffer) {
            row.clear();
        }
    }
}
