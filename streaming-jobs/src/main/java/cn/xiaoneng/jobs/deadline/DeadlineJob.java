package cn.xiaoneng.jobs.deadline;

import cn.xiaoneng.deadline.engine.Card;
import cn.xiaoneng.deadline.engine.CardCodec;
import cn.xiaoneng.deadline.engine.CaseTracker;
import cn.xiaoneng.deadline.engine.TrackingTable;
import cn.xiaoneng.jobs.clickhouse.ClickHouseSink;
import cn.xiaoneng.jobs.clickhouse.JsonRowEncoder;
import cn.xiaoneng.jobs.common.CanonicalEvents;
import cn.xiaoneng.jobs.common.KafkaSinks;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.Topics;
import cn.xiaoneng.warehouse.Tables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The commitment-deadline engine on the canonical case events (issue: 6.5.4, 6.6.7, 附录E): cards to the cards topic and
 * ClickHouse, each case's clock and 跟踪表 step ledger to ClickHouse. Three layers: {@link #main} reads the config file,
 * {@link #runJob} builds the Kafka source and production sinks, {@link #defineWorkflow} is the dataflow.
 * Submit with {@code flink run -c cn.xiaoneng.jobs.deadline.DeadlineJob <job jar> --config deadline.properties}.
 */
public final class DeadlineJob {
    public static final String NAME = "xiaoneng-deadline";

    /** How often the engine's clock is re-read: live, a card is raised within liveLag + this of its instant. */
    public static final Duration WATERMARK_INTERVAL = Duration.ofMillis(100);

    private DeadlineJob() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("--config")) {
            System.err.println("usage: DeadlineJob --config <deadline.properties>");
            System.exit(2);
        }
        runJob(StreamExecutionEnvironment.getExecutionEnvironment(), DeadlineOptions.fromFile(Path.of(args[1]))).getJobExecutionResult().get();
    }

    /** Builds the real Kafka source and Kafka/ClickHouse sinks and submits the job; returns at once. */
    public static JobClient runJob(StreamExecutionEnvironment env, DeadlineOptions o) throws Exception {
        env.enableCheckpointing(o.checkpointInterval.toMillis());
        // No function of this job changes a record it received or keeps one it emitted: chained operators may share
        // records instead of deep-copying them for each of the sinks.
        env.getConfig().enableObjectReuse();
        env.getConfig().setAutoWatermarkInterval(WATERMARK_INTERVAL.toMillis());
        KafkaSource<CaseEvent> source = CanonicalEvents.kafkaSource(o.kafkaBootstrap, o.groupId);
        defineWorkflow(env, source, EngineClock.strategy(o.clock, EngineClock.WallClock.SYSTEM), CaseTracker.perCenter(), o.stateTtl,
                new ProductionSinks(o));
        return env.executeAsync(NAME);
    }

    /** The dataflow, with source, clock, engine and sinks given from outside (tests pass bounded sources and collecting sinks). */
    public static void defineWorkflow(StreamExecutionEnvironment env, Source<CaseEvent, ?, ?> source, WatermarkStrategy<CaseEvent> clock,
                                      CaseTracker tracker, Duration stateTtl, DeadlineSinks sinks) {
        DataStream<CaseEvent> events = env.fromSource(source, clock, "case-events").uid("deadline-case-events-source");
        SingleOutputStreamOperator<Card> cards = events
                .keyBy(new CaseIdKey())
                .process(new DeadlineFunction(tracker, stateTtl), TypeInformation.of(Card.class))
                .uid("deadline-engine")
                .name("deadline engine by case");
        sinks.cards(cards);
        sinks.tracking(cards.getSideOutput(DeadlineFunction.TRACKING));
    }

    /** Cards to the cards topic (keyed by case) and ClickHouse; clocks and the step ledger to ClickHouse. */
    static final class ProductionSinks implements DeadlineSinks {
        private final DeadlineOptions o;

        ProductionSinks(DeadlineOptions o) {
            this.o = o;
        }

        @Override
        public void cards(DataStream<Card> cards) {
            cards.sinkTo(KafkaSinks.atLeastOnce(o.kafkaBootstrap, Topics.DEADLINE_CARDS, new CardKey(), new CardValue()))
                    .uid("deadline-cards-kafka").name("cards → kafka");
            cards.sinkTo(clickHouse(Tables.DWD_DEADLINE_CARD, new DeadlineRows.CardRow())).uid("deadline-cards-clickhouse")
                    .name("cards → clickhouse");
        }

        @Override
        public void tracking(DataStream<TrackingTable> tracking) {
            tracking.sinkTo(clickHouse(Tables.DWS_CASE_CLOCK, new DeadlineRows.ClockRow())).uid("deadline-clock-clickhouse")
                    .name("case clocks → clickhouse");
            tracking.flatMap((TrackingTable t, org.apache.flink.util.Collector<LedgerRow> out) -> LedgerRow.of(t).forEach(out::collect))
                    .returns(LedgerRow.class)
                    .uid("deadline-ledger-rows").name("跟踪表 steps")
                    .sinkTo(clickHouse(Tables.DWD_CASE_STEP_LEDGER, new DeadlineRows.StepLedgerRow())).uid("deadline-ledger-clickhouse")
                    .name("step ledger → clickhouse");
        }

        private <T> ClickHouseSink<T> clickHouse(String table, JsonRowEncoder<T> encoder) {
            return ClickHouseSink.<T>builder().connection(o.clickHouse).table(table).encoder(encoder).batchSize(o.sinkBatchSize)
                    .flushInterval(o.sinkFlushInterval).build();
        }
    }

    /** All events of one case go to one engine instance: its state is per case. Case ids are unique within a center only. */
    static final class CaseIdKey implements KeySelector<CaseEvent, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(CaseEvent e) {
            return e.centerId + '/' + e.caseId;
        }
    }

    static final class CardKey implements SerializationSchema<Card> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(Card c) {
            // By case, not by card: a case's records stay in order (a retraction after its raise).
            return (c.centerId + '/' + c.caseId).getBytes(StandardCharsets.UTF_8);
        }
    }

    static final class CardValue implements SerializationSchema<Card> {
        private static final long serialVersionUID = 1L;
        private final CardCodec codec = new CardCodec();

        @Override
        public byte[] serialize(Card c) {
            return codec.encode(c);
        }
    }
}
