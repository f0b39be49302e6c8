package cn.xiaoneng.jobs.incident;

import cn.xiaoneng.model.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A raw change or heartbeat record → {@link SourceActivity} at the source's <b>commit</b> time ({@code source.ts_ms} of
 * a change, {@code ts_ms} of a heartbeat), so that a backlog delivered late by the pipeline still shows when the
 * source was alive. A record whose time cannot be read still proves the source is alive: it counts at its Kafka
 * timestamp (normalization dead-letters it, this only watches liveness). Tombstones carry nothing.
 */
public final class SourceActivityDeserializer implements KafkaRecordDeserializationSchema<SourceActivity> {
    private static final long serialVersionUID = 1L;
    private static final String HEARTBEAT_PREFIX = "__debezium-heartbeat.";
    private transient ObjectMapper json;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SourceActivity> out) {
        if (record.value() == null) {
            return;
        }
        String sourceId;
        try {
            sourceId = Topics.sourceIdOf(record.topic());
        } catch (IllegalArgumentException e) {
            return;
        }
        boolean heartbeat = record.topic().startsWith(HEARTBEAT_PREFIX);
        out.collect(new SourceActivity(sourceId, commitTime(record.value(), heartbeat, record.timestamp()), heartbeat));
    }

    long commitTime(byte[] value, boolean heartbeat, long fallback) {
        if (json == null) {
            json = new ObjectMapper();
        }
        try {
            JsonNode root = json.readTree(value);
            JsonNode payload = root.has("payload") && root.get("payload").isObject() ? root.get("payload") : root;
            JsonNode ts = heartbeat ? payload.get("ts_ms") : payload.path("source").get("ts_ms");
            return ts != null && ts.canConvertToLong() && ts.asLong() > 0 ? ts.asLong() : fallback;
        } catch (IOException e) {
            return fallback;
        }
    }

    @Override
    public TypeInformation<SourceActivity> getProducedType() {
        return TypeInformation.of(SourceActivity.class);
    }
}
