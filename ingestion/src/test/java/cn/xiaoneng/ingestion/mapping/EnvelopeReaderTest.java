package cn.xiaoneng.ingestion.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming envelope reader against the old path ({@code readTree} then the tree checks) on well-formed, odd and
 * broken records: the same rejections with the same messages, and for envelopes the same op, table, position, commit
 * time and row images.
 */
class EnvelopeReaderTest {
    private static final ObjectMapper TREE = new ObjectMapper();
    private static final String SOURCE_PG = "{\"version\":\"2.7.3.Final\",\"connector\":\"postgresql\",\"name\":\"xn.raw.lc\",\"ts_ms\":1772416800000,"
            + "\"snapshot\":\"false\",\"db\":\"approval_db\",\"sequence\":\"[\\\"100\\\",\\\"200\\\"]\",\"schema\":\"approval\",\"table\":\"business_index\","
            + "\"txId\":771,\"lsn\":24023128,\"xmin\":null}";
    private static final String SOURCE_MARIA = "{\"connector\":\"mariadb\",\"db\":\"epoint\",\"table\":\"audit_project\",\"server_id\":1,"
            + "\"file\":\"mysql-bin.000003\",\"pos\":4711,\"row\":2,\"thread\":9,\"query\":null,\"ts_ms\":1772416800000}";
    private static final String ROW = "{\"sblsh\":\"LC1\",\"cnsx\":5,\"slsj\":1772443800000,\"bjlx\":\"CN\",\"fdsx\":null}";
    private static final String ROW2 = "{\"sblsh\":\"LC1\",\"cnsx\":7,\"slsj\":1772443800000,\"bjlx\":\"JB\",\"fdsx\":20}";

    private final EnvelopeReader reader = new EnvelopeReader(new ObjectMapper());

    private static String envelope(String op, String before, String after, String source) {
        return "{\"before\":" + before + ",\"after\":" + after + ",\"source\":" + source + ",\"op\":\"" + op + "\",\"ts_ms\":1772416801234,"
                + "\"transaction\":{\"id\":\"771:24023128\",\"total_order\":1,\"data_collection_order\":1}}";
    }

    private static String wrapped(String payload) {
        return "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"struct\",\"fields\":[{\"type\":\"string\",\"optional\":false,\"field\":\"sblsh\"}],"
                + "\"optional\":true,\"name\":\"before\",\"field\":\"before\"}],\"optional\":false,\"name\":\"Envelope\"},\"payload\":" + payload + "}";
    }

    /** What the old path made of a record: its envelope's observable parts, or how it failed. */
    private static List<Object> old(byte[] value) {
        JsonNode root;
        try {
            root = TREE.readTree(value);
        } catch (IOException e) {
            return List.of("not JSON");
        }
        try {
            LegacyTreeNormalizer.Envelope e = LegacyTreeNormalizer.Envelope.of(root);
            return List.of(e.op(), e.qualifiedTable(), e.position(), e.commitTime(), image(e.before()), image(e.after()), e.row().toString());
        } catch (Rejection r) {
            return List.of(r.code(), r.getMessage());
        }
    }

    /** A tree image as the envelope sees it: absent, null and non-object images all read as none. */
    private static String image(JsonNode n) {
        return n == null || !n.isObject() ? "none" : n.toString();
    }

    private List<Object> now(byte[] value) {
        try {
            ChangeEnvelope e = reader.read(value);
            return List.of(e.op(), e.qualifiedTable(), e.position(), e.commitTime(), image(e.before()), image(e.after()), e.row().toString());
        } catch (IOException e) {
            return List.of("not JSON");
        } catch (Rejection r) {
            return List.of(r.code(), r.getMessage());
        }
    }

    private static String image(RowImage r) {
        return r == null ? "none" : r.toString();
    }

    private List<Object> assertSameAsTree(String record) {
        byte[] value = record.getBytes(StandardCharsets.UTF_8);
        List<Object> expected = old(value);
        assertThat(now(value)).as(record).isEqualTo(expected);
        return expected;
    }

