package cn.xiaoneng.jobs.throughput;

import static cn.xiaoneng.jobs.throughput.ThroughputFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseEventCodec;
import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.Topics;
import cn.xiaoneng.testsupport.ClickHouseServer;
import cn.xiaoneng.testsupport.KafkaBroker;
import cn.xiaoneng.testsupport.TestDirs;
import cn.xiaoneng.testsupport.Waits;
import cn.xiaoneng.warehouse.ClickHouseConnection;
import cn.xiaoneng.warehouse.Migrator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * Idle test (issue: "one department stops producing; the others' windows still close and reach ClickHouse on time").
 * The real job ({@link ThroughputJob#runJob}) on a real Kafka broker and ClickHouse server, early firings off, so a row
 * in ClickHouse means its minute closed on the watermark. Department scjg's events go to canonical partition 0,
 * rsj's to partition 1; rsj falls silent after its first case. Without idleness the silent partition would hold the
 * watermark at 09:00 and no minute after it would ever close.
 */
class ThroughputIdleITCase {
    private static final String RSJ = "rsj";
    private static final Duration IDLENESS = Duration.ofSeconds(2);
    private static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(1);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static KafkaBroker kafka;
    static ClickHouseServer clickhouse;

    @BeforeAll
    static void startServers() throws Exception {
        kafka = KafkaBroker.start(TestDirs.fresh("throughput-idle-kafka"));
        clickhouse = ClickHouseServer.start(TestDirs.fresh("throughput-idle-clickhouse"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.CASE_EVENTS, 2, (short) 1))).all().get();
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
        ThroughputOptions options = ThroughputOptions.fromMap(Map.of(
                ThroughputOptions.KAFKA_BOOTSTRAP, kafka.bootstrapServers(),
                ThroughputOptions.OUT_OF_ORDERNESS, OUT_OF_ORDERNESS.toMillis() + "ms",
                ThroughputOptions.IDLENESS, IDLENESS.toMillis() + "ms",
                ThroughputOptions.EARLY_FIRING, "off",
                ThroughputOptions.CHECKPOINT_INTERVAL, "2s",
                ThroughputOptions.SINK_FLUSH_INTERVAL, "200ms",
                ClickHouseConnection.KEY_URL, clickhouse.httpUrl(),
                ClickHouseConnection.KEY_DATABASE, "idle"), "ThroughputIdleITCase");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        JobClient job = ThroughputJob.runJob(env, options);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            // 09:00: both departments accept a case; then rsj falls silent.
            send(producer, 0, accepted("S1", SCJG, W01, CaseKind.COMMITTED, local("2026-03-02T09:00:10")));
            send(producer, 1, accepted("R1", RSJ, W02, CaseKind.COMMITTED, local("2026-03-02T09:00:20")));
            // scjg carries on, one case a minute.
            send(producer, 0, accepted("S2", SCJG, W01, CaseKind.COMMITTED, local("2026-03-02T09:01:10")));
            send(producer, 0, accepted("S3", SCJG, W01, CaseKind.COMMITTED, local("2026-03-02T09:02:10")));
            long lastSent = System.nanoTime();
            send(producer, 0, accepted("S4", SCJG, W01, CaseKind.COMMITTED, local("2026-03-02T09:03:10")));

            String closed = "SELECT department_id, toString(bucket_start), accepted FROM idle.dws_throughput_minute FINAL "
                    + "ORDER BY bucket_start, department_id FORMAT TSV";
            Waits.until("minutes 09:00–09:02 of both departments closed in ClickHouse", Duration.ofMinutes(2), 200,
                    () -> clickhouse.query(closed).lines().count() >= 4);
            long seconds = Duration.ofNanos(System.nanoTime() - lastSent).toSeconds();
            System.out.printf("idle test: minute 09:02 of scjg reached ClickHouse %d s after the event that closed it "
                    + "(idleness %d s; rsj silent throughout)%n", seconds, IDLENESS.toSeconds());

            assertThat(clickhouse.query(closed).lines().toList()).containsExactly(
                    "rsj\t2026-03-02 09:00:00\t1",
                    "scjg\t2026-03-02 09:00:00\t1",
                    "scjg\t2026-03-02 09:01:00\t1",
                    "scjg\t2026-03-02 09:02:00\t1");
            // On time: the idleness, the sink's flush interval and a margin for two shared cores — not minutes.
            assertThat(seconds).isLessThan(30);
        } finally {
            job.cancel().get();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, int partition, CaseEvent e) throws Exception {
        e.sourceCommitTime = e.businessTime;
        producer.send(new ProducerRecord<>(Topics.CASE_EVENTS, partition, e.caseId.getBytes(StandardCharsets.UTF_8),
                new CaseEventCodec().encode(e))).get();
    }
}
