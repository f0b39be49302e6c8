package cn.xiaoneng.jobs.throughput;

import cn.xiaoneng.jobs.clickhouse.ClickHouseSink;
import cn.xiaoneng.jobs.common.CanonicalEvents;
import cn.xiaoneng.model.CaseEvent;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Live throughput: canonical case events → counts per center, department, window (窗口) and case kind in 1-minute,
 * 1-hour and 1-day buckets of business time (Asia/Shanghai), as versioned rows in {@code dws_throughput_*}. Exact
 * under late data and replays: see the module README ("Throughput job") for the design.
 */
public final class ThroughputJob {
    public static final String NAME = "xiaoneng-throughput";

    private ThroughputJob() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("--config")) {
            System.err.println("usage: ThroughputJob --config <throughput.properties>");
            System.exit(2);
        }
        runJob(StreamExecutionEnvironment.getExecutionEnvironment(), ThroughputOptions.fromFile(Path.of(args[1]))).getJobExecutionResult().get();
    }

    /** Builds the real Kafka source and ClickHouse sinks and submits the job; returns at once. */
    public static JobClient runJob(StreamExecutionEnvironment env, ThroughputOptions o) throws Exception {
        env.enableCheckpointing(o.checkpointInterval.toMillis());
        // No function of this job changes a record it received or keeps one it emitted: chained operators may share
        // records instead of deep-copying them for each of the sinks.
        env.getConfig().enableObjectReuse();
        KafkaSource<CaseEvent> source = CanonicalEvents.kafkaSource(o.kafkaBootstrap, o.groupId);
        defineWorkflow(env, source, watermarks(o.outOfOrderness, o.idleness), new ProductionSinks(o), o);
        return env.executeAsync(NAME);
    }

    /** The dataflow, with source, watermarks and sinks given from outside (tests pass bounded sources and collecting sinks). */
    public static void defineWorkflow(StreamExecutionEnvironment env, Source<CaseEvent, ?, ?> source, WatermarkStrategy<CaseEvent> watermarks,
                                      ThroughputSinks sinks, ThroughputOptions o) {
        defineWorkflow(env, source, watermarks, sinks, o.allowedLateness, o.stateTtl, o.earlyFiring);
    }

    /** As below, with early firings every {@link #EARLY_FIRING_INTERVAL}. */
    public static void defineWorkflow(StreamExecutionEnvironment env, Source<CaseEvent, ?, ?> source, WatermarkStrategy<CaseEvent> watermarks,
                                      ThroughputSinks sinks, Duration allowedLateness, Duration stateTtl) {
        defineWorkflow(env, source, watermarks, sinks, allowedLateness, stateTtl, EARLY_FIRING_INTERVAL);
    }

    /**
     * As above with the settings the dataflow needs, for tests that have no full options.
     * @param earlyFiring how soon an open bucket shows new facts, or null to show buckets only when they close
     */
    public static void defineWorkflow(StreamExecutionEnvironment env, Source<CaseEvent, ?, ?> source, WatermarkStrategy<CaseEvent> watermarks,
                                      ThroughputSinks sinks, Duration allowedLateness, Duration stateTtl, Duration earlyFiring) {
        defineWorkflow(env.fromSource(source, watermarks, "case-events").uid("case-events-source"), sinks, allowedLateness, stateTtl, earlyFiring);
    }

    /**
     * The dataflow behind its source: canonical events with business-time timestamps and watermarks → the three bucket
     * sizes. The standalone job feeds it from the canonical topic; {@link cn.xiaoneng.jobs.spine.SpineJob} feeds it
     * straight from normalization, in the same job.
     */
    public static void defineWorkflow(DataStream<CaseEvent> timedEvents, ThroughputSinks sinks, Duration allowedLateness, Duration stateTtl,
                                      Duration earlyFiring) {
        // Only what the throughput figures read crosses the network to the enricher (stateless, chained to the source).
        DataStream<CaseEvent> events = timedEvents.map(new Projection()).uid("throughput-project").name("project to throughput fields");
        SingleOutputStreamOperator<ThroughputFact> facts = events
                .keyBy(new CaseIdKey())
                .process(new CaseEnricher(enricherRetention(allowedLateness), stateTtl))
                .uid("throughput-enrich")
                .name("dedupe + enrich by case");
        KeyedStream<ThroughputFact, Tuple4<String, String, String, String>> byBucketKey = byBucketKey(facts);
        SingleOutputStreamOperator<ThroughputRow> minute = buckets(byBucketKey, Bucket.MINUTE, allowedLateness, earlyFiring);
        SingleOutputStreamOperator<ThroughputRow> hour = buckets(byBucketKey, Bucket.HOUR, allowedLateness, earlyFiring);
        SingleOutputStreamOperator<ThroughputRow> day = buckets(byBucketKey, Bucket.DAY, allowedLateness, earlyFiring);
        sinks.minute(minute);
        sinks.hour(hour);
        sinks.day(day);
        sinks.lateFacts(late(minute, Bucket.MINUTE).union(late(hour, Bucket.HOUR), late(day, Bucket.DAY)));
    }

    /**
     * Watermarks on business time: bounded out-of-orderness (events of one case interleave across source rows), and
     * idleness, so a Kafka partition with nothing to say (a quiet lunch hour, a department with no cases today) stops
     * holding back the watermark of the others.
     */
    public static WatermarkStrategy<CaseEvent> watermarks(Duration outOfOrderness, Duration idleness) {
        return businessTime(outOfOrderness, idleness)
                // Replaying the canonical topic, no partition may run more than this ahead of the slowest in business time
                // (its events would make the others' late). Live, partitions are never that far apart.
                // A day keeps the skew below the allowed lateness (3 days) without throttling a replay.
                .withWatermarkAlignment("xn-case-events", Duration.ofDays(1), Duration.ofSeconds(1));
    }

    /**
     * Business time as event time, with bounded out-of-orderness and idleness, and no alignment: for a stream that does
     * not come straight from a source (the spine job's normalized events), where alignment has no partitions to pause.
     */
    public static WatermarkStrategy<CaseEvent> businessTime(Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<CaseEvent>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner(new BusinessTime())
                .withIdleness(idleness);
    }

    /**
     * How long a closed case's state outlives its latest business time: the allowed lateness plus the longest bucket.
     * Until then the case's day bucket may still take a replayed event, which must be recognised as a duplicate.
     */
    public static Duration enricherRetention(Duration allowedLateness) {
        return allowedLateness.plus(Bucket.longest());
    }

    /** An open bucket that received new facts shows them this long after (processing time); see {@link EarlyFiringTrigger}. */
    public static final Duration EARLY_FIRING_INTERVAL = Duration.ofSeconds(5);

    /**
     * Facts partitioned once by center, department, window and kind. The three bucket sizes are windows over this one
     * partitioning, chained to it, so every fact crosses the network once instead of once per bucket size (three
     * {@code keyBy}s would serialize it three times). {@link DataStreamUtils#reinterpretAsKeyedStream} is sound here
     * because the pass-through runs right behind the {@code keyBy}, with its parallelism and key groups.
     */
    static KeyedStream<ThroughputFact, Tuple4<String, String, String, String>> byBucketKey(DataStream<ThroughputFact> facts) {
        DataStream<ThroughputFact> partitioned = facts.keyBy(new BucketKey())
                .map(new PassThrough())
                .uid("throughput-by-bucket-key")
                .name("partition by center, department, window, kind");
        return DataStreamUtils.reinterpretAsKeyedStream(partitioned, new BucketKey(), BucketKey.TYPE);
    }

    /** The identity: an operator behind the {@code keyBy} for the bucket windows to chain to. */
    static final class PassThrough implements org.apache.flink.api.common.functions.MapFunction<ThroughputFact, ThroughputFact> {
        private static final long serialVersionUID = 1L;

        @Override
        public ThroughputFact map(ThroughputFact f) {
            return f;
        }
    }

    /** One bucket size: tumbling event-time windows with allowed lateness and early firings, one versioned row per firing. */
    static SingleOutputStreamOperator<ThroughputRow> buckets(KeyedStream<ThroughputFact, Tuple4<String, String, String, String>> facts, Bucket bucket,
                                                             Duration allowedLateness, Duration earlyFiring) {
        var windows = facts.window(bucket.assigner());
        if (earlyFiring != null) {
            windows = windows.trigger(new EarlyFiringTrigger(earlyFiring));
        }
        return windows
                .allowedLateness(allowedLateness)
                .sideOutputLateData(bucket.lateTag())
                .aggregate(new ThroughputAggregate(), new ThroughputWindowFunction())
                .uid(bucket.uid())
                .name("throughput per " + bucket.label());
    }

    private static DataStream<LateFact> late(SingleOutputStreamOperator<ThroughputRow> rows, Bucket bucket) {
        return rows.getSideOutput(bucket.lateTag())
                .process(new LateFactReporter(bucket))
                .uid("throughput-late-" + bucket.label())
                .name("late facts (" + bucket.label() + ")");
    }

    /** The production sinks: rows into the three ClickHouse tables (see {@link ProductionSinks}). */
    public static ThroughputSinks productionSinks(ThroughputOptions o) {
        return new ProductionSinks(o);
    }

    /** Rows into the three ClickHouse tables; late facts are reported by {@link LateFactReporter} and go nowhere else yet. */
    static final class ProductionSinks implements ThroughputSinks {
        private final ThroughputOptions o;

        ProductionSinks(ThroughputOptions o) {
            this.o = o;
        }

        @Override
        public void minute(DataStream<ThroughputRow> rows) {
            toClickHouse(rows, Bucket.MINUTE);
        }

        @Override
        public void hour(DataStream<ThroughputRow> rows) {
            toClickHouse(rows, Bucket.HOUR);
        }

        @Override
        public void day(DataStream<ThroughputRow> rows) {
            toClickHouse(rows, Bucket.DAY);
        }

        @Override
        public void lateFacts(DataStream<LateFact> late) {
            late.sinkTo(new DiscardingSink<>()).uid("throughput-late-discard").name("late facts → log and metric only");
        }

        private void toClickHouse(DataStream<ThroughputRow> rows, Bucket bucket) {
            rows.sinkTo(ClickHouseSink.<ThroughputRow>builder().connection(o.clickHouse).table(bucket.table()).encoder(new ThroughputRowEncoder())
                            .batchSize(o.sinkBatchSize).flushInterval(o.sinkFlushInterval).build())
                    .uid(bucket.uid() + "-clickhouse")
                    .name(bucket.uid() + " → clickhouse");
        }
    }

    /**
     * The fields of a canonical event that {@link CaseEnricher} reads (ids, attributes, type and business time), in a
     * new event: the rest (item, step, handler, applicant, limits, source position) would only be serialized between
     * the source and the enricher for nothing.
     */
    static final class Projection implements org.apache.flink.api.common.functions.MapFunction<CaseEvent, CaseEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public CaseEvent map(CaseEvent e) {
            CaseEvent p = new CaseEvent();
            p.schemaVersion = e.schemaVersion;
            p.eventId = e.eventId;
            p.caseId = e.caseId;
            p.centerId = e.centerId;
            p.departmentId = e.departmentId;
            p.windowId = e.windowId;
            p.caseKind = e.caseKind;
            p.eventType = e.eventType;
            p.businessTime = e.businessTime;
            p.sourceCommitTime = e.sourceCommitTime;
            return p;
        }
    }

    /** All events of one case go to one enricher: its state is per case. */
    static final class CaseIdKey implements org.apache.flink.api.java.functions.KeySelector<CaseEvent, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(CaseEvent e) {
            return e.caseId;
        }
    }

    static final class BusinessTime implements SerializableTimestampAssigner<CaseEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public long extractTimestamp(CaseEvent e, long recordTimestamp) {
            return e.businessTime;
        }
    }
}
