package cn.xiaoneng.jobs.common;

import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.Topics;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The Kafka source every job downstream of normalization reads: the canonical case-event topic. */
public final class CanonicalEvents {
    private CanonicalEvents() {}

    /**
     * Resumes from the group's offsets, committed on checkpoints (a restore from a checkpoint uses the checkpoint's own);
     * a new group starts at the beginning of the topic.
     */
    public static KafkaSource<CaseEvent> kafkaSource(String bootstrapServers, String groupId) {
        return KafkaSource.<CaseEvent>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(Topics.CASE_EVENTS)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setValueOnlyDeserializer(new CaseEventValue())
                .setProperty("partition.discovery.interval.ms", "5000")
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }
}
