package cn.xiaoneng.ingestion.mapping;

import static cn.xiaoneng.ingestion.mapping.Envelopes.wall;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.Pseudonymizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The Normalizer reading envelopes in one streaming pass against the Normalizer as it was (readTree, mapping over the
 * tree; {@link LegacyTreeNormalizer}): on the simulator's records and on randomly varied records of every mapped table,
 * every outcome — each CaseEvent field including the event id, the dead letter with its reason code, reason and redacted
 * raw value, the op, table and commit time — is the same.
 */
class NormalizerDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pseudonymizer KEY = new Pseudonymizer("differential-key-0123".getBytes(StandardCharsets.UTF_8));

    private final Normalizer streaming = new Normalizer(MappingLoader.builtIns(), KEY);
    private final LegacyTreeNormalizer tree = new LegacyTreeNormalizer(MappingLoader.builtIns(), KEY);
    private final Set<String> reasonCodes = new HashSet<>();
    private long events;

    private void assertSameOutcome(String topic, long offset, byte[] key, byte[] value) {
        Normalizer.Outcome expected = tree.normalize(topic, 3, offset, key, value, 1234);
        Normalizer.Outcome actual = streaming.normalize(topic, 3, offset, key, value, 1234);
        String expectedFields = describe(expected);
        assertThat(expectedFields).contains("sourceId=");
        assertThat(describe(actual)).as("%s %s", topic, value == null ? null : new String(value, StandardCharsets.UTF_8)).isEqualTo(expectedFields);
        events += expected.events.size();
        if (expected.isDeadLetter()) {
            reasonCodes.add(expected.deadLetter.reasonCode);
        }
    }

    /** Every public field, recursively (events, dead letter, limits, arrays): a field-by-field comparison that stays fast. */
    static String describe(Object o) {
        StringBuilder b = new StringBuilder();
        describe(o, b);
        return b.toString();
    }

    private static void describe(Object o, StringBuilder b) {
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Enum<?>) {
            b.append(o instanceof String ? "'" + o + "'" : String.valueOf(o));
        } else if (o instanceof Object[] array) {
            b.append('[');
            for (Object e : array) {
                describe(e, b);
                b.append(',');
            }
            b.append(']');
        } else if (o instanceof List<?> list) {
            describe(list.toArray(), b);
        } else {
            b.append(o.getClass().getSimpleName()).append('{');
            for (Field f : o.getClass().getFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    b.append(f.getName()).append('=');
                    try {
                        describe(f.get(o), b);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                    b.append(' ');
                }
            }
            b.append('}');
        }
    }

    @Test
    void describeSeesEveryField() {
        CaseEvent a = new CaseEvent();
        a.departmentIds = new String[] {"x", "y"};
        a.committedLimit = cn.xiaoneng.model.Limit.workingDays(5);
        CaseEvent b = new CaseEvent();
        b.departmentIds = new String[] {"x", "z"};
        b.committedLimit = cn.xiaoneng.model.Limit.workingDays(5);
        assertThat(describe(List.of(a))).isNotEqualTo(describe(List.of(b))).contains("committedLimit=Limit{value=5 unit=WORKING_DAYS");
        b.departmentIds[1] = "y";
        b.eventId = "e";
        assertThat(describe(a)).isNotEqualTo(describe(b));
        b.eventId = null;
        assertThat(describe(a)).isEqualTo(describe(b));
    }

    @Test
    void simulatorRecordsMapAsBefore() throws Exception {
        List<SimulatedEnvelopes.Raw> records = SimulatedEnvelopes.ex(7, 20_000);
        long offset = 0;
        Set<String> ids = new HashSet<>();
        for (SimulatedEnvelopes.Raw r : records) {
            assertSameOutcome(SimulatedEnvelopes.TOPIC, offset++, r.key(), r.value());
            // The same row as a snapshot read (its row image goes into the event ids) and as a record with schemas on.
            ObjectNode snapshot = (ObjectNode) JSON.readTree(r.value());
            snapshot.put("op", "r");
            byte[] snapshotValue = JSON.writeValueAsBytes(snapshot);
            assertSameOutcome(SimulatedEnvelopes.TOPIC, offset++, r.key(), snapshotValue);
            for (CaseEvent e : streaming.normalize(SimulatedEnvelopes.TOPIC, 0, 0, r.key(), snapshotValue, 0).events) {
                ids.add(e.eventId);
            }
            ObjectNode wrapped = JSON.createObjectNode();
            wrapped.putObject("schema").put("type", "struct").put("name", "xn.raw.ex.exchange.ex_step_log.Envelope");
            wrapped.set("payload", JSON.readTree(r.value()));
            assertSameOutcome(SimulatedEnvelopes.TOPIC, offset++, r.key(), JSON.writeValueAsBytes(wrapped));
        }
        assertThat(events).isGreaterThan(60_000);
        assertThat(ids).hasSizeGreaterThan(20_000);
        assertThat(reasonCodes).isEmpty();
    }

    @Test
    void variedRecordsOfEveryTableMapAsBefore() throws Exception {
        Random random = new Random(20260302);
        RandomJson randomJson = new RandomJson(99);
        List<SimulatedEnvelopes.Raw> ex = SimulatedEnvelopes.ex(11, 500);
        for (int i = 0; i < 12_000; i++) {
            Table table = Table.values()[random.nextInt(Table.values().length)];
            ObjectNode base = table == Table.EX
                    ? (ObjectNode) JSON.readTree(ex.get(random.nextInt(ex.size())).value()).get("after")
                    : table.row(random, "C" + random.nextInt(50));
            String op = "crud".charAt(random.nextInt(4)) + "";
            ObjectNode before = op.equals("c") || op.equals("r") ? null : vary(base.deepCopy(), table, random, randomJson);
            ObjectNode after = op.equals("d") ? null : vary(base.deepCopy(), table, random, randomJson);
            byte[] value = record(table, op, before, after, random, randomJson);
            String topic = random.nextInt(40) == 0 ? "xn.raw.zz.other.table" : table.topic;
            byte[] key = random.nextInt(4) == 0 ? null : ("{\"id\":\"" + base.path(table.caseIdColumn).asText() + "\"}").getBytes(StandardCharsets.UTF_8);
            assertSameOutcome(topic, i, key, value);
        }
        assertThat(events).isGreaterThan(3_000);
        assertThat(reasonCodes).contains("MALFORMED", "UNMAPPED_TABLE", "MISSING_CASE_ID", "UNKNOWN_CODE", "MISSING_TIME", "IMPOSSIBLE_TIME",
                "SCHEMA_DRIFT", "BAD_VALUE");
    }

    @Test
    void tombstonesAndGarbageMapAsBefore() {
        assertSameOutcome(Table.LC_INDEX.topic, 1, null, null);
        for (String garbage : new String[] {"", "not json{", "[1,2]", "42", "{\"op\":\"c\"}", "{\"op\":\"c\",\"source\":{},\"after\":{}}", "{\"op\":\"c\",\"source\":"}) {
            assertSameOutcome(Table.LC_INDEX.topic, 2, null, garbage.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(reasonCodes).containsOnly("MALFORMED", "UNMAPPED_TABLE");
    }

    /** The mapped tables of the built-in sources, with a plausible row of each. */
    private enum Table {
        LC_INDEX("xn.raw.lc.approval.business_index", "approval", "business_index", "sblsh", true),
        LC_STEP("xn.raw.lc.approval.business_step", "approval", "business_step", "sblsh", true),
        XD_PROJECT("xn.raw.xd.epoint.audit_project", "epoint", "audit_project", "flowsn", false),
        XD_UNUSUAL("xn.raw.xd.epoint.audit_project_unusual", "epoint", "audit_project_unusual", "flowsn", false),
        EX("xn.raw.ex.exchange.ex_step_log", "exchange", "ex_step_log", "sblsh", true);

        final String topic;
        final String schema;
        final String name;
        final String caseIdColumn;
        final boolean postgres;

        Table(String topic, String schema, String name, String caseIdColumn, boolean postgres) {
            this.topic = topic;
            this.schema = schema;
            this.name = name;
            this.caseIdColumn = caseIdColumn;
            this.postgres = postgres;
        }

        ObjectNode row(Random r, String caseId) {
            Map<String, Object> row = new TreeMap<>();
            long t = wall("2026-03-02T09:00:00") + r.nextInt(3_600_000);
            switch (this) {
                case LC_INDEX -> {
                    for (String c : new String[] {"sxmc", "xbdw", "sqrmc", "slsj", "slztdm", "bslyy", "bzgzsj", "bzgzyy", "bzsj", "tbcxksrq", "tbcxqdly",
                        "tbcxjsrq", "bjsj", "bjjgdm", "lqsj", "fdsx", "fdsxdw"}) {
                        row.put(c, r.nextInt(3) == 0 ? t + r.nextInt(1000) : null);
                    }
                    row.put("sblsh", caseId);
                    row.put("sxbm", "XK-SCJG-001");
                    row.put("bjlx", pick(r, "CN", "JB", "LB"));
                    row.put("sjdwdm", "scjg");
                    row.put("xbdw", r.nextBoolean() ? null : "rsj,zjj");
                    row.put("ckbh", "W07");
                    row.put("sqrzjhm", "430102199001011234");
                    row.put("lxrsj", "13812345678");
                    row.put("sbsj", t);
                    row.put("slztdm", pick(r, 1, 2, "1", null));
                    row.put("bjjgdm", pick(r, 0, 4, 6, null));
                    row.put("cnsx", pick(r, 5, "5", 0));
                    row.put("cnsxdw", pick(r, "G", "Z", "J"));
                    row.put("update_time", t);
                }
                case LC_STEP -> {
                    row.put("hjslbs", "S" + r.nextInt(1000));
                    row.put("sblsh", caseId);
                    row.put("hjdm", "1");
                    row.put("hjmc", pick(r, "承办", "审核", "批准"));
                    row.put("blr", "张三");
                    row.put("kssj", t);
                    row.put("jssj", r.nextBoolean() ? null : t + 3_600_000);
                    row.put("blyj", r.nextBoolean() ? null : "同意");
                }
                case XD_PROJECT -> {
                    for (String c : new String[] {"receivedate", "acceptuserdate", "bubandate", "bubanfinishdate", "banjiedate", "banjieresult", "legal_day",
                        "legal_type"}) {
                        row.put(c, r.nextInt(3) == 0 ? t + r.nextInt(1000) : null);
                    }
                    row.put("rowguid", "g-" + r.nextInt(100));
                    row.put("flowsn", caseId);
                    row.put("task_code", "XK-RSJ-010");
                    row.put("projectname", "社保登记");
                    row.put("project_type", pick(r, 1, 2, 3));
                    row.put("ouguid", "rsj");
                    row.put("windowguid", "W12");
                    row.put("centerguid", "hn-cs-zwzx");
                    row.put("certnum", "430102199001011234");
                    row.put("contactmobile", "13900001111");
                    row.put("applydate", t);
                    row.put("promise_day", pick(r, 3, 10, 20));
                    row.put("promise_type", pick(r, 0, 1, 2));
                    row.put("handleusername", "李四");
                    row.put("status", pick(r, 12, 14, 26, 28, 30, 40, 90, 97, 98, 99));
                    row.put("banjieresult", pick(r, 1, 2, null));
                    row.put("operatedate", t);
                }
                case XD_UNUSUAL -> {
                    row.put("rowguid", "u-" + r.nextInt(100));
                    row.put("flowsn", caseId);
                    row.put("unusualtype", pick(r, 1, 2, 3, "1"));
                    row.put("reason", pick(r, "专家评审", null));
                    row.put("operateusername", "王五");
                    row.put("startdate", t);
                    row.put("enddate", r.nextBoolean() ? null : t + 86_400_000L);
                }
                default -> throw new IllegalStateException(name());
            }
            return JSON.valueToTree(row);
        }
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... choices) {
        return choices[r.nextInt(choices.length)];
    }

    /** A few random changes to a row: dropped, emptied, added or retyped columns, odd codes and times. */
    private static ObjectNode vary(ObjectNode row, Table table, Random r, RandomJson randomJson) throws Exception {
        List<String> columns = new ArrayList<>();
        row.fieldNames().forEachRemaining(columns::add);
        for (int n = r.nextInt(4); n > 0; n--) {
            String c = columns.get(r.nextInt(columns.size()));
            switch (r.nextInt(12)) {
                case 0 -> row.remove(c);
                case 1 -> row.putNull(c);
                case 2 -> row.put("extra_" + r.nextInt(5), randomJson.text());
                case 3 -> row.put(c, pick(r, "2026-03-02 10:00:00", "2026-03-02T10:00:00+08:00", "2026-03-02T02:00:00Z", "2026-03-02T10:00:00",
                        "yesterday", ""));
                case 4 -> row.put(c, pick(r, "ZZ", "0", "1", "2", "3", "7", "26", "28", "30", "40", "77", "G", "Z", "J", "CN", "JB", " 5 ", "-3", "five"));
                case 5 -> row.put(c, wall(pick(r, "1970-01-01T08:00:00", "2099-03-02T09:30:00", "2026-03-02T23:59:59", "2026-03-01T00:00:00")));
                case 6 -> row.put(c, r.nextInt(100) - 5);
                case 7 -> row.put(c, pick(r, 1.5, 5.0, -0.0, 1e300, 1.772443800000E12));
                case 8 -> row.put(c, r.nextBoolean());
                case 9 -> row.set(c, JSON.readTree(pick(r, "{\"a\":1}", "[1,2]", "[]", "123456789012345678901234567890", "1e400")));
                case 10 -> row.put(c, randomJson.text());
                default -> row.put(c, row.path(c).asText() + (r.nextBoolean() ? "" : ",scjg, ,xd"));
            }
        }
        return row;
    }

    /** The record as a connector would write it, sometimes with schemas on, a transaction block, or cut short. */
    private static byte[] record(Table table, String op, ObjectNode before, ObjectNode after, Random r, RandomJson randomJson) throws Exception {
        long commit = wall("2026-03-02T02:00:00") + r.nextInt(86_400_000) * (r.nextInt(10) == 0 ? 3L : 1L);
        ObjectNode source = JSON.createObjectNode();
        if (table.postgres) {
            source.put("version", "2.7.3.Final").put("connector", "postgresql").put("name", "xn.raw").put("ts_ms", commit).put("snapshot", op.equals("r"))
                    .put("db", "approval_db").put("schema", table.schema).put("table", r.nextInt(30) == 0 ? "other" : table.name)
                    .put("txId", r.nextInt(10_000)).put("lsn", 1_000_000L + r.nextInt(1_000_000));
        } else {
            source.put("connector", "mariadb").put("db", table.schema).put("table", table.name).put("server_id", 1).put("file", "mysql-bin.00000" + r.nextInt(4))
                    .put("pos", r.nextInt(100_000)).put("row", r.nextInt(3)).put("ts_ms", commit / 1000 * 1000);
            if (r.nextBoolean()) {
                source.putNull("query");
            }
        }
        if (r.nextInt(20) == 0) {
            source.put("note", randomJson.text());
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("before", before);
        root.set("after", after);
        root.set("source", source);
        root.put("op", op);
        root.put("ts_ms", commit + r.nextInt(500));
        if (r.nextBoolean()) {
            root.putObject("transaction").put("id", r.nextInt(999) + ":" + r.nextInt(99_999)).put("total_order", 1).put("data_collection_order", 1);
        }
        JsonNode value = root;
        if (r.nextInt(4) == 0) {
            ObjectNode wrapped = JSON.createObjectNode();
            wrapped.putObject("schema").put("type", "struct").putArray("fields").addObject().put("field", "before").put("optional", true);
            wrapped.set("payload", root);
            value = wrapped;
        }
        byte[] bytes = JSON.writeValueAsBytes(value);
        if (r.nextInt(50) == 0) {
            bytes = java.util.Arrays.copyOf(bytes, r.nextInt(bytes.length));
        }
        return bytes;
    }
}
