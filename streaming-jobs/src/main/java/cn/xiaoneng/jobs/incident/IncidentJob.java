package cn.xiaoneng.jobs.incident;

import cn.xiaoneng.deadline.engine.Calendars;
import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.IncidentFactCodec;
import cn.xiaoneng.incident.detect.SilenceDetector;
import cn.xiaoneng.incident.detect.WindowIdleDetector;
import cn.xiaoneng.incident.engine.IncidentCard;
import cn.xiaoneng.incident.engine.IncidentCardCodec;
import cn.xiaoneng.incident.engine.IncidentTracker;
import cn.xiaoneng.incident.plan.IncidentPlans;
import cn.xiaoneng.ingestion.mapping.OpsLogMapper;
import cn.xiaoneng.jobs.clickhouse.ClickHouseSink;
import cn.xiaoneng.jobs.clickhouse.JsonRowEncoder;
import cn.xiaoneng.jobs.common.CanonicalEvents;
import cn.xiaoneng.jobs.common.KafkaSinks;
import cn.xiaoneng.jobs.common.RecordSchemas;
import cn.xiaoneng.jobs.deadline.EngineClock;
import cn.xiaoneng.jobs.normalize.RawChange;
import cn.xiaoneng.jobs.normalize.RawChangeDeserializer;
import cn.xiaoneng.jobs.normalize.WarehouseRows;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.DeadLetter;
import cn.xiaoneng.model.Topics;
import cn.xiaoneng.warehouse.Tables;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.serialization.AbstractDeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Emergency-plan incidents (issue 4, 附录C) on the stream. Three parts in one job:
 * <ol>
 *   <li><b>Facts in.</b> The centers' operations logs (Debezium, {@code xn.ops.*}) are mapped to incident facts
 *       ({@link OpsLogFunction}, bad records dead-lettered); the silence detector, keyed by source, watches the raw
 *       topics and CDC heartbeats ({@link SourceSilenceFunction}); the window-idle detector, keyed by department,
 *       watches ACCEPTED canonical events ({@link WindowIdleFunction}). All these facts go to {@code xn.incident.facts}.</li>
 *   <li><b>The tracker</b>, keyed by center/incident, reads {@code xn.incident.facts} — the one log of every incident's
 *       timeline, whoever wrote it ({@link IncidentFunction}): cards to {@code xn.incident.cards} and ClickHouse, the
 *       incident, its facts and its plan-deadline checks to ClickHouse.</li>
 *   <li><b>Declared pauses</b> reach the open cases of the affected departments ({@link OpenCasesFunction}, keyed by
 *       center/department over the canonical events) as SUSPENDED/RESUMED events on {@code xn.canonical.case-events},
 *       where the deadline job applies them like any other pause.</li>
 * </ol>
 * Three layers: {@link #main} reads the config file, {@link #runJob} builds the Kafka sources and production sinks,
 * {@link #defineWorkflow} is the dataflow. Every input runs on the deadline engine's clock ({@link EngineClock}): it
 * follows the data while a backlog drains and the wall clock once caught up, so a detection or a card falls due within
 * a second on quiet sources.
 */
public final class IncidentJob {
    public static final String NAME = "xiaoneng-incident";
    public static final Duration WATERMARK_INTERVAL = Duration.ofMillis(100);

    private IncidentJob() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("--config")) {
            System.err.println("usage: IncidentJob --config <incident.properties>");
            System.exit(2);
        }
        runJob(StreamExecutionEnvironment.getExecutionEnvironment(), IncidentOptions.fromFile(Path.of(args[1]))).getJobExecutionResult().get();
    }

    /** The job's four inputs. Tests pass bounded sources; any of the first three may be null (that part is left out). */
    public record Inputs(Source<RawChange, ?, ?> opsLog, Source<SourceActivity, ?, ?> activity, Source<CaseEvent, ?, ?> caseEvents,
                        Source<IncidentFact, ?, ?> facts) {}

    /** The rules: plans and calendars per center, the departmental sources' owners, and the state settings. */
    public record Rules(IncidentPlans plans, Calendars calendars, Map<String, SourceSilenceFunction.Owner> sources, Duration openCasesRetention,
                        Duration stateTtl) implements Serializable {
        public IncidentTracker tracker() {
            return new IncidentTracker(plans, calendars);
        }
    }

    /** Builds the real Kafka sources and Kafka/ClickHouse sinks and submits the job; returns at once. */
    public static JobClient runJob(StreamExecutionEnvironment env, IncidentOptions o) throws Exception {
        return runJob(env, o, EngineClock.WallClock.SYSTEM);
    }

    /** As {@link #runJob(StreamExecutionEnvironment, IncidentOptions)}, on the given wall clock. */
    public static JobClient runJob(StreamExecutionEnvironment env, IncidentOptions o, EngineClock.WallClock wall) throws Exception {
        env.enableCheckpointing(o.checkpointInterval.toMillis());
        // No function of this job changes a record it received or keeps one it emitted.
        env.getConfig().enableObjectReuse();
        env.getConfig().setAutoWatermarkInterval(WATERMARK_INTERVAL.toMillis());
        Inputs inputs = new Inputs(
                KafkaSource.<RawChange>builder().setBootstrapServers(o.kafkaBootstrap).setTopicPattern(Pattern.compile(Topics.OPS_PATTERN))
                        .setGroupId(o.groupId).setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(new RawChangeDeserializer()).setProperty("partition.discovery.interval.ms", "5000")
                        .setProperty("commit.offsets.on.checkpoint", "true").build(),
                KafkaSource.<SourceActivity>builder().setBootstrapServers(o.kafkaBootstrap)
                        .setTopicPattern(Pattern.compile(Topics.RAW_PATTERN + "|" + Topics.HEARTBEAT_PATTERN)).setGroupId(o.groupId)
                        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(new SourceActivityDeserializer()).setProperty("partition.discovery.interval.ms", "5000")
                        .setProperty("commit.offsets.on.checkpoint", "true").build(),
                CanonicalEvents.kafkaSource(o.kafkaBootstrap, o.groupId),
                KafkaSource.<IncidentFact>builder().setBootstrapServers(o.kafkaBootstrap).setTopics(Topics.INCIDENT_FACTS).setGroupId(o.groupId)
                        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setValueOnlyDeserializer(new FactValue()).setProperty("partition.discovery.interval.ms", "5000")
                        .setProperty("commit.offsets.on.checkpoint", "true").build());
        defineWorkflow(env, inputs, o.clock, wall, new Rules(o.plans, o.calendars, o.sources, o.openCasesRetention, o.stateTtl),
                new ProductionSinks(o));
        return env.executeAsync(NAME);
    }

    /** The dataflow, with inputs, clock and sinks given from outside. */
    public static void defineWorkflow(StreamExecutionEnvironment env, Inputs in, EngineClock.Settings clock, EngineClock.WallClock wall, Rules rules,
                                      IncidentSinks sinks) {
        DataStream<CaseEvent> caseEvents = in.caseEvents() == null ? null
                : env.fromSource(in.caseEvents(), EngineClock.strategy(clock, wall), "case-events").uid("incident-case-events-source");
        DataStream<IncidentFact> produced = null;
        if (in.opsLog() != null) {
            SingleOutputStreamOperator<IncidentFact> mapped = env
                    .fromSource(in.opsLog(), EngineClock.<RawChange>strategy(clock, wall, (r, ts) -> r.kafkaTimestamp), "ops-log")
                    .uid("incident-ops-log-source")
                    .process(new OpsLogFunction(OpsLogMapper.standard()), TypeInformation.of(IncidentFact.class))
                    .uid("incident-ops-log-mapper").name("ops log → incident facts");
            sinks.deadLetters(mapped.getSideOutput(OpsLogFunction.DEAD_LETTERS));
            produced = mapped;
        }
        if (in.activity() != null) {
            DataStream<IncidentFact> silence = env
                    .fromSource(in.activity(), EngineClock.<SourceActivity>strategy(clock, wall, (a, ts) -> a.at), "source-activity")
                    .uid("incident-source-activity-source")
                    .keyBy(new SourceKey())
                    .process(new SourceSilenceFunction(new SilenceDetector(rules.plans(), rules.calendars()), rules.sources(), rules.stateTtl()),
                            TypeInformation.of(IncidentFact.class))
                    .uid("incident-source-silence").name("silent sources by source");
            produced = produced == null ? silence : produced.union(silence);
        }
        if (caseEvents != null) {
            DataStream<IncidentFact> idle = caseEvents
                    .filter(new Acceptances()).name("acceptances")
                    .keyBy(new DepartmentKey())
                    .process(new WindowIdleFunction(new WindowIdleDetector(rules.plans(), rules.calendars()), rules.stateTtl()),
                            TypeInformation.of(IncidentFact.class))
                    .uid("incident-window-idle").name("idle windows by department");
            produced = produced == null ? idle : produced.union(idle);
        }
        if (produced != null) {
            sinks.newFacts(produced);
        }

        SingleOutputStreamOperator<IncidentCard> cards = env
                .fromSource(in.facts(), EngineClock.<IncidentFact>strategy(clock, wall, (f, ts) -> f.recordedAt), "incident-facts")
                .uid("incident-facts-source")
                .keyBy(new IncidentKey())
                .process(new IncidentFunction(rules.tracker(), rules.stateTtl()), TypeInformation.of(IncidentCard.class))
                .uid("incident-tracker").name("incident tracker by incident");
        sinks.cards(cards);
        sinks.incidents(cards.getSideOutput(IncidentFunction.INCIDENTS));
        sinks.timeline(cards.getSideOutput(IncidentFunction.TIMELINE));
        sinks.checks(cards.getSideOutput(IncidentFunction.CHECKS));
        if (caseEvents != null) {
            DataStream<CaseEvent> pauses = caseEvents.filter(new DepartmentalCaseFacts()).name("case facts with a department")
                    .keyBy(new DepartmentKey())
                    .connect(cards.getSideOutput(IncidentFunction.PAUSES).keyBy(new PauseDepartmentKey()))
                    .process(new OpenCasesFunction(rules.openCasesRetention(), rules.stateTtl()), TypeInformation.of(CaseEvent.class))
                    .uid("incident-open-cases").name("open cases by department → declared pauses");
            sinks.pauseEvents(pauses);
        }
    }

    /** Production sinks: Kafka topics for the jobs and alerting downstream, ClickHouse tables for the warehouse. */
    static final class ProductionSinks implements IncidentSinks {
        private final IncidentOptions o;

        ProductionSinks(IncidentOptions o) {
            this.o = o;
        }

        @Override
        public void newFacts(DataStream<IncidentFact> facts) {
            facts.sinkTo(KafkaSinks.atLeastOnce(o.kafkaBootstrap, Topics.INCIDENT_FACTS, new FactKey(), new FactBytes()))
                    .uid("incident-facts-kafka").name("facts → kafka");
        }

        @Override
        public void deadLetters(DataStream<DeadLetter> deadLetters) {
            deadLetters.sinkTo(KafkaSinks.atLeastOnce(o.kafkaBootstrap, Topics.DEAD_LETTER, new RecordSchemas.DeadLetterKey(), new RecordSchemas.DeadLetterJson()))
                    .uid("incident-dead-letters-kafka").name("dead letters → kafka");
            deadLetters.sinkTo(clickHouse(Tables.ODS_DEAD_LETTER, new WarehouseRows.DeadLetterRow())).uid("incident-dead-letters-clickhouse")
                    .name("dead letters → clickhouse");
        }

        @Override
        public void cards(DataStream<IncidentCard> cards) {
            cards.sinkTo(KafkaSinks.atLeastOnce(o.kafkaBootstrap, Topics.INCIDENT_CARDS, new CardKey(), new CardBytes()))
                    .uid("incident-cards-kafka").name("cards → kafka");
            cards.sinkTo(clickHouse(Tables.DWD_INCIDENT_CARD, new IncidentRows.CardRow())).uid("incident-cards-clickhouse")
                    .name("cards → clickhouse");
        }

        @Override
        public void incidents(DataStream<IncidentRow> incidents) {
            incidents.sinkTo(clickHouse(Tables.DWD_INCIDENT, new IncidentRows.IncidentTableRow())).uid("incident-rows-clickhouse")
                    .name("incidents → clickhouse");
        }

        @Override
        public void timeline(DataStream<IncidentFact> facts) {
            facts.sinkTo(clickHouse(Tables.DWD_INCIDENT_FACT, new IncidentRows.FactRow())).uid("incident-timeline-clickhouse")
                    .name("timeline → clickhouse");
        }

        @Override
        public void checks(DataStream<PlanCheckRow> checks) {
            checks.sinkTo(clickHouse(Tables.DWD_INCIDENT_DEADLINE, new IncidentRows.CheckRow())).uid("incident-checks-clickhouse")
                    .name("plan deadlines → clickhouse");
        }

        @Override
        public void pauseEvents(DataStream<CaseEvent> events) {
            events.sinkTo(KafkaSinks.atLeastOnce(o.kafkaBootstrap, Topics.CASE_EVENTS, new RecordSchemas.CaseKey(), new RecordSchemas.CaseEventJson()))
                    .uid("incident-pauses-kafka").name("declared pauses → canonical topic");
            events.sinkTo(clickHouse(Tables.ODS_CASE_EVENT, new WarehouseRows.CaseEventRow())).uid("incident-pauses-clickhouse")
                    .name("declared pauses → clickhouse");
        }

        private <T> ClickHouseSink<T> clickHouse(String table, JsonRowEncoder<T> encoder) {
            return ClickHouseSink.<T>builder().connection(o.clickHouse).table(table).encoder(encoder).batchSize(o.sinkBatchSize)
                    .flushInterval(o.sinkFlushInterval).build();
        }
    }

    /** ACCEPTED events with a department and a window: what the window-idle detector observes. */
    static final class Acceptances implements FilterFunction<CaseEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(CaseEvent e) {
            return e.eventType == cn.xiaoneng.model.EventType.ACCEPTED && e.departmentId != null && e.windowId != null && e.centerId != null;
        }
    }

    /** Departmental facts the open-case index needs: acceptances and closings with a department. */
    static final class DepartmentalCaseFacts implements FilterFunction<CaseEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(CaseEvent e) {
            return e.departmentId != null && e.centerId != null
                    && (e.eventType == cn.xiaoneng.model.EventType.ACCEPTED || OpenCasesFunction.closes(e.eventType));
        }
    }

    static final class SourceKey implements KeySelector<SourceActivity, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(SourceActivity a) {
            return a.sourceId;
        }
    }

    /** Center and department: department ids are unique within a center only. */
    static final class DepartmentKey implements KeySelector<CaseEvent, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(CaseEvent e) {
            return e.centerId + '/' + e.departmentId;
        }
    }

    static final class PauseDepartmentKey implements KeySelector<PauseRequest, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(PauseRequest p) {
            return p.centerId + '/' + p.departmentId;
        }
    }

    /** Incident ids are unique within a center only. */
    static final class IncidentKey implements KeySelector<IncidentFact, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(IncidentFact f) {
            return f.centerId + '/' + f.incidentId;
        }
    }

    /** Kafka value of the facts topic. A value that cannot be read fails the job: this job and its mapper wrote it. */
    static final class FactValue extends AbstractDeserializationSchema<IncidentFact> {
        private static final long serialVersionUID = 1L;
        private transient IncidentFactCodec codec;

        @Override
        public IncidentFact deserialize(byte[] message) throws IOException {
            if (codec == null) {
                codec = new IncidentFactCodec();
            }
            return codec.decode(message);
        }
    }

    /** By incident: an incident's facts stay in one partition, in the order they were written. */
    static final class FactKey implements SerializationSchema<IncidentFact> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(IncidentFact f) {
            return (f.centerId + '/' + f.incidentId).getBytes(StandardCharsets.UTF_8);
        }
    }

    static final class FactBytes implements SerializationSchema<IncidentFact> {
        private static final long serialVersionUID = 1L;
        private final IncidentFactCodec codec = new IncidentFactCodec();

        @Override
        public byte[] serialize(IncidentFact f) {
            return codec.encode(f);
        }
    }

    /** By incident, not by card: a retraction never overtakes its raise. */
    static final class CardKey implements SerializationSchema<IncidentCard> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(IncidentCard c) {
            return (c.centerId + '/' + c.incidentId).getBytes(StandardCharsets.UTF_8);
        }
    }

    static final class CardBytes implements SerializationSchema<IncidentCard> {
        private static final long serialVersionUID = 1L;
        private final IncidentCardCodec codec = new IncidentCardCodec();

        @Override
        public byte[] serialize(IncidentCard c) {
            return codec.encode(c);
        }
    }
}
