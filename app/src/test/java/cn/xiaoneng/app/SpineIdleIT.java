package cn.xiaoneng.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.jobs.normalize.NormalizationOptions;
import cn.xiaoneng.jobs.spine.SpineJob;
import cn.xiaoneng.jobs.spine.SpineOptions;
import cn.xiaoneng.jobs.throughput.ThroughputOptions;
import cn.xiaoneng.model.Times;
import cn.xiaoneng.testsupport.ClickHouseServer;
import cn.xiaoneng.testsupport.KafkaBroker;
import cn.xiaoneng.testsupport.TestDirs;
import cn.xiaoneng.testsupport.Waits;
import cn.xiaoneng.warehouse.ClickHouseConnection;
import cn.xiaoneng.warehouse.Migrator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Idle test for the spine job, as the demo runs it (issue 8: "one department stops producing; the others' windows still
 * close and reach ClickHouse on time"). Raw Debezium records of the exchange-log source on a real Kafka broker, the real
 * {@link SpineJob#runJob} at parallelism 2, a real ClickHouse; early firings off, so a row in ClickHouse means its minute
 * closed on the watermark. Department zjj's rows are on raw partition 0, rsj's on partition 1, so each of the two
 * subtasks normalizes one department; rsj falls silent after its first case. Without idleness of the business-time
 * watermark after normalization, rsj's subtask would hold the watermark at 09:00 and no later minute would close.
 */
class SpineIdleIT {
    private static final String TOPIC = "xn.raw.ex.exchange.ex_step_log";
    private static final Duration IDLENESS = Duration.ofSeconds(2);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static KafkaBroker kafka;
    static ClickHouseServer clickhouse;
    private final ObjectMapper json = new ObjectMapper();
    private long lsn = 1_000;

    @BeforeAll
    static void startServers() throws Exception {
        kafka = KafkaBroker.start(TestDirs.fresh("spine-idle-kafka"));
        clickhouse = ClickHouseServer.start(TestDirs.fresh("spine-idle-clickhouse"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopServers() {
        if (kafka != null) {
            kafka.stop();
        }
        if (clickhouse != null) {
            clickhouse.stop();
        }
    }

    @Test
    void aSilentDepartmentDoesNotHoldBackTheOthersMinutes() throws Exception {
        ClickHouseConnection warehouse = ClickHouseConnection.builder(clickhouse.httpUrl()).database("idle").build();
        new Migrator(warehouse).migrate();
        SpineOptions options = SpineOptions.fromMap(Map.of(
                NormalizationOptions.KAFKA_BOOTSTRAP, kafka.bootstrapServers(),
                NormalizationOptions.PSEUDONYM_KEY, "spine-idle-test-key-0123456789",
                ThroughputOptions.OUT_OF_ORDERNESS, "1s",
                ThroughputOptions.IDLENESS, IDLENESS.toMillis() + "ms",
                ThroughputOptions.EARLY_FIRING, "off",
                NormalizationOptions.CHECKPOINT_INTERVAL, "2s",
                NormalizationOptions.SINK_FLUSH_INTERVAL, "200ms",
                ClickHouseConnection.KEY_URL, clickhouse.httpUrl(),
                ClickHouseConnection.KEY_DATABASE, "idle"), "SpineIdleIT");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        JobClient job = SpineJob.runJob(env, options);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            // 09:00: both departments accept a case; then rsj falls silent.
            send(producer, 0, accepted("S1", "zjj", "W01", "2026-03-02T09:00:10"));
            send(producer, 1, accepted("R1", "rsj", "W02", "2026-03-02T09:00:20"));
            // zjj carries on, one case a minute.
            send(producer, 0, accepted("S2", "zjj", "W01", "2026-03-02T09:01:10"));
            send(producer, 0, accepted("S3", "zjj", "W01", "2026-03-02T09:02:10"));
            long lastSent = System.nanoTime();
            send(producer, 0, accepted("S4", "zjj", "W01", "2026-03-02T09:03:10"));

            String closed = "SELECT department_id, toString(bucket_start), accepted FROM idle.dws_throughput_minute FINAL "
                    + "ORDER BY bucket_start, department_id FORMAT TSV";
            Waits.until("minutes 09:00–09:02 of both departments closed in ClickHouse", Duration.ofMinutes(2), 200,
                    () -> clickhouse.query(closed).lines().count() >= 4);
            long seconds = Duration.ofNanos(System.nanoTime() - lastSent).toSeconds();
            System.out.printf("spine idle test: minute 09:02 of zjj reached ClickHouse %d s after the record that closed it "
                    + "(idleness %d s; rsj silent throughout)%n", seconds, IDLENESS.toSeconds());

            assertThat(clickhouse.query(closed).lines().toList()).containsExactly(
                    "rsj\t2026-03-02 09:00:00\t1",
                    "zjj\t2026-03-02 09:00:00\t1",
                    "zjj\t2026-03-02 09:01:00\t1",
                    "zjj\t2026-03-02 09:02:00\t1");
            // On time: the idleness, the sink's flush interval and a margin for two shared cores — not minutes.
            assertThat(seconds).isLessThan(30);
        } finally {
            job.cancel().get();
        }
    }

    /** The exchange log's 受理 row (step table SL, result 1) as its Debezium connector writes it (ex.yaml). */
    private byte[] accepted(String caseId, String department, String window, String localTime) throws Exception {
        long wallClock = LocalDateTime.parse(localTime).toInstant(ZoneOffset.UTC).toEpochMilli(); // connect mode: wall clock read as UTC
        long commit = LocalDateTime.parse(localTime).atZone(Times.CHINA).toInstant().toEpochMilli() + 1_000;
        ObjectNode after = json.createObjectNode();
        after.put("id", lsn).put("sblsh", caseId).put("sjdwdm", department).putNull("xbdw").put("ckbh", window).put("sxbm", "ITEM-1")
                .put("sxmc", "测试事项").put("bjlx", "CN").put("cnsx", 5).put("cnsxdw", "G").put("fdsx", 20).put("fdsxdw", "G")
                .putNull("sqrzjhm").putNull("lxrsj").put("hjslbs", caseId + "-SL").put("hjmc", "受理").put("blr", "lina")
                .put("step_table", "SL").put("jgdm", "1").put("clsj", wallClock).putNull("kssj").putNull("yy");
        ObjectNode root = json.createObjectNode();
        root.putNull("before");
        root.set("after", after);
        root.set("source", json.createObjectNode().put("connector", "postgresql").put("db", "ex_exchange").put("schema", "exchange")
                .put("table", "ex_step_log").put("lsn", lsn += 64).put("ts_ms", commit).put("snapshot", "false"));
        root.put("op", "c").put("ts_ms", commit);
        return json.writeValueAsBytes(root);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private void send(KafkaProducer<byte[], byte[]> producer, int partition, byte[] value) throws Exception {
        String caseId = json.readTree(value).path("after").path("sblsh").asText();
        producer.send(new ProducerRecord<>(TOPIC, partition, ("{\"sblsh\":\"" + caseId + "\"}").getBytes(StandardCharsets.UTF_8), value)).get();
    }
}
