package cn.xiaoneng.ingestion.mapping;

import cn.xiaoneng.ingestion.simulator.CaseGenerator;
import cn.xiaoneng.ingestion.simulator.CasePlan;
import cn.xiaoneng.ingestion.simulator.Department;
import cn.xiaoneng.ingestion.simulator.ExWriter;
import cn.xiaoneng.ingestion.simulator.OfficeHours;
import cn.xiaoneng.model.Times;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The exchange-log system's change records (source ex) as its Debezium connector emits them, built from the simulator's
 * rows without a database — the same shape the pipeline benchmark feeds (app's RawEnvelopes), but deterministic: a
 * fixed seed and start, commit time = when the hall writes the row.
 */
final class SimulatedEnvelopes {
    static final String TOPIC = "xn.raw.ex.exchange.ex_step_log";
    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

    private SimulatedEnvelopes() {}

    /** One record: key and value as on the raw topic. */
    record Raw(byte[] key, byte[] value) {}

    static List<Raw> ex(long seed, int records) {
        ObjectMapper json = new ObjectMapper();
        Department ex = Department.builtIn().stream().filter(d -> d.sourceId().equals("ex")).findFirst().orElseThrow();
        OfficeHours hours = OfficeHours.standard(d -> d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY, Times.CHINA);
        CaseGenerator generator = new CaseGenerator(List.of(ex), hours, seed, START, CaseGenerator.Profile.realistic());
        record Pending(long writeAt, long seq, CasePlan plan, CasePlan.Action action) {}
        PriorityQueue<Pending> queue = new PriorityQueue<>((a, b) -> a.writeAt != b.writeAt ? Long.compare(a.writeAt, b.writeAt) : Long.compare(a.seq, b.seq));
        List<Raw> out = new ArrayList<>(records);
        CasePlan next = generator.next();
        long seq = 0;
        long lsn = 1_000_000;
        long id = 0;
        while (out.size() < records) {
            while (queue.isEmpty() || next.actions().get(0).businessAt() <= queue.peek().writeAt()) {
                for (CasePlan.Action a : next.actions()) {
                    queue.add(new Pending(a.writeAt(), seq++, next, a));
                }
                next = generator.next();
            }
            Pending p = queue.poll();
            Optional<Map<String, Object>> row = ExWriter.row(p.plan(), p.action(), Times.CHINA);
            if (row.isEmpty()) {
                continue;
            }
            long commit = p.writeAt();
            ObjectNode after = json.createObjectNode();
            after.put("id", ++id);
            for (Map.Entry<String, Object> c : row.get().entrySet()) {
                Object v = c.getValue();
                if (v == null) {
                    after.putNull(c.getKey());
                } else if (v instanceof LocalDateTime t) {
                    after.put(c.getKey(), t.toInstant(ZoneOffset.UTC).toEpochMilli());
                } else if (v instanceof Integer i) {
                    after.put(c.getKey(), i);
                } else {
                    after.put(c.getKey(), v.toString());
                }
            }
            after.put("push_time", commit);
            ObjectNode source = json.createObjectNode().put("connector", "postgresql").put("db", "ex_exchange").put("schema", "exchange")
                    .put("table", "ex_step_log").put("lsn", lsn += 64).put("ts_ms", commit).put("snapshot", "false");
            ObjectNode root = json.createObjectNode();
            root.putNull("before");
            root.set("after", after);
            root.set("source", source);
            root.put("op", "c").put("ts_ms", commit);
            byte[] key = ("{\"sblsh\":\"" + p.plan().caseId() + "\"}").getBytes(StandardCharsets.UTF_8);
            try {
                out.add(new Raw(key, json.writeValueAsBytes(root)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
