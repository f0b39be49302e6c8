package cn.xiaoneng.jobs.spine;

import cn.xiaoneng.ingestion.mapping.SourceMapping;
import cn.xiaoneng.jobs.normalize.NormalizationJob;
import cn.xiaoneng.jobs.normalize.NormalizationSinks;
import cn.xiaoneng.jobs.normalize.RawChange;
import cn.xiaoneng.jobs.throughput.ThroughputJob;
import cn.xiaoneng.jobs.throughput.ThroughputOptions;
import cn.xiaoneng.jobs.throughput.ThroughputSinks;
import cn.xiaoneng.model.CaseEvent;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The spine in one job: normalization (raw CDC records → canonical events on Kafka and in ClickHouse, dead letters,
 * receipts, heartbeats) and live throughput (canonical events → minute, hour and day buckets in ClickHouse), with the
 * events handed from one to the other inside the job instead of through the canonical topic.
 *
 * <p>Why: the standalone {@link ThroughputJob} reads back every event the normalization job has just written to Kafka,
 * and decodes it again. Here the throughput half takes the normalized events as they are, which saves that fetch and
 * decode (about a sixth of the pipeline's CPU, docs/performance.md), and one checkpoint covers both halves: restored
 * from it, the raw offsets, the per-case dedupe state and the open buckets all agree. The canonical topic is still
 * written for the other consumers (deadline, incident jobs). The standalone jobs stay for deployments that want the two
 * scaled or upgraded apart, or throughput recomputed from the canonical topic.
 *
 * <p>Operator uids are those of the two jobs, plus {@code throughput-business-time}: a savepoint of either standalone
 * job does not restore into this one, so switching between the layouts starts the throughput state afresh.
 */
public final class SpineJob {
    public static final String NAME = "xiaoneng-spine";

    private SpineJob() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("--config")) {
            System.err.println("usage: SpineJob --config <spine.properties>");
            System.exit(2);
        }
        runJob(StreamExecutionEnvironment.getExecutionEnvironment(), SpineOptions.fromFile(Path.of(args[1]))).getJobExecutionResult().get();
    }

    /** Builds the real Kafka source and Kafka/ClickHouse sinks and submits the job; returns at once. */
    public static JobClient runJob(StreamExecutionEnvironment env, SpineOptions o) throws Exception {
        env.enableCheckpointing(o.normalization.checkpointInterval.toMillis());
        // No function of either half changes a record it received or keeps one it emitted (see the two jobs).
        env.getConfig().enableObjectReuse();
        defineWorkflow(env, NormalizationJob.rawSource(o.normalization), o.normalization.mappings, o.normalization.pseudonymKey,
                NormalizationJob.productionSinks(o.normalization), ThroughputJob.productionSinks(o.throughput), o.throughput);
        return env.executeAsync(NAME);
    }

    /** The dataflow, with source and sinks given from outside (tests pass bounded sources and collecting sinks). */
    public static void defineWorkflow(StreamExecutionEnvironment env, Source<RawChange, ?, ?> source, List<SourceMapping> mappings, byte[] pseudonymKey,
                                      NormalizationSinks normalizationSinks, ThroughputSinks throughputSinks, ThroughputOptions t) {
        DataStream<CaseEvent> events = NormalizationJob.defineWorkflow(env, source, mappings, pseudonymKey, normalizationSinks);
        // The source's watermarks are on commit time; the buckets need business time. Each subtask's watermark follows the
        // business time of what it normalized (out-of-orderness as in the standalone job), and a subtask with nothing to
        // say goes idle so that the others' buckets still close (a department with no cases today).
        DataStream<CaseEvent> timed = events.assignTimestampsAndWatermarks(ThroughputJob.businessTime(t.outOfOrderness, t.idleness))
                .uid("throughput-business-time")
                .name("business time");
        ThroughputJob.defineWorkflow(timed, throughputSinks, t.allowedLateness, t.stateTtl, t.earlyFiring);
    }
}
