package cn.xiaoneng.jobs.normalize;

import cn.xiaoneng.ingestion.mapping.SourceMapping;
import cn.xiaoneng.jobs.clickhouse.ClickHouseSink;
import cn.xiaoneng.jobs.clickhouse.JsonRowEncoder;
import cn.xiaoneng.jobs.clickhouse.RowBinaryEncoder;
import cn.xiaoneng.jobs.common.KafkaSinks;
import cn.xiaoneng.jobs.common.RecordSchemas;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.DeadLetter;
import cn.xiaoneng.model.Topics;
import cn.xiaoneng.warehouse.Tables;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Normalization: raw CDC records from every departmental source → canonical case events on Kafka and in
 * ClickHouse (ODS), dead letters with reasons, receipts and heartbeats. The same jar runs on a Flink cluster
 * ({@code flink run ... --config normalization.properties}) and, for the demo and tests, on a local MiniCluster.
 */
public final class NormalizationJob {
    public static final String NAME = "xiaoneng-normalization";

    private NormalizationJob() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("--config")) {
            System.err.println("usage: NormalizationJob --config <normalization.properties>");
            System.exit(2);
        }
        runJob(StreamExecutionEnvironment.getExecutionEnvironment(), NormalizationOptions.fromFile(Path.of(args[1]))).getJobExecutionResult().get();
    }

    /** Builds the real Kafka source and Kafka/ClickHouse sinks and submits the job; returns at once. */
    public static JobClient runJob(StreamExecutionEnvironment env, NormalizationOptions o) throws Exception {
        env.enableCheckpointing(o.checkpointInterval.toMillis());
        // No function of this job changes a record it received or keeps one it emitted: chained operators may share
        // records instead of deep-copying them for each of the sinks.
        env.getConfig().enableObjectReuse();
        defineWorkflow(env, rawSource(o), o.mappings, o.pseudonymKey, new ProductionSinks(o));
        return env.executeAsync(NAME);
    }

    /** The raw change topics of every source, and their heartbeats, from the committed offsets of the job's group. */
    public static KafkaSource<RawChange> rawSource(NormalizationOptions o) {
        return KafkaSource.<RawChange>builder()
                .setBootstrapServers(o.kafkaBootstrap)
                .setTopicPattern(Pattern.compile(Topics.RAW_PATTERN + "|" + Topics.HEARTBEAT_PATTERN))
                .setGroupId(o.groupId)
                // Resume from committed offsets (committed on checkpoints); a new group starts at the beginning.
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RawChangeDeserializer())
                .setProperty("partition.discovery.interval.ms", "5000")
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }

    /** The production sinks: Kafka and ClickHouse (see {@link ProductionSinks}). */
    public static NormalizationSinks productionSinks(NormalizationOptions o) {
        return new ProductionSinks(o);
    }

    /**
     * The dataflow, with sources and sinks given from outside (tests pass bounded sources and collecting sinks).
     * @return the canonical events, for a job that goes on with them ({@link cn.xiaoneng.jobs.spine.SpineJob})
     */
    public static SingleOutputStreamOperator<CaseEvent> defineWorkflow(StreamExecutionEnvironment env, Source<RawChange, ?, ?> source, List<SourceMapping> mappings, byte[] pseudonymKey,
                                      NormalizationSinks sinks) {
        DataStream<RawChange> raw = env.fromSource(source, alignedByCommitTime(), "raw-changes").uid("raw-changes-source");
        SingleOutputStreamOperator<CaseEvent> events = raw
                .process(new NormalizeFunction(mappings, pseudonymKey))
                .uid("normalize")
                .name("normalize");
        sinks.caseEvents(events);
        sinks.deadLetters(events.getSideOutput(NormalizeFunction.DEAD_LETTERS));
        sinks.receipts(events.getSideOutput(NormalizeFunction.RECEIPTS));
        sinks.heartbeats(events.getSideOutput(NormalizeFunction.HEARTBEATS));
        return events;
    }

    /**
     * Normalization keeps no event-time state, but the order it writes the canonical topic in is the order downstream
     * jobs see business time in. Draining a backlog (a replay, a backfill, a restart after an outage), one raw partition
     * could otherwise run days ahead of another and push the downstream watermark past everything the slower one still
     * holds. Watermark alignment on the records' commit time (their Kafka timestamp) pauses partitions that run more
     * than {@link #ALIGNMENT_DRIFT} ahead of the slowest, so the canonical topic stays roughly in commit order.
     */
    static WatermarkStrategy<RawChange> alignedByCommitTime() {
        return WatermarkStrategy.<RawChange>forBoundedOutOfOrderness(Duration.ofSeconds(5))
                .withTimestampAssigner((r, previous) -> r.kafkaTimestamp)
                .withIdleness(Duration.ofSeconds(30))
                .withWatermarkAlignment("xn-raw-changes", ALIGNMENT_DRIFT, Duration.ofSeconds(1));
    }

    /**
     * How far one raw partition may run ahead of the slowest in commit time while a backlog drains. Small enough to keep
     * the skew below the throughput job's allowed lateness (3 days by default); large enough not to throttle a replay.
     * A backlog's commit times jump over every night (15 h) and weekend: with a drift of 1 h, the partition that crossed
     * a night first was paused until the others crossed it too, and the bench's normalization subtasks sat idle 65 % of
     * the time (session 6). With 1 day they are busy 90–97 % of the drain: a weekend's 63 h gap still exceeds the drift,
     * but a drift of 30 days gave the same (session 7; the 23–41 % "idle" seen in session 6 was the bench's measuring
     * window running past the end of the drain).
     */
    static final Duration ALIGNMENT_DRIFT = Duration.ofDays(1);

    /** Canonical events and dead letters to Kafka (for the jobs downstream) and to ClickHouse; receipts and heartbeats to ClickHouse. */
    static final class ProductionSinks implements NormalizationSinks {
        private final NormalizationOptions o;

        ProductionSinks(NormalizationOptions o) {
            this.o = o;
        }

        @Override
        public void caseEvents(DataStream<CaseEvent> events) {
            events.sinkTo(kafka(Topics.CASE_EVENTS, new RecordSchemas.CaseKey(), new RecordSchemas.CaseEventJson())).uid("case-events-kafka").name("case-events → kafka");
            events.sinkTo(clickHouseBinary(Tables.ODS_CASE_EVENT, new WarehouseRows.CaseEventBinaryRow())).uid("case-events-clickhouse")
                    .name("case-events → clickhouse");
        }

        @Override
        public void deadLetters(DataStream<DeadLetter> deadLetters) {
            deadLetters.sinkTo(kafka(Topics.DEAD_LETTER, new RecordSchemas.DeadLetterKey(), new RecordSchemas.DeadLetterJson())).uid("dead-letters-kafka").name("dead-letters → kafka");
            deadLetters.sinkTo(clickHouse(Tables.ODS_DEAD_LETTER, new WarehouseRows.DeadLetterRow())).uid("dead-letters-clickhouse")
                    .name("dead-letters → clickhouse");
        }

        @Override
        public void receipts(DataStream<RawReceipt> receipts) {
            receipts.sinkTo(clickHouseBinary(Tables.ODS_RAW_CHANGE, new WarehouseRows.ReceiptBinaryRow())).uid("receipts-clickhouse")
                    .name("receipts → clickhouse");
        }

        @Override
        public void heartbeats(DataStream<SourceHeartbeat> heartbeats) {
            heartbeats.sinkTo(clickHouse(Tables.ODS_SOURCE_HEARTBEAT, new WarehouseRows.HeartbeatRow())).uid("heartbeats-clickhouse")
                    .name("heartbeats → clickhouse");
        }

        private <T> KafkaSink<T> kafka(String topic, SerializationSchema<T> key, SerializationSchema<T> value) {
            return KafkaSinks.atLeastOnce(o.kafkaBootstrap, topic, key, value);
        }

        private <T> ClickHouseSink<T> clickHouseBinary(String table, RowBinaryEncoder<T> encoder) {
            return ClickHouseSink.<T>builder().connection(o.clickHouse).table(table).rowBinary(encoder).batchSize(o.sinkBatchSize)
                    .flushInterval(o.sinkFlushInterval).build();
        }

        private <T> ClickHouseSink<T> clickHouse(String table, JsonRowEncoder<T> encoder) {
            return ClickHouseSink.<T>builder().connection(o.clickHouse).table(table).encoder(encoder).batchSize(o.sinkBatchSize)
                    .flushInterval(o.sinkFlushInterval).build();
        }
    }
}
