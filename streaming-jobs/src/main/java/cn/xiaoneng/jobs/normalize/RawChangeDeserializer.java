package cn.xiaoneng.jobs.normalize;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Keeps raw records whole: parsing happens in {@link NormalizeFunction}, where a bad record becomes a dead letter instead of a failed job. */
public final class RawChangeDeserializer implements KafkaRecordDeserializationSchema<RawChange> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawChange> out) {
        out.collect(new RawChange(record.topic(), record.partition(), record.offset(), record.key(), record.value(), record.timestamp()));
    }

    @Override
    public TypeInformation<RawChange> getProducedType() {
        return TypeInformation.of(RawChange.class);
    }
}
