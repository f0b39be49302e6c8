package cn.xiaoneng.app.bench;

import cn.xiaoneng.ingestion.simulator.CasePlan;
import cn.xiaoneng.ingestion.simulator.ExWriter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * Debezium change envelopes of the exchange-log system (source ex), exactly as its connector would put them on
 * {@code xn.raw.ex.exchange.ex_step_log} (JSON without schemas, time.precision.mode=connect, keyed by case id),
 * built from the simulator's rows without a database in between — so the benchmark can offer more records per
 * second than one PostgreSQL and one Debezium task on this machine would.
 */
final class RawEnvelopes {
    static final String TOPIC = "xn.raw.ex.exchange.ex_step_log";
    private final ObjectMapper json = new ObjectMapper();
    private final ZoneId zone;
    private long lsn = 1_000_000;
    private long id;

    RawEnvelopes(ZoneId zone) {
        this.zone = zone;
    }

    /** Key and value of the record the action produces, or empty when the system writes no row for it. */
    Optional<byte[][]> record(CasePlan plan, CasePlan.Action action, long commitMillis) {
        Optional<Map<String, Object>> row = ExWriter.row(plan, action, zone);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode after = json.createObjectNode();
        after.put("id", ++id);
        for (Map.Entry<String, Object> c : row.get().entrySet()) {
            Object v = c.getValue();
            if (v == null) {
                after.putNull(c.getKey());
            } else if (v instanceof LocalDateTime t) {
                after.put(c.getKey(), t.toInstant(ZoneOffset.UTC).toEpochMilli()); // connect mode: wall clock read as UTC
            } else if (v instanceof Integer i) {
                after.put(c.getKey(), i);
            } else {
                after.put(c.getKey(), v.toString());
            }
        }
        after.put("push_time", LocalDateTime.now(zone).toInstant(ZoneOffset.UTC).toEpochMilli());
        ObjectNode source = json.createObjectNode().put("connector", "postgresql").put("db", "ex_exchange").put("schema", "exchange")
                .put("table", "ex_step_log").put("lsn", lsn += 64).put("ts_ms", commitMillis).put("snapshot", "false");
        ObjectNode root = json.createObjectNode();
        root.putNull("before");
        root.set("after", after);
        root.set("source", source);
        root.put("op", "c").put("ts_ms", commitMillis);
        byte[] key = ("{\"sblsh\":\"" + plan.caseId() + "\"}").getBytes(StandardCharsets.UTF_8);
        try {
            return Optional.of(new byte[][] {key, json.writeValueAsBytes(root)});
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
