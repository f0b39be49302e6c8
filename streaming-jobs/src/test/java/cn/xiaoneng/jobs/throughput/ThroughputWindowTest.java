package cn.xiaoneng.jobs.throughput;

import static cn.xiaoneng.jobs.throughput.ThroughputFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.model.EventType;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The window operators exactly as {@link ThroughputJob#buckets} builds them (assigner, offset, lateness, side output). */
class ThroughputWindowTest {
    static final Duration LATENESS = Duration.ofDays(3);

    private static KeyedOneInputStreamOperatorTestHarness<Tuple4<String, String, String, String>, ThroughputFact, ThroughputRow> harness(Bucket bucket)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        var rows = ThroughputJob.buckets(ThroughputJob.byBucketKey(env.fromData(fact(EventType.ACCEPTED, 0))), bucket, LATENESS, ThroughputJob.EARLY_FIRING_INTERVAL);
        var window = (OneInputTransformation<ThroughputFact, ThroughputRow>) rows.getTransformation();
        TypeInformation<Tuple4<String, String, String, String>> keyType = Types.TUPLE(Types.STRING, Types.STRING, Types.STRING, Types.STRING);
        var h = new KeyedOneInputStreamOperatorTestHarness<>(window.getOperatorFactory(), new BucketKey(), keyType);
        h.open();
        return h;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<?, ThroughputFact, ThroughputRow> h, ThroughputFact... facts) throws Exception {
        for (ThroughputFact f : facts) {
            h.processElement(f, f.businessTime);
        }
    }

    /** The watermark at which the minute bucket starting at {@code start} fires (its last millisecond). */
    private static long endOfMinute(long start) {
        return start + 60_000 - 1;
    }

    @Test
    void minuteBucketFiresOnTimeWithCountsAndExactPercentiles() throws Exception {
        long minute = local("2026-03-02T09:30:00");
        try (var h = harness(Bucket.MINUTE)) {
            send(h, fact(EventType.ACCEPTED, MON_0930_10), fact(EventType.ACCEPTED, MON_0930_40), completedFact(MON_0930_10, 600),
                    completedFact(MON_0930_30, 3000), completedFact(MON_0930_40, 1200), completedFact(MON_0930_40, ThroughputFact.UNKNOWN),
                    fact(EventType.RETURNED, MON_0930_30), fact(EventType.SUPPLEMENT_REQUESTED, MON_0930_30));
            h.processWatermark(endOfMinute(minute) - 1);
            assertThat(h.extractOutputValues()).as("not before the watermark passes the bucket").isEmpty();

            h.processWatermark(endOfMinute(minute));

            List<ThroughputRow> rows = h.extractOutputValues();
            assertThat(rows).hasSize(1);
            ThroughputRow r = rows.get(0);
            assertThat(r.bucketStart).isEqualTo(minute);
            assertThat(List.of(r.accepted, r.completed, r.returned, r.supplementRequested, r.handled)).containsExactly(2, 4, 1, 1, 3);
            assertThat(r.handlingP50Seconds).isEqualTo(1200);
            assertThat(r.handlingP90Seconds).isEqualTo(3000);
            assertThat(r.handlingSumSeconds).isEqualTo(4800);
            assertThat(r.version).isEqualTo(8);
            assertThat(List.of(r.centerId, r.departmentId, r.windowId, r.caseKind)).containsExactly(CENTER, SCJG, W01, "COMMITTED");
        }
    }

    @Test
    void openHourBucketShowsItsFactsEarlyAndAgainOnlyWhenNewOnesArrive() throws Exception {
        long hour = local("2026-03-02T09:00:00");
        long early = ThroughputJob.EARLY_FIRING_INTERVAL.toMillis();
        try (var h = harness(Bucket.HOUR)) {
            h.setProcessingTime(1_000);
            send(h, fact(EventType.ACCEPTED, MON_0930_10));
            h.setProcessingTime(1_000 + early);
            assertThat(h.extractOutputValues()).extracting(r -> r.accepted).as("early firing while the hour is open").containsExactly(1);

            h.setProcessingTime(1_000 + 3 * early);
            assertThat(h.extractOutputValues()).as("nothing new, no new row").hasSize(1);

            send(h, fact(EventType.ACCEPTED, MON_0930_40));
            h.processWatermark(hour + 3_600_000 - 1);
            List<ThroughputRow> rows = h.extractOutputValues();
            assertThat(rows).extracting(r -> r.accepted).containsExactly(1, 2);
            assertThat(rows).extracting(r -> r.version).containsExactly(1L, 2L);
            h.setProcessingTime(1_000 + 10 * early);
            assertThat(h.extractOutputValues()).as("the on-time firing cancelled the pending early one").hasSize(2);
        }
    }

    @Test
    void lateFactWithinLatenessRefiresTheBucketWithTheCorrectedCountAndAHigherVersion() throws Exception {
        long minute = local("2026-03-02T09:30:00");
        try (var h = harness(Bucket.MINUTE)) {
            send(h, fact(EventType.ACCEPTED, MON_0930_10));
            h.processWatermark(MON_1100);
            // A paper case entered at 11:00 with its true acceptance time 09:30:30.
            send(h, fact(EventType.ACCEPTED, MON_0930_30));

            List<ThroughputRow> rows = h.extractOutputValues();
            assertThat(rows).extracting(r -> r.bucketStart).containsOnly(minute);
            assertThat(rows).extracting(r -> r.accepted).containsExactly(1, 2);
            assertThat(rows).extracting(r -> r.version).containsExactly(1L, 2L);
            assertThat(h.getSideOutput(Bucket.MINUTE.lateTag())).isNull();
        }
    }

    @Test
    void factBeyondTheAllowedLatenessGoesToTheSideOutputAndChangesNoRow() throws Exception {
        long minute = local("2026-03-02T09:30:00");
        try (var h = harness(Bucket.MINUTE)) {
            send(h, fact(EventType.ACCEPTED, MON_0930_10));
            h.processWatermark(endOfMinute(minute) + LATENESS.toMillis());
            ThroughputFact tooLate = fact(EventType.ACCEPTED, MON_0930_30);
            send(h, tooLate);

            assertThat(h.extractOutputValues()).extracting(r -> r.version).containsExactly(1L);
            assertThat(h.getSideOutput(Bucket.MINUTE.lateTag())).extracting(StreamRecord::getValue).containsExactly(tooLate);
        }
    }

    @Test
    void bucketStateIsGoneOnceItStopsTakingCorrections() throws Exception {
        long minute = local("2026-03-02T09:30:00");
        try (var h = harness(Bucket.MINUTE)) {
            send(h, fact(EventType.ACCEPTED, MON_0930_10));
            h.processWatermark(endOfMinute(minute));
            assertThat(h.numKeyedStateEntries()).isPositive();

            h.processWatermark(endOfMinute(minute) + LATENESS.toMillis());
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void dayBucketsSplitAtShanghaiMidnight() throws Exception {
        try (var h = harness(Bucket.DAY)) {
            send(h, fact(EventType.ACCEPTED, local("2026-03-02T23:59:00")), fact(EventType.ACCEPTED, local("2026-03-03T00:01:00")));
            h.processWatermark(local("2026-03-04T00:00:00"));

            List<ThroughputRow> rows = h.extractOutputValues();
            assertThat(rows).extracting(r -> r.bucketStart).containsExactly(local("2026-03-02T00:00:00"), local("2026-03-03T00:00:00"));
            assertThat(rows).extracting(r -> ThroughputRowEncoder.bucketStart(r.bucketStart)).containsExactly("2026-03-02 00:00:00", "2026-03-03 00:00:00");
            assertThat(rows).extracting(r -> r.accepted).containsExactly(1, 1);
        }
    }

    @Test
    void hourBucketsAreLocalHours() throws Exception {
        try (var h = harness(Bucket.HOUR)) {
            send(h, fact(EventType.ACCEPTED, MON_0930_10), fact(EventType.ACCEPTED, MON_1005));
            h.processWatermark(local("2026-03-02T11:00:00"));

            assertThat(h.extractOutputValues()).extracting(r -> ThroughputRowEncoder.bucketStart(r.bucketStart))
                    .containsExactly("2026-03-02 09:00:00", "2026-03-02 10:00:00");
        }
    }
}
