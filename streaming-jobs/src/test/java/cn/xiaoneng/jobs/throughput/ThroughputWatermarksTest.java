package cn.xiaoneng.jobs.throughput;

import static cn.xiaoneng.jobs.throughput.ThroughputFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.model.CaseEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;

/**
 * The job's watermark strategy, per source split (a Kafka partition): business time with bounded out-of-orderness, and
 * an idle split stops holding the watermark back. Flink combines split watermarks by minimum over the non-idle ones,
 * so this is what keeps a quiet partition from stalling every other department's buckets.
 */
class ThroughputWatermarksTest {
    static final Duration OUT_OF_ORDERNESS = Duration.ofMinutes(1);
    static final Duration IDLENESS = Duration.ofSeconds(30);

    private final WatermarkStrategy<CaseEvent> strategy = ThroughputJob.watermarks(OUT_OF_ORDERNESS, IDLENESS);
    // Not at zero: the idleness timer reads a relative time of 0 as "inactivity not started yet".
    private final ManualClock clock = new ManualClock(Duration.ofHours(1).toNanos());
    private final Recorder out = new Recorder();
    private final WatermarkGenerator<CaseEvent> generator = strategy.createWatermarkGenerator(new WatermarkGeneratorSupplier.Context() {
        @Override
        public MetricGroup getMetricGroup() {
            return new UnregisteredMetricsGroup();
        }

        @Override
        public RelativeClock getInputActivityClock() {
            return clock;
        }
    });

    @Test
    void eventTimeIsTheBusinessTime() {
        CaseEvent e = accepted("C1", W01, MON_0930_10);
        e.sourceCommitTime = MON_1100;
        assertThat(strategy.createTimestampAssigner(UnregisteredMetricsGroup::new).extractTimestamp(e, -1)).isEqualTo(MON_0930_10);
    }

    @Test
    void watermarkTrailsTheLatestBusinessTimeByTheOutOfOrderness() {
        generator.onEvent(accepted("C1", W01, MON_1005), MON_1005, out);
        generator.onEvent(accepted("C2", W01, MON_0950), MON_0950, out);
        generator.onPeriodicEmit(out);

        assertThat(out.watermarks).last().isEqualTo(MON_1005 - OUT_OF_ORDERNESS.toMillis() - 1);
        assertThat(out.idle).isFalse();
    }

    @Test
    void aSplitWithoutEventsForTheIdlenessIsMarkedIdleAndActiveAgainOnItsNextEvent() {
        generator.onEvent(accepted("C1", W01, MON_1005), MON_1005, out);
        generator.onPeriodicEmit(out);
        // The quiet period starts at the first periodic emit (every 200 ms by default) that sees no new event.
        generator.onPeriodicEmit(out);
        clock.advanceTime(IDLENESS.minusSeconds(1));
        generator.onPeriodicEmit(out);
        assertThat(out.idle).as("quiet for less than the idleness").isFalse();

        clock.advanceTime(Duration.ofSeconds(2));
        generator.onPeriodicEmit(out);
        assertThat(out.idle).isTrue();

        generator.onEvent(accepted("C2", W01, MON_1010), MON_1010, out);
        generator.onPeriodicEmit(out);
        assertThat(out.idle).isFalse();
    }

    @Test
    void aSplitThatNeverHadAnEventBecomesIdle() {
        generator.onPeriodicEmit(out);
        clock.advanceTime(IDLENESS.plusSeconds(1));
        generator.onPeriodicEmit(out);
        assertThat(out.idle).isTrue();
    }

    static final class Recorder implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        boolean idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }
    }
}
