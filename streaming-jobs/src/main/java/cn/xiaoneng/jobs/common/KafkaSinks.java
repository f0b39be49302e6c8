package cn.xiaoneng.jobs.common;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/** The jobs' Kafka sinks: keyed records, at-least-once (every consumer deduplicates by a deterministic id). */
public final class KafkaSinks {
    private KafkaSinks() {}

    public static <T> KafkaSink<T> atLeastOnce(String bootstrapServers, String topic, SerializationSchema<T> key, SerializationSchema<T> value) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(KafkaRecordSerializationSchema.<T>builder().setTopic(topic).setKeySerializationSchema(key)
                        .setValueSerializationSchema(value).build())
                // Downstream consumers deduplicate by event or card id; at-least-once keeps the latency low.
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                // Fewer, larger produce requests: a busy job fills batches within milliseconds, and 10 ms of linger is
                // nothing next to the seconds a ClickHouse batch waits; the broker's work is per request as much as per byte.
                .setProperty("linger.ms", "10")
                .setProperty("batch.size", String.valueOf(256 * 1024))
                .build();
    }
}