    @Test
    void postgresAndMariadbEnvelopesOfEveryOpReadAsBefore() {
        for (String source : new String[] {SOURCE_PG, SOURCE_MARIA}) {
            assertThat(assertSameAsTree(envelope("c", "null", ROW, source))).first().isEqualTo("c");
            assertThat(assertSameAsTree(envelope("r", "null", ROW, source))).first().isEqualTo("r");
            assertThat(assertSameAsTree(envelope("u", ROW, ROW2, source))).first().isEqualTo("u");
            assertThat(assertSameAsTree(envelope("d", ROW2, "null", source))).first().isEqualTo("d");
        }
        assertThat(assertSameAsTree(envelope("u", ROW, ROW2, SOURCE_PG))).containsExactly("u", "approval.business_index", "lsn:24023128",
                1772416800000L, ROW, ROW2, ROW2);
        assertThat(assertSameAsTree(envelope("d", ROW, "null", SOURCE_MARIA))).containsExactly("d", "epoint.audit_project", "mysql-bin.000003:4711:2",
                1772416800000L, ROW, "none", ROW);
    }

    @Test
    void schemaPayloadWrapperIsReadThroughAsBefore() {
        assertThat(assertSameAsTree(wrapped(envelope("c", "null", ROW, SOURCE_PG)))).first().isEqualTo("c");
        assertThat(assertSameAsTree(wrapped(envelope("d", ROW, "null", SOURCE_MARIA)))).first().isEqualTo("d");
        // A payload that is not an object leaves the record itself as the envelope; the last payload field counts.
        assertSameAsTree("{\"payload\":null,\"op\":\"c\",\"source\":{},\"after\":{}}");
        assertSameAsTree("{\"payload\":\"x\",\"op\":\"c\",\"source\":{},\"after\":{}}");
        assertSameAsTree("{\"payload\":{\"op\":\"c\",\"source\":{},\"after\":{\"a\":1}},\"payload\":7,\"op\":\"c\",\"source\":{},\"after\":{\"a\":2}}");
        assertSameAsTree("{\"payload\":7,\"payload\":{\"op\":\"c\",\"source\":{},\"after\":{\"a\":1}},\"op\":\"c\",\"source\":{},\"after\":{\"a\":2}}");
        // Fields beside an object payload are ignored; a payload inside the payload is not unwrapped again.
        assertSameAsTree("{\"op\":\"c\",\"source\":{},\"after\":{\"a\":2},\"payload\":{\"source\":{},\"after\":{\"a\":1}}}");
        assertSameAsTree("{\"payload\":{\"payload\":{\"op\":\"c\",\"source\":{},\"after\":{}}}}");
        assertSameAsTree(wrapped("{}"));
        assertSameAsTree("{\"schema\":null,\"payload\":" + envelope("u", ROW, ROW2, SOURCE_MARIA) + "}");
    }

    @Test
    void missingOrWrongOpSourceOrImageIsRejectedAsBefore() {
        String[] records = {
            "{}",
            "{\"source\":{},\"after\":{}}",
            "{\"op\":null,\"source\":{},\"after\":{}}",
            "{\"op\":\"x\",\"source\":{},\"after\":{}}",
            "{\"op\":\"C\",\"source\":{},\"after\":{}}",
            "{\"op\":1,\"source\":{},\"after\":{}}",
            "{\"op\":true,\"source\":{},\"after\":{}}",
            "{\"op\":[\"c\"],\"source\":{},\"after\":{}}",
            "{\"op\":{\"c\":1},\"source\":{},\"after\":{}}",
            "{\"op\":\"c\",\"op\":\"q\",\"source\":{},\"after\":{}}",
            "{\"op\":\"q\",\"op\":\"c\",\"source\":{},\"after\":{}}",
            "{\"op\":\"c\",\"after\":{}}",
            "{\"op\":\"c\",\"source\":null,\"after\":{}}",
            "{\"op\":\"c\",\"source\":\"pg\",\"after\":{}}",
            "{\"op\":\"c\",\"source\":[{}],\"after\":{}}",
            "{\"op\":\"c\",\"source\":{},\"source\":1,\"after\":{}}",
            "{\"op\":\"c\",\"source\":{}}",
            "{\"op\":\"c\",\"source\":{},\"after\":null}",
            "{\"op\":\"c\",\"source\":{},\"after\":\"row\"}",
            "{\"op\":\"c\",\"source\":{},\"after\":[{\"a\":1}]}",
            "{\"op\":\"c\",\"source\":{},\"after\":5}",
            "{\"op\":\"c\",\"source\":{},\"after\":{},\"after\":null}",
            "{\"op\":\"c\",\"source\":{},\"after\":null,\"after\":{\"a\":1}}",
            "{\"op\":\"r\",\"source\":{},\"before\":{\"a\":1}}",
            "{\"op\":\"d\",\"source\":{},\"after\":{\"a\":1}}",
            "{\"op\":\"d\",\"source\":{},\"before\":true}",
            "{\"op\":\"d\",\"source\":{},\"before\":{}}",
            // the image the op does not need may be anything
            "{\"op\":\"u\",\"source\":{},\"before\":\"x\",\"after\":{\"a\":1}}",
            "{\"op\":\"u\",\"source\":{},\"before\":[1,2],\"after\":{\"a\":1}}",
            "{\"op\":\"d\",\"source\":{},\"before\":{\"a\":1},\"after\":3.5}",
            // the no-op message quotes the record: long ones abbreviated, as the tree printed them
            "{\"op\":\"z\", \"source\" : {\"table\":\"t\"}, \"after\":{\"name\":\"\\u98df\\u54c1\\/\\u0001\",\"n\":1.50e3,\"x\":\"" + "y".repeat(300) + "\"}}",
        };
        for (String record : records) {
            assertSameAsTree(record);
        }
    }

