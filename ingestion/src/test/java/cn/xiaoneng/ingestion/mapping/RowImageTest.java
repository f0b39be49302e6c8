package cn.xiaoneng.ingestion.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.xiaoneng.model.Times;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A row image read in one streaming pass must be indistinguishable, where the mapping looks, from the ObjectNode that
 * {@code readTree} built: the same values, the same text and instants, and — since snapshot rows hash it into their event
 * ids — byte for byte the same {@code toString()}.
 */
class RowImageTest {
    private static final ObjectMapper TREE = new ObjectMapper();
    private static final ZoneId ZONE = Times.CHINA;
    private final EnvelopeReader reader = new EnvelopeReader(new ObjectMapper());

    private RowImage read(String rowJson) throws Exception {
        String record = "{\"op\":\"c\",\"source\":{},\"after\":" + rowJson + "}";
        return reader.read(record.getBytes(StandardCharsets.UTF_8)).after();
    }

    /** Everything the mapping can observe of a row, against the tree of the same JSON. */
    private void assertSameAsTree(String rowJson) throws Exception {
        RowImage row = read(rowJson);
        JsonNode tree = TREE.readTree(rowJson.getBytes(StandardCharsets.UTF_8));

        assertThat(row.toString()).as(rowJson).isEqualTo(tree.toString());
        assertThat(row.size()).as(rowJson).isEqualTo(tree.size());
        Iterator<Map.Entry<String, JsonNode>> fields = tree.fields();
        for (int i = 0; fields.hasNext(); i++) {
            Map.Entry<String, JsonNode> f = fields.next();
            String column = f.getKey();
            assertThat(row.name(i)).isEqualTo(column);
            assertThat(row.has(column)).isTrue();
            JsonNode v = row.get(column);
            assertThat(v).as("%s in %s", column, rowJson).isEqualTo(f.getValue());
            assertThat(v.getClass()).as("%s in %s", column, rowJson).isEqualTo(f.getValue().getClass());
            assertThat(row.value(i)).isSameAs(v);
            assertSameTextAndInstant(row, tree, column);
        }
        assertThat(row.has("no such column")).isFalse();
        assertThat(row.get("no such column")).isNull();
        assertThat(row.has(null)).isFalse();
        assertSameTextAndInstant(row, tree, "no such column");
    }

    private static void assertSameTextAndInstant(RowImage row, JsonNode tree, String column) {
        Object oldText = outcome(() -> LegacyTreeNormalizer.Envelope.text(tree, column));
        Object newText = outcome(() -> ChangeEnvelope.text(row, column));
        assertThat(newText).as("text of %s", column).isEqualTo(oldText);
        Object oldInstant = outcome(() -> LegacyTreeNormalizer.Envelope.instant(tree, column, ZONE, "k"));
        Object newInstant = outcome(() -> ChangeEnvelope.instant(row, column, ZONE, "k"));
        assertThat(newInstant).as("instant of %s", column).isEqualTo(oldInstant);
    }

    @FunctionalInterface
    private interface Call {
        Object call() throws Exception;
    }

    /** The result, or the exception's class and message (a Rejection's code too), so failures compare as values. */
    private static Object outcome(Call c) {
        try {
            return c.call();
        } catch (Rejection r) {
            return List.of("Rejection", r.code(), r.getMessage());
        } catch (Exception e) {
            return List.of(e.getClass().getName(), String.valueOf(e.getMessage()));
        }
    }

