package cn.xiaoneng.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads Debezium change events (JSON, schemas off: the envelope's payload) from one raw topic, from its beginning, and
 * keeps every event seen so far, so a test can wait for a condition over the whole history.
 */
final class ChangeEventReader implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final KafkaConsumer<String, String> consumer;
    private final List<JsonNode> events = new ArrayList<>();

    ChangeEventReader(String bootstrapServers, String topic) {
        this.topic = topic;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // The topic appears only when Debezium first writes to it; look for it often.
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(p);
        consumer.subscribe(List.of(topic));
    }

    /** Polls until {@code done} holds for the events seen so far; fails after {@code timeout} listing them. */
    List<JsonNode> awaitUntil(String what, Duration timeout, Predicate<List<JsonNode>> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(events)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting on " + topic + " for " + what
                        + "; events seen: " + events);
            }
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.value() != null) { // tombstones after deletes carry no value
                    events.add(parse(r.value()));
                }
            }
        }
        return List.copyOf(events);
    }

    /** Waits until an event with operation {@code op} for the row whose {@code idColumn} is {@code id} has arrived. */
    JsonNode awaitEvent(String op, String idColumn, long id, Duration timeout) {
        Predicate<JsonNode> matches = e -> op.equals(e.path("op").asText())
                && id == ("d".equals(op) ? e.path("before") : e.path("after")).path(idColumn).asLong(Long.MIN_VALUE);
        return awaitUntil("op=" + op + " " + idColumn + "=" + id, timeout, es -> es.stream().anyMatch(matches))
                .stream().filter(matches).findFirst().orElseThrow();
    }

    List<JsonNode> events() {
        return List.copyOf(events);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