    @Test
    void sourceFieldsOfAnyTypeGiveTheSameTablePositionAndCommitTime() {
        String[] sources = {
            "{}",
            "{\"table\":\"t\"}",
            "{\"schema\":\"s\",\"db\":\"d\",\"table\":\"t\"}",
            "{\"schema\":null,\"db\":\"d\",\"table\":\"t\"}",
            "{\"schema\":7,\"db\":null,\"table\":null}",
            "{\"schema\":{\"x\":1},\"db\":[1],\"table\":true}",
            "{\"db\":\"d\",\"table\":1.50}",
            "{\"lsn\":\"24023128\",\"ts_ms\":\"1772416800000\"}",
            "{\"lsn\":null,\"file\":\"bin.1\",\"pos\":null,\"row\":null,\"ts_ms\":null}",
            "{\"file\":\"bin.1\",\"ts_ms\":1.7724168E12}",
            "{\"file\":\"bin.1\",\"pos\":{\"a\":1},\"row\":[0],\"ts_ms\":true}",
            "{\"file\":7,\"pos\":-1,\"row\":2.5,\"ts_ms\":{}}",
            "{\"lsn\":123456789012345678901234567890,\"ts_ms\":123456789012345678901234567890}",
            "{\"lsn\":1.5e3,\"ts_ms\":-1}",
            "{\"lsn\":9,\"lsn\":10,\"table\":\"a\",\"table\":\"b\",\"unknown\":{\"lsn\":1,\"nested\":[{\"table\":\"x\"}]}}",
            "{\"ts_ms\":9007199254740993.0}",
        };
        String[] topTs = {"", ",\"ts_ms\":1772416801234", ",\"ts_ms\":null", ",\"ts_ms\":\"12\"", ",\"ts_ms\":[1]", ",\"ts_ms\":2.9", ",\"ts_ms\":1,\"ts_ms\":2"};
        for (String source : sources) {
            for (String ts : topTs) {
                assertSameAsTree("{\"op\":\"c\",\"source\":" + source + ",\"after\":{\"a\":1}" + ts + "}");
                assertSameAsTree(wrapped("{\"op\":\"c\",\"source\":" + source + ",\"after\":{\"a\":1}" + ts + "}"));
            }
        }
    }

    @Test
    void notAnObjectIsRejectedAsBefore() {
        String[] records = {"", "   ", "[]", "[{\"op\":\"c\"}]", "[1,2", "123", "-1.5e3", "123abc", "\"text\"", "\"unterminated", "true", "null", "nul",
            "not json{", "{", "}", "\uFEFF{\"op\":\"c\",\"source\":{},\"after\":{}}"};
        for (String record : records) {
            assertSameAsTree(record);
        }
        assertThat(now("[]".getBytes(StandardCharsets.UTF_8))).containsExactly(Rejection.Code.MALFORMED, "record value is not a JSON object");
        assertThat(now("not json{".getBytes(StandardCharsets.UTF_8))).containsExactly("not JSON");
    }

