package cn.xiaoneng.ingestion.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Debezium change record's value into a {@link ChangeEnvelope} in one pass of a Jackson parser, without building
 * the record's tree: {@code op}, the source fields the envelope uses, {@code ts_ms} and the before/after images are read;
 * everything else ({@code transaction}, the {@code schema} of a wrapped record, unknown source fields) is skipped.
 * Building the tree (a LinkedHashMap per object) was the largest single cost of the normalization job.
 *
 * <p>Same outcomes as {@code ObjectMapper.readTree} followed by the old tree checks: the same values (the value nodes
 * readTree builds), a field given twice counts once with its last value, content after the top-level object is ignored
 * (readTree does not look there either), and the same rejections. Syntax errors surface as the parser's
 * {@link IOException}, which callers report as MALFORMED. One deliberate difference: a number longer than Jackson's
 * limit (1,000 digits) inside a part that is skipped no longer makes the record malformed.
 *
 * <p>Not thread-safe; one per Normalizer / OpsLogMapper (they are thread-confined). The row images of an envelope are
 * reused for the next record: an envelope is good until the next {@link #read}.
 */
final class EnvelopeReader {
    private final ObjectMapper mapper;
    private final JsonFactory factory;
    /** Row images reused from record to record (an envelope is read to the end before the next record is read). */
    private final List<RowImage> images = new ArrayList<>();
    private int imagesTaken;

    /** @param mapper a default ObjectMapper: its factory's parsers read nested values as trees, as readTree would */
    EnvelopeReader(ObjectMapper mapper) {
        this.mapper = mapper;
        this.factory = mapper.getFactory();
    }

    /** What one envelope object (the record, or the payload of a wrapped record) holds of interest. */
    private static final class Fields {
        /** The op when it is a string; any other value (or none) cannot be c/r/u/d. */
        String op;
        RowImage before;
        RowImage after;
        /** Null when absent or not an object. */
        RowImage source;
        JsonNode tsMs;
        /** The wrapped record's payload when the last {@code payload} field is an object (top level only). */
        Fields payload;
    }

    /**
     * @throws IOException when the value is not JSON (or ends early)
     * @throws Rejection   MALFORMED when it is JSON but not a change envelope
     */
    ChangeEnvelope read(byte[] value) throws IOException, Rejection {
        Fields root;
        imagesTaken = 0;
        try (JsonParser p = factory.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                // Not an object (or empty): let readTree tell unreadable JSON from a JSON scalar or array, as before.
                mapper.readTree(value);
                throw new Rejection(Rejection.Code.MALFORMED, "record value is not a JSON object");
            }
            root = readObject(p, true);
        }
        Fields env = root.payload != null ? root.payload : root;
        String op = env.op;
        if (op == null || !(op.equals("c") || op.equals("r") || op.equals("u") || op.equals("d"))) {
            throw new Rejection(Rejection.Code.MALFORMED, "record has no Debezium op (c/r/u/d): " + ChangeEnvelope.abbreviate(wholeRecord(value)));
        }
        if (env.source == null) {
            throw new Rejection(Rejection.Code.MALFORMED, "record has no Debezium source block");
        }
        boolean delete = op.equals("d");
        if ((delete ? env.before : env.after) == null) {
            throw new Rejection(Rejection.Code.MALFORMED, "op '" + op + "' without a " + (delete ? "before" : "after") + " image");
        }
        return new ChangeEnvelope(op, env.before, env.after, env.source, env.tsMs);
    }

    /** Reads the fields of an envelope object; the parser stands on its START_OBJECT and ends on its END_OBJECT. */
    private Fields readObject(JsonParser p, boolean topLevel) throws IOException {
        Fields f = new Fields();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "op" -> {
                    f.op = v == JsonToken.VALUE_STRING ? p.getText() : null;
                    p.skipChildren();
                }
                case "before" -> f.before = v == JsonToken.START_OBJECT ? readRow(p) : skip(p);
                case "after" -> f.after = v == JsonToken.START_OBJECT ? readRow(p) : skip(p);
                case "source" -> f.source = v == JsonToken.START_OBJECT ? readSource(p) : skip(p);
                case "ts_ms" -> f.tsMs = value(p, v);
                case "payload" -> {
                    if (topLevel && v == JsonToken.START_OBJECT) {
                        f.payload = readObject(p, false);
                    } else {
                        // The tree kept the last payload field: a later non-object payload undoes an earlier one.
                        if (topLevel) {
                            f.payload = null;
                        }
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        return f;
    }

    private static RowImage skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    /** A cleared row image from the pool: distinct for every image of one record, reused by the next record. */
    private RowImage take() {
        if (imagesTaken == images.size()) {
            images.add(new RowImage());
        }
        RowImage image = images.get(imagesTaken++);
        image.clear();
        return image;
    }

    private RowImage readRow(JsonParser p) throws IOException {
        RowImage row = take();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String column = p.currentName();
            row.put(column, value(p, p.nextToken()));
        }
        return row;
    }

    /** The source block: only the fields {@link ChangeEnvelope} reads. */
    private RowImage readSource(JsonParser p) throws IOException {
        RowImage source = take();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "table", "schema", "db", "lsn", "file", "pos", "row", "ts_ms" -> source.put(name, value(p, v));
                default -> p.skipChildren();
            }
        }
        return source;
    }

    /** The value under the parser as the node readTree builds for it (a default ObjectMapper: doubles, never BigDecimal). */
    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_STRING:
                return TextNode.valueOf(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return IntNode.valueOf(p.getIntValue());
                    case LONG:
                        return LongNode.valueOf(p.getLongValue());
                    default:
                        return BigIntegerNode.valueOf(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return DoubleNode.valueOf(p.getDoubleValue());
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NULL:
                return NullNode.getInstance();
            default:
                // An object or array (rare in a row): its tree, through the mapper that is the parser's codec.
                return p.readValueAsTree();
        }
    }

    /** The record as the old rejection quoted it (the tree's compact JSON); only on that rare path. */
    private String wholeRecord(byte[] value) {
        try {
            return mapper.readTree(value).toString();
        } catch (IOException e) {
            return new String(value, StandardCharsets.UTF_8);
        }
    }
}
