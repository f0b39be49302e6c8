package cn.xiaoneng.jobs.clickhouse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One row of ClickHouse's RowBinary format being written: little-endian integers, strings as a LEB128 length and UTF-8
 * bytes, {@code Nullable(T)} as a null byte then T, {@code DateTime64(3)} as Int64 milliseconds since the epoch,
 * {@code Array(T)} as a LEB128 count then the elements; {@code LowCardinality(T)} is written as T. The caller writes one
 * value per column of its {@link RowBinaryEncoder#columns()}, in order, with the method of the column's type.
 */
public final class RowBinaryRow {
    private byte[] bytes = new byte[512];
    private int size;

    RowBinaryRow() {}

    /** {@code String} (also {@code LowCardinality(String)}); null is written as the empty string, the type's default. */
    public RowBinaryRow string(String value) {
        if (value == null || value.isEmpty()) {
            return varUInt(0);
        }
        if (isAscii(value)) {
            int n = value.length();
            varUInt(n);
            ensure(n);
            value.getBytes(0, n, bytes, size); // ASCII only: each char is its byte
            size += n;
            return this;
        }
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code Nullable(String)} (also {@code LowCardinality(Nullable(String))}). */
    public RowBinaryRow nullableString(String value) {
        if (value == null) {
            return uint8(1);
        }
        uint8(0);
        return string(value);
    }

    /** {@code Array(String)}; null is written as the empty array. */
    public RowBinaryRow stringArray(String[] values) {
        if (values == null) {
            return varUInt(0);
        }
        varUInt(values.length);
        for (String v : values) {
            string(v);
        }
        return this;
    }

    public RowBinaryRow uint8(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    public RowBinaryRow uint16(int value) {
        return littleEndian(value, 2);
    }

    public RowBinaryRow uint32(long value) {
        return littleEndian(value, 4);
    }

    public RowBinaryRow uint64(long value) {
        return littleEndian(value, 8);
    }

    public RowBinaryRow int64(long value) {
        return littleEndian(value, 8);
    }

    /** {@code DateTime64(3[, zone])}: the instant in milliseconds (the zone only affects how ClickHouse shows it). */
    public RowBinaryRow dateTime64Millis(long epochMillis) {
        return int64(epochMillis);
    }

    private RowBinaryRow littleEndian(long value, int width) {
        ensure(width);
        for (int i = 0; i < width; i++) {
            bytes[size++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    private RowBinaryRow bytes(byte[] value) {
        varUInt(value.length);
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
        return this;
    }

    /** LEB128, as ClickHouse writes lengths and counts. */
    private RowBinaryRow varUInt(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
        return this;
    }

    private static boolean isAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    void clear() {
        size = 0;
    }

    void writeTo(ByteArrayOutputStream out) {
        out.write(bytes, 0, size);
    }

    /** This row's bytes (for tests). */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** The header of a {@code RowBinaryWithNamesAndTypes} batch: the column count, the names, then the types. */
    static byte[] header(List<RowBinaryEncoder.Column> columns) {
        RowBinaryRow h = new RowBinaryRow();
        h.varUInt(columns.size());
        columns.forEach(c -> h.string(c.name()));
        columns.forEach(c -> h.string(c.type()));
        return h.toByteArray();
    }
}