    @Test
    void handPickedEdgeCasesPrintAndReadAsTheTree() throws Exception {
        String[] rows = {
            "{}",
            "{\"a\":null}",
            "{\"sblsh\":\"EX1\",\"id\":7,\"slsj\":1772443800000,\"cnsx\":5,\"ok\":true,\"no\":false}",
            // integers at every width, and the forms readTree keeps as they are
            "{\"i\":2147483647,\"j\":2147483648,\"k\":-2147483649,\"l\":9223372036854775807,\"m\":9223372036854775808,\"n\":-0,\"o\":-9223372036854775809}",
            "{\"big\":123456789012345678901234567890123456789}",
            // doubles: Jackson's (= Java's) shortest form, overflow to Infinity (written as a string), underflow, trailing zeros
            "{\"a\":1.5,\"b\":1.500,\"c\":1e5,\"d\":1E+21,\"e\":-0.0,\"f\":1e400,\"g\":-1e400,\"h\":1e-400,\"i\":0.1,\"j\":4.9E-324,\"k\":100.000}",
            "{\"a\":123456789012345678901234567890.5,\"b\":1711963800000.0,\"c\":6.02214076e23,\"d\":3.0,\"e\":2.5e-3}",
            // escapes: short forms, \\u forms, escaped slash, control characters, DEL, line separators, non-ASCII raw and escaped
            "{\"s\":\"a\\\"b\\\\c\\/d\\n\\t\\r\\b\\f\",\"u\":\"\\u0000\\u001f\\u007f\\u2028\\u2029\",\"cjk\":\"食品经营许可\",\"esc\":\"\\u98df\\u54c1\"}",
            "{\"emoji\":\"😀\",\"pair\":\"\\ud83d\\ude00\",\"lone\":\"\\ud800x\\udc00\",\"latin\":\"é\\u00e9\"}",
            // names need escaping too; an empty name
            "{\"q\\\"uote\":1,\"back\\\\slash\":2,\"tab\\tname\":3,\"名称\":4,\"\":5,\"ctrl\\u0001\":6}",
            // nested values (rare in rows): objects, arrays, empty ones, deeper nesting
            "{\"o\":{\"x\":1,\"y\":[1,2.50,\"z\",null,{}]},\"a\":[],\"e\":{},\"deep\":[[[\"\\u0001\"]]]}",
            // a column given twice: first position, last value (as ObjectNode.replace)
            "{\"a\":1,\"b\":2,\"a\":\"three\",\"c\":null,\"b\":null}",
            // whitespace between tokens does not survive
            "{ \"a\" :\t1 ,\n\"b\"\r: [ 1 , 2 ] }",
            // time strings as the three parses read them, and text that is not a time
            "{\"t1\":\"2026-03-02 09:30:00\",\"t2\":\"2026-03-02T09:30:00\",\"t3\":\"2026-03-02T09:30:00+08:00\",\"t4\":\"2026-03-02T01:30:00Z\",\"t5\":\"soon\",\"t6\":\"\"}",
        };
        for (String row : rows) {
            assertSameAsTree(row);
        }
    }

    @Test
    void randomRowsOfEveryValueTypePrintAndReadAsTheTree() throws Exception {
        RandomJson random = new RandomJson(20260302L);
        for (int i = 0; i < 4000; i++) {
            assertSameAsTree(random.row());
        }
    }

    @Test
    void aColumnGivenTwiceKeepsItsFirstPositionAndItsLastValue() throws Exception {
        RowImage row = read("{\"a\":1,\"b\":2,\"a\":3}");
        assertThat(row.size()).isEqualTo(2);
        assertThat(row.toString()).isEqualTo("{\"a\":3,\"b\":2}");
        assertThat(ChangeEnvelope.text(row, "a")).isEqualTo("3");
    }

    @Test
    void aRowReadAfterAnotherHoldsOnlyItsOwnColumns() throws Exception {
        RowImage first = read("{\"a\":1,\"b\":2,\"c\":3}");
        assertThat(first.toString()).isEqualTo("{\"a\":1,\"b\":2,\"c\":3}");
        RowImage second = read("{\"c\":\"x\"}");
        assertThat(second.toString()).isEqualTo("{\"c\":\"x\"}");
        assertThat(second.has("a")).isFalse();
        assertThat(second.get("b")).isNull();
        assertThat(second.size()).isEqualTo(1);
    }

    @Test
    void wideRowsFindEveryColumnPastTheInitialCapacity() throws Exception {
        StringBuilder json = new StringBuilder("{");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String name = i % 3 == 0 ? "c" + i : i % 3 == 1 ? "列" + i : "Aa" + i; // "Aa" and "BB" share a hash code
            names.add(name);
            json.append(i == 0 ? "" : ",").append('"').append(name).append("\":").append(i);
        }
        json.append(",\"BB\":-1,\"Aa\":-2}");
        RowImage row = read(json.toString());
        assertThat(row.size()).isEqualTo(302);
        for (int i = 0; i < names.size(); i++) {
            assertThat(ChangeEnvelope.text(row, names.get(i))).isEqualTo(String.valueOf(i));
        }
        assertThat(ChangeEnvelope.text(row, "Aa")).isEqualTo("-2");
        assertThat(ChangeEnvelope.text(row, "BB")).isEqualTo("-1");
        assertSameAsTree(json.toString());
    }

    @Test
    void valuesThatAreNoTimeAreRejectedAsBadValueAsBefore() throws Exception {
        RowImage row = read("{\"t\":\"2026-13-45 25:00:00\",\"b\":true,\"o\":{\"x\":1}}");
        for (String column : new String[] {"t", "b", "o"}) {
            Throwable thrown = catchThrowable(() -> ChangeEnvelope.instant(row, column, ZONE, "case X"));
            assertThat(thrown).isInstanceOf(Rejection.class).hasMessageContaining("column " + column).hasMessageContaining("is not a time, for case X");
            assertThat(((Rejection) thrown).code()).isEqualTo(Rejection.Code.BAD_VALUE);
        }
    }
}
