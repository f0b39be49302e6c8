package cn.xiaoneng.alerting.service;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The router's delivery state on a compacted Kafka topic (a changelog, as a Kafka Streams store keeps one): one record
 * per entry key, the latest value wins, null deletes. At start-up the whole topic is read to its end into memory; the
 * service then writes every change (and flushes) before it sends a message or commits input offsets. The state
 * survives the loss of the router's machine, as the broker keeps it replicated.
 */
public final class KafkaStateStore {
    private final String bootstrap;
    private final String topic;

    public KafkaStateStore(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    /**
     * Largest record the router writes (state entries, audit rows): a busy receiver's group or message lists thousands of
     * cards, more than Kafka's default 1 MB. The router's producer and its state and audit topics allow this much.
     */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    /**
     * Creates the topic (compacted, one partition: one active router) unless it exists, and lets it take records of
     * {@link #MAX_RECORD_BYTES} (also when it existed before that limit).
     */
    public void ensureTopic(Admin admin) throws InterruptedException, ExecutionException {
        ensure(admin, topic, Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000", "segment.ms", "3600000"));
    }

    /** The audit topic (delete policy, the broker's retention) with the same record size. */
    public static void ensureAuditTopic(Admin admin, String auditTopic) throws InterruptedException, ExecutionException {
        ensure(admin, auditTopic, Map.of());
    }

    private static void ensure(Admin admin, String name, Map<String, String> configs) throws InterruptedException,
            ExecutionException {
        Map<String, String> all = new HashMap<>(configs);
        all.put("max.message.bytes", String.valueOf(MAX_RECORD_BYTES));
        try {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) -1).configs(all))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, name);
            admin.incrementalAlterConfigs(Map.of(r, List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes",
                    String.valueOf(MAX_RECORD_BYTES)), AlterConfigOp.OpType.SET)))).all().get();
        }
    }

    /** Every live entry, read from the beginning to the current end of the topic. */
    public Map<String, byte[]> load() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, byte[]> state = new HashMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (r.value() == null) {
                        state.remove(r.key());
                    } else {
                        state.put(r.key(), r.value());
                    }
                }
            }
        }
        return state;
    }

    public void write(KafkaProducer<String, byte[]> producer, Map<String, byte[]> changes) {
        changes.forEach((k, v) -> producer.send(new ProducerRecord<>(topic, k, v)));
    }
}
