package cn.xiaoneng.jobs.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.model.CaseEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class EngineClockTest {
    private static final EngineClock.Settings SETTINGS = new EngineClock.Settings(Duration.ofSeconds(5), Duration.ofMillis(500),
            Duration.ofSeconds(30), Duration.ofSeconds(30));
    private static final long NOW = 1_772_000_000_000L;

    private long wall = NOW;
    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    };
    private final EngineClock clock = new EngineClock(SETTINGS, () -> wall);

    private void event(long commitTime) {
        clock.onEvent(new CaseEvent(), commitTime, output);
    }

    private long tick() {
        clock.onPeriodicEmit(output);
        return emitted.isEmpty() ? Long.MIN_VALUE : emitted.get(emitted.size() - 1);
    }

    @Test
    void drainingABacklogTheClockFollowsTheDataNotTheWallClock() {
        event(NOW - Duration.ofDays(7).toMillis());
        wall += 10_000; // a replay slowed down for ten seconds
        assertThat(tick()).isEqualTo(NOW - Duration.ofDays(7).toMillis() - 5_001);
    }

    @Test
    void caughtUpTheClockFollowsTheWallClockEvenWithoutEvents() {
        event(NOW - 300);
        assertThat(tick()).isEqualTo(NOW - 500);
        wall += Duration.ofHours(8).toMillis(); // a quiet night: no event at all
        assertThat(tick()).isEqualTo(wall - 500);
    }

    @Test
    void aDrainedBacklogIsCaughtUpAfterTheQuietPeriod() {
        event(NOW - Duration.ofDays(1).toMillis());
        wall += 29_999;
        assertThat(tick()).isEqualTo(NOW - Duration.ofDays(1).toMillis() - 5_001);
        wall += 1;
        assertThat(tick()).isEqualTo(wall - 500);
    }

    @Test
    void aPartitionThatNeverHadDataFollowsTheWallClockAfterTheQuietPeriod() {
        assertThat(tick()).isEqualTo(Long.MIN_VALUE);
        wall += 30_000;
        assertThat(tick()).isEqualTo(wall - 500);
    }

    @Test
    void theClockNeverGoesBack() {
        event(NOW - 100);
        long first = tick();
        event(NOW - Duration.ofDays(3).toMillis()); // a late record does not move it back
        wall += 1;
        assertThat(tick()).isGreaterThanOrEqualTo(first);
        assertThat(emitted).isSorted();
    }
}
