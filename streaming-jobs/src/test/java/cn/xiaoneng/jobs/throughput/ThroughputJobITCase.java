package cn.xiaoneng.jobs.throughput;

import static cn.xiaoneng.jobs.throughput.ThroughputFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseEventCodec;
import cn.xiaoneng.model.CaseKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole dataflow on a MiniCluster: one business day of a center, with a replayed event, a paper case entered late
 * and one entered far too late, through {@link ThroughputJob#defineWorkflow} into collecting sinks. Parallelism 1 and a
 * watermark after every event make the order of watermarks and late events deterministic.
 */
class ThroughputJobITCase {
    static final Duration LATENESS = Duration.ofDays(3);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(1)
            .build());

    static final CaseEvent ACCEPTED_A = accepted("A", W01, MON_0930_10);

    /** In topic order. */
    static final List<CaseEvent> DAY = List.of(
            ACCEPTED_A,
            accepted("B", W01, MON_0930_40),
            accepted("D", W01, MON_0931_00),
            completed("A", MON_0945_10),
            supplementRequested("B", MON_0950),
            accepted("C", GAJ, W02, CaseKind.IMMEDIATE, MON_1005),
            completed("C", MON_1005_30),
            ACCEPTED_A, // replayed (at-least-once): after its minute has fired
            notAccepted("F", W01, MON_1010),
            returned("D", MON_1100),
            accepted("P", W01, MON_0930_30), // paper case entered after 11:00 with its true acceptance time
            accepted("E", W01, MON_1110),
            withdrawn("E", MON_1120),
            accepted("H", W01, MON_2359),
            accepted("G", W01, TUE_0001),
            accepted("Z", W01, FEB_20_1000)); // entered ten days late: beyond the allowed lateness

    static Collected out;

    @BeforeAll
    static void runOneDay() throws Exception {
        out = run(DAY);
    }

    @Test
    void minuteBucketsHoldExactCountsIncludingTheLatePaperCase() {
        Map<String, ThroughputRow> minute = latest(out.minute);
        assertThat(minute.get(scjgW01("2026-03-02T09:30:00"))).satisfies(r -> {
            assertThat(r.accepted).as("A, B and the paper case P").isEqualTo(3);
            assertThat(r.version).isEqualTo(3);
        });
        assertThat(minute.get(scjgW01("2026-03-02T09:31:00")).accepted).isEqualTo(1);
        assertThat(minute.get(scjgW01("2026-03-02T09:45:00"))).satisfies(r -> {
            assertThat(r.completed).isEqualTo(1);
            assertThat(r.handled).as("completion from a step row, enriched").isEqualTo(1);
            assertThat(r.handlingP50Seconds).isEqualTo(15 * 60);
        });
        assertThat(minute.get(key(GAJ, W02, CaseKind.IMMEDIATE, "2026-03-02T10:05:00"))).satisfies(r -> {
            assertThat(r.accepted).isEqualTo(1);
            assertThat(r.completed).isEqualTo(1);
            assertThat(r.handlingP90Seconds).isEqualTo(30);
        });
    }

    @Test
    void theLatePaperCaseRefiresItsMinuteAndTheReplayDoesNot() {
        assertThat(out.minute).filteredOn(r -> r.bucketKey().equals(scjgW01("2026-03-02T09:30:00")))
                .extracting(r -> r.version, r -> r.accepted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, 2), org.assertj.core.groups.Tuple.tuple(3L, 3));
    }

    @Test
    void hourBucketsHoldExactCounts() {
        Map<String, ThroughputRow> hour = latest(out.hour);
        ThroughputRow nine = hour.get(scjgW01("2026-03-02T09:00:00"));
        assertThat(List.of(nine.accepted, nine.completed, nine.supplementRequested, nine.handled)).containsExactly(4, 1, 1, 1);
        ThroughputRow eleven = hour.get(scjgW01("2026-03-02T11:00:00"));
        assertThat(List.of(eleven.accepted, eleven.returned, eleven.withdrawn)).containsExactly(1, 1, 1);
        assertThat(hour.get(scjgW01("2026-03-02T10:00:00")).notAccepted).isEqualTo(1);
    }

    @Test
    void dayBucketsHoldExactCountsAndSplitAtLocalMidnight() {
        Map<String, ThroughputRow> day = latest(out.day);
        ThroughputRow monday = day.get(scjgW01("2026-03-02T00:00:00"));
        assertThat(List.of(monday.accepted, monday.completed, monday.returned, monday.notAccepted, monday.withdrawn, monday.supplementRequested))
                .as("accepted A, B, D, P, E, H").containsExactly(6, 1, 1, 1, 1, 1);
        assertThat(monday.version).isEqualTo(11);
        assertThat(monday.handlingSumSeconds).isEqualTo(15 * 60);
        assertThat(day.get(scjgW01("2026-03-03T00:00:00")).accepted).as("G at 00:01").isEqualTo(1);
        assertThat(day.get(key(GAJ, W02, CaseKind.IMMEDIATE, "2026-03-02T00:00:00")).accepted).isEqualTo(1);
    }

    @Test
    void everyBucketSizeCountsTheSameAcceptancesOnce() {
        // Eight distinct acceptances within the lateness: A, B, C, D, P, E, H, G. Not the replay of A, not Z.
        for (List<ThroughputRow> rows : List.of(out.minute, out.hour, out.day)) {
            assertThat(latest(rows).values().stream().mapToInt(r -> r.accepted).sum()).isEqualTo(8);
        }
    }

    @Test
    void anEmissionWithTheSameVersionHasTheSameFigures() {
        for (List<ThroughputRow> rows : List.of(out.minute, out.hour, out.day)) {
            Map<String, List<ThroughputRow>> byBucketAndVersion = rows.stream().collect(Collectors.groupingBy(r -> r.bucketKey() + "#" + r.version));
            byBucketAndVersion.values().forEach(same -> assertThat(same).allSatisfy(r -> assertThat(r.sameFigures(same.get(0))).isTrue()));
        }
    }

    @Test
    void aFactBeyondTheLatenessIsReportedForEveryBucketSizeAndCountedNowhere() {
        assertThat(out.late).extracting(l -> l.bucket).containsExactlyInAnyOrder("minute", "hour", "day");
        assertThat(out.late).extracting(l -> l.fact.businessTime).containsOnly(FEB_20_1000);
        assertThat(out.day).noneMatch(r -> r.bucketStart == local("2026-02-20T00:00:00"));
    }

    private static String scjgW01(String localBucketStart) {
        return key(SCJG, W01, CaseKind.COMMITTED, localBucketStart);
    }

    private static String key(String department, String window, CaseKind kind, String localBucketStart) {
        ThroughputRow r = new ThroughputRow();
        r.centerId = CENTER;
        r.departmentId = department;
        r.windowId = window;
        r.caseKind = kind.name();
        r.bucketStart = local(localBucketStart);
        return r.bucketKey();
    }

    /** What ClickHouse's ReplacingMergeTree(version) keeps: per bucket, the row with the highest version. */
    static Map<String, ThroughputRow> latest(List<ThroughputRow> rows) {
        return rows.stream().collect(Collectors.toMap(ThroughputRow::bucketKey, Function.identity(),
                (a, b) -> Comparator.<ThroughputRow>comparingLong(r -> r.version).compare(a, b) >= 0 ? a : b));
    }

    static Collected run(List<CaseEvent> events) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        Collected c = new Collected();
        WatermarkStrategy<CaseEvent> watermarks = WatermarkStrategy.<CaseEvent>forGenerator(ctx -> new WatermarkAfterEveryEvent(Duration.ofMinutes(1)))
                .withTimestampAssigner(new ThroughputJob.BusinessTime());
        ThroughputJob.defineWorkflow(env, source(events), watermarks, c, LATENESS, Duration.ofDays(60));
        JobClient job = env.executeAsync("throughput-itcase");
        c.drain();
        job.getJobExecutionResult().get();
        return c;
    }

    /** A bounded source emitting the events in list order (as JSON, so the generator function stays serializable). */
    static DataGeneratorSource<CaseEvent> source(List<CaseEvent> events) {
        CaseEventCodec codec = new CaseEventCodec();
        ArrayList<String> json = new ArrayList<>();
        events.forEach(e -> json.add(new String(codec.encode(e), StandardCharsets.UTF_8)));
        return new DataGeneratorSource<>(new Decode(json), json.size(), TypeInformation.of(CaseEvent.class));
    }

    static final class Decode implements GeneratorFunction<Long, CaseEvent> {
        private static final long serialVersionUID = 1L;
        private final ArrayList<String> json;
        private transient CaseEventCodec codec;

        Decode(ArrayList<String> json) {
            this.json = json;
        }

        @Override
        public CaseEvent map(Long index) {
            if (codec == null) {
                codec = new CaseEventCodec();
            }
            return codec.decode(json.get(index.intValue()).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The production bound on out-of-orderness, but a watermark after every event instead of every 200 ms. */
    static final class WatermarkAfterEveryEvent implements WatermarkGenerator<CaseEvent> {
        private final long outOfOrdernessMillis;
        private long max = Long.MIN_VALUE;

        WatermarkAfterEveryEvent(Duration outOfOrderness) {
            this.outOfOrdernessMillis = outOfOrderness.toMillis();
        }

        @Override
        public void onEvent(CaseEvent e, long timestamp, WatermarkOutput output) {
            if (timestamp > max) {
                max = timestamp;
                output.emitWatermark(new Watermark(max - outOfOrdernessMillis - 1));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }

    /** Collecting sinks: every emitted row, in emission order per bucket size. */
    static final class Collected implements ThroughputSinks {
        final List<ThroughputRow> minute = new ArrayList<>();
        final List<ThroughputRow> hour = new ArrayList<>();
        final List<ThroughputRow> day = new ArrayList<>();
        final List<LateFact> late = new ArrayList<>();
        private CloseableIterator<ThroughputRow> minuteRows;
        private CloseableIterator<ThroughputRow> hourRows;
        private CloseableIterator<ThroughputRow> dayRows;
        private CloseableIterator<LateFact> lateFacts;

        @Override
        public void minute(DataStream<ThroughputRow> rows) {
            minuteRows = rows.collectAsync();
        }

        @Override
        public void hour(DataStream<ThroughputRow> rows) {
            hourRows = rows.collectAsync();
        }

        @Override
        public void day(DataStream<ThroughputRow> rows) {
            dayRows = rows.collectAsync();
        }

        @Override
        public void lateFacts(DataStream<LateFact> facts) {
            lateFacts = facts.collectAsync();
        }

        /** Reads each stream to its end (the bounded job finishes); the outputs are small, so reading one after another is fine. */
        void drain() throws Exception {
            drainInto(minuteRows, minute);
            drainInto(hourRows, hour);
            drainInto(dayRows, day);
            drainInto(lateFacts, late);
        }

        private static <T> void drainInto(CloseableIterator<T> it, List<T> into) throws Exception {
            try (it) {
                it.forEachRemaining(into::add);
            }
        }
    }
}
