package cn.xiaoneng.ingestion.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * One row image of a change envelope ({@code before} or {@code after}): its columns in the order the record gives
 * them, each with its value as the Jackson value node {@code readTree} would have built (TextNode, IntNode / LongNode /
 * BigIntegerNode, DoubleNode, BooleanNode, NullNode; a nested object or array as its tree). It replaces the ObjectNode
 * the normalizer used to build: a row has 5–30 columns and is read a few dozen times, so parallel arrays with a small
 * open-addressing index cost far less than a LinkedHashMap per record.
 *
 * <p>It behaves as that ObjectNode did where the mapping looks: a column given twice keeps its first position and its
 * last value, and {@link #toString()} is byte for byte {@code ObjectNode.toString()} — snapshot rows hash it into their
 * event ids, so it must never change.
 */
public final class RowImage {
    /** Serializes values as {@code ObjectNode.toString()} does: a default factory's generator over a Writer. */
    private static final JsonFactory JSON = new JsonFactory();

    private String[] names;
    private JsonNode[] values;
    private int[] hashes;
    /** Open addressing: index + 1 of the column in the arrays, 0 for a free slot; length a power of two, at most half full. */
    private int[] slots;
    private int size;

    RowImage() {
        this(32);
    }

    RowImage(int expectedColumns) {
        int capacity = Math.max(4, expectedColumns);
        names = new String[capacity];
        values = new JsonNode[capacity];
        hashes = new int[capacity];
        slots = new int[Integer.highestOneBit(capacity * 2 - 1) << 1];
    }

    /** Empties the row for reuse (keeps its arrays). */
    void clear() {
        if (size > 0) {
            Arrays.fill(names, 0, size, null);
            Arrays.fill(values, 0, size, null);
            Arrays.fill(slots, 0);
            size = 0;
        }
    }

    /** Sets a column; a column already present keeps its position and takes the new value (as in an ObjectNode). */
    void put(String column, JsonNode value) {
        int h = column.hashCode();
        int mask = slots.length - 1;
        int i = spread(h) & mask;
        for (int s; (s = slots[i]) != 0; i = (i + 1) & mask) {
            int k = s - 1;
            if (hashes[k] == h && column.equals(names[k])) {
                values[k] = value;
                return;
            }
        }
        if (size == names.length) {
            grow();
            put(column, value);
            return;
        }
        names[size] = column;
        values[size] = value;
        hashes[size] = h;
        slots[i] = ++size;
    }

    private void grow() {
        int capacity = names.length * 2;
        names = Arrays.copyOf(names, capacity);
        values = Arrays.copyOf(values, capacity);
        hashes = Arrays.copyOf(hashes, capacity);
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int k = 0; k < size; k++) {
            int i = spread(hashes[k]) & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            slots[i] = k + 1;
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    private int indexOf(String column) {
        if (column == null) {
            return -1;
        }
        int h = column.hashCode();
        int mask = slots.length - 1;
        for (int i = spread(h) & mask, s; (s = slots[i]) != 0; i = (i + 1) & mask) {
            int k = s - 1;
            String name = names[k];
            if (name == column || (hashes[k] == h && column.equals(name))) {
                return k;
            }
        }
        return -1;
    }

    /** Whether the row has the column at all (SQL NULL included), as {@code ObjectNode.has}. */
    public boolean has(String column) {
        return indexOf(column) >= 0;
    }

    /** The column's value (NullNode for SQL NULL), or null when the row has no such column. */
    public JsonNode get(String column) {
        int k = indexOf(column);
        return k < 0 ? null : values[k];
    }

    /** Number of columns. */
    public int size() {
        return size;
    }

    /** The i-th column's name, in the record's order. */
    public String name(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return names[i];
    }

    /** The i-th column's value. */
    public JsonNode value(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return values[i];
    }

    /** Compact JSON exactly as {@code ObjectNode.toString()} of the same record: input order, Jackson's escaping and number forms. */
    @Override
    public String toString() {
        StringWriter out = new StringWriter(32 + size * 24);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (int k = 0; k < size; k++) {
                g.writeFieldName(names[k]);
                write(g, values[k]);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** One value as the value node's own {@code serialize} would write it. */
    private static void write(JsonGenerator g, JsonNode v) throws IOException {
        if (v instanceof TextNode t) {
            g.writeString(t.textValue());
        } else if (v instanceof IntNode i) {
            g.writeNumber(i.intValue());
        } else if (v instanceof LongNode l) {
            g.writeNumber(l.longValue());
        } else if (v instanceof DoubleNode d) {
            g.writeNumber(d.doubleValue());
        } else if (v instanceof BigIntegerNode b) {
            g.writeNumber(b.bigIntegerValue());
        } else if (v instanceof BooleanNode b) {
            g.writeBoolean(b.booleanValue());
        } else if (v.isNull()) {
            g.writeNull();
        } else {
            // Nested object or array (rare): its own toString is what the enclosing ObjectNode writes for it.
            g.writeRawValue(v.toString());
        }
    }
}