    @Test
    void everyTruncationOfARecordIsMalformedAsBefore() {
        for (String record : new String[] {envelope("u", ROW, ROW2, SOURCE_PG), wrapped(envelope("c", "null", "{\"a\":\"食品\\u0001\",\"b\":[1,{\"c\":2.5}]}", SOURCE_MARIA))}) {
            byte[] whole = record.getBytes(StandardCharsets.UTF_8);
            for (int length = 0; length < whole.length; length++) {
                byte[] cut = java.util.Arrays.copyOf(whole, length);
                List<Object> expected = old(cut);
                assertThat(now(cut)).as("first %d bytes of %s", length, record).isEqualTo(expected);
                assertThat(expected.get(0)).isIn("not JSON", Rejection.Code.MALFORMED);
            }
        }
    }

    @Test
    void contentAfterTheRecordIsIgnoredAsBefore() {
        String record = envelope("c", "null", ROW, SOURCE_PG);
        for (String trailer : new String[] {" ", "garbage", "}", "{", "]", ",{\"op\":\"d\"}", "\u0000", " {\"op\":\"x\"}"}) {
            assertThat(assertSameAsTree(record + trailer)).first().isEqualTo("c");
        }
    }

    @Test
    void brokenJsonInsideSkippedPartsIsMalformedAsBefore() {
        String[] records = {
            "{\"schema\":{\"a\":[1,2},\"payload\":{}}",
            "{\"transaction\":\"\\x\",\"op\":\"c\",\"source\":{},\"after\":{}}",
            "{\"op\":\"c\",\"source\":{\"query\":\"abc\ndef\"},\"after\":{}}",
            "{\"op\":\"c\",\"source\":{\"server_id\":01},\"after\":{}}",
            "{\"op\":\"c\",\"source\":{},\"after\":{},\"extra\":tru}",
            "{\"op\":\"c\",\"source\":{},\"after\":{\"a\":1,}}",
            "{\"op\":\"c\",\"source\":{},\"after\":{\"a\" 1}}",
            "{\"op\":\"c\" \"source\":{},\"after\":{}}",
            "{\"op\":\"c\",\"source\":{},\"after\":{\"a\":NaN}}",
            "{'op':'c','source':{},'after':{}}",
            "{op:\"c\",\"source\":{},\"after\":{}}",
        };
        for (String record : records) {
            assertThat(assertSameAsTree(record)).containsExactly("not JSON");
        }
        // Invalid UTF-8 in a skipped string is caught as well.
        byte[] badUtf8 = "{\"transaction\":\"a\u00ff\",\"op\":\"c\",\"source\":{},\"after\":{}}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(old(badUtf8)).containsExactly("not JSON");
        assertThat(now(badUtf8)).containsExactly("not JSON");
    }

    @Test
    void randomlyDamagedRecordsFailOrReadAsBefore() {
        Random random = new Random(42);
        RandomJson json = new RandomJson(43);
        String[] ops = {"c", "r", "u", "d"};
        List<String> bases = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String op = ops[random.nextInt(4)];
            String e = envelope(op, random.nextBoolean() ? json.row() : "null", random.nextBoolean() ? json.row() : "null",
                    random.nextBoolean() ? SOURCE_PG : SOURCE_MARIA);
            bases.add(random.nextBoolean() ? e : wrapped(e));
        }
        String alphabet = "{}[]:,\"\\ 0123456789.eE+-truefalsnl\u00e9";
        int readable = 0;
        for (int i = 0; i < 6000; i++) {
            StringBuilder s = new StringBuilder(bases.get(random.nextInt(bases.size())));
            for (int edits = 1 + random.nextInt(3); edits > 0 && s.length() > 0; edits--) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.deleteCharAt(at);
                    case 1 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            if (!assertSameAsTree(s.toString()).get(0).equals("not JSON")) {
                readable++;
            }
        }
        assertThat(readable).as("damaged records that still parse").isGreaterThan(100);
    }
}
