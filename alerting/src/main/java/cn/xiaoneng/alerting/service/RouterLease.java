package cn.xiaoneng.alerting.service;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Who may route: one active router, any number of standbys. The lease is partition 0 of the (one-partition) state
 * topic in the consumer group {@code <alerting.group.id>.lease}: Kafka's group coordinator gives it to exactly one
 * member, keeps it with that member (sticky assignment: a standby joining does not take it), and moves it to a standby
 * when the holder leaves, crashes, or stops turning its loop for {@code alerting.lease.timeout} (the engine thread
 * calls {@link #keep()} every turn, so a hung engine loses the lease).
 *
 * <p>The lease decides who starts; it cannot stop a paused process that does not know yet that it lost it. That is
 * what the transactional producer's fencing does: the new holder's {@code initTransactions()} with the same
 * {@code transactional.id} fences the old one, whose next state write or offset commit fails, so it stops before
 * changing anything (AlertRouterService).
 */
final class RouterLease implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition partition;
    private volatile boolean held;
    private volatile boolean lost;

    RouterLease(String bootstrap, String groupId, String stateTopic, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId + ".lease");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, String.valueOf(Math.max(500, timeout.toMillis() / 4)));
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, String.valueOf(timeout.toMillis()));
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.partition = new TopicPartition(stateTopic, 0);
        consumer.subscribe(List.of(stateTopic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> parts) {
                if (parts.contains(partition)) {
                    consumer.pause(List.of(partition)); // the lease is the assignment; nothing is read through it
                    held = true;
                }
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> parts) {
                release(parts);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> parts) {
                release(parts);
            }
        });
    }

    private void release(Collection<TopicPartition> parts) {
        if (parts.contains(partition) && held) {
            held = false;
            lost = true;
        }
    }

    /** Blocks until this instance holds the lease; {@code waiting} runs once if another router holds it. */
    void acquire(Runnable waiting) {
        boolean told = false;
        long tellAt = System.nanoTime() + 3_000_000_000L; // joining the group alone takes a moment
        while (!held) {
            consumer.poll(Duration.ofMillis(200));
            if (!held && !told && System.nanoTime() > tellAt) {
                waiting.run();
                told = true;
            }
        }
    }

    /** Keeps the membership alive (each turn of the engine thread); false once the lease was lost. */
    boolean keep() {
        consumer.poll(Duration.ZERO);
        return held && !lost;
    }

    @Override
    public void close() {
        consumer.close(); // leaves the group: a standby takes over at once instead of after the timeout
    }
}
