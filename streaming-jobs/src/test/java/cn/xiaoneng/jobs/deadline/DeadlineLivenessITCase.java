package cn.xiaoneng.jobs.deadline;

import static cn.xiaoneng.jobs.deadline.DeadlineFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.deadline.engine.Card;
import cn.xiaoneng.deadline.engine.CardKind;
import cn.xiaoneng.deadline.engine.CardStatus;
import cn.xiaoneng.deadline.engine.CaseTracker;
import cn.xiaoneng.jobs.common.CaseEventValue;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseEventCodec;
import cn.xiaoneng.model.EventType;
import cn.xiaoneng.model.Topics;
import cn.xiaoneng.testsupport.KafkaBroker;
import cn.xiaoneng.testsupport.TestDirs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
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
 * Live: a card is raised within 1 s of its instant although no event at all arrives (issue 3, "The Flink job"). The
 * job reads a real Kafka topic holding one acceptance; its engine clock runs on a wall clock set to 20 s before the
 * case's due instant (2026-03-10T00:00:00+08:00), so the 黄牌 falls due while the topic is silent.
 */
class DeadlineLivenessITCase {
    private static final long DUE = local("2026-03-10T00:00:00");
    /** Wall-clock time of the test = real time shifted so that the job starts 20 s before the due instant. */
    private static final long SHIFT = DUE - 20_000 - System.currentTimeMillis();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(1)
            .build());

    static KafkaBroker kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaBroker.start(TestDirs.fresh("deadline-liveness-kafka"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.CASE_EVENTS, 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.stop();
        }
    }

    private static long shiftedNow() {
        return System.currentTimeMillis() + SHIFT;
    }

    @Test
    void theYellowCardIsRaisedWithinASecondOfItsInstantWithNoEventArriving() throws Exception {
        // Accepted Monday 2026-03-02 10:00 with 5 WD; entered into the system a second ago (shifted time).
        CaseEvent accepted = enteredAt(event(EventType.ACCEPTED, "C1", "5WD", "2026-03-02T10:00:00"), "2026-03-02T10:00:00");
        accepted.sourceCommitTime = shiftedNow() - 1_000;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.CASE_EVENTS, accepted.caseId.getBytes(StandardCharsets.UTF_8),
                    new CaseEventCodec().encode(accepted))).get();
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.getConfig().setAutoWatermarkInterval(DeadlineJob.WATERMARK_INTERVAL.toMillis());
        KafkaSource<CaseEvent> source = KafkaSource.<CaseEvent>builder().setBootstrapServers(kafka.bootstrapServers()).setTopics(Topics.CASE_EVENTS)
                .setGroupId("liveness").setStartingOffsets(OffsetsInitializer.earliest()).setValueOnlyDeserializer(new CaseEventValue()).build();
        long shift = SHIFT;
        EngineClock.WallClock wall = () -> System.currentTimeMillis() + shift;
        CollectedCards sinks = new CollectedCards();
        DeadlineJob.defineWorkflow(env, source, EngineClock.strategy(settings(), wall), CaseTracker.perCenter(), Duration.ofDays(400), sinks);
        var job = env.executeAsync("deadline-liveness");
        try (CloseableIterator<Card> cards = sinks.cards) {
            while (true) {
                Card c = cards.next();
                long receivedAt = shiftedNow();
                if (c.kind == CardKind.YELLOW) {
                    long late = receivedAt - c.instant;
                    System.out.printf("liveness: 黄牌 raised %d ms after its instant, no event since the acceptance%n", late);
                    assertThat(c.status).isEqualTo(CardStatus.RAISED);
                    assertThat(c.instant).isEqualTo(DUE);
                    assertThat(late).isBetween(0L, 999L);
                    break;
                }
                // Warnings whose instants passed before the job started come first, at once.
                assertThat(c.instant).isLessThan(DUE);
            }
        } finally {
            job.cancel().get();
        }
    }

    private static EngineClock.Settings settings() {
        return new EngineClock.Settings(DeadlineOptions.DEFAULT_OUT_OF_ORDERNESS, DeadlineOptions.DEFAULT_LIVE_LAG, DeadlineOptions.DEFAULT_CATCH_UP,
                DeadlineOptions.DEFAULT_QUIET_AFTER);
    }
}
