package cn.xiaoneng.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.jobs.throughput.ThroughputOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NormalizationJobTest {
    @Test
    void commitTimeAlignmentLetsAPartitionCrossANightButStaysWithinTheAllowedLateness() {
        // A backlog's commit times jump from 17:30 to 08:30 over a night (15 h): a smaller drift pauses every partition
        // that crosses a night first, until all the others have crossed it too.
        assertThat(NormalizationJob.ALIGNMENT_DRIFT).isGreaterThan(Duration.ofHours(15));
        // Skew between partitions becomes business-time lateness downstream; it must stay well inside what is still counted.
        assertThat(NormalizationJob.ALIGNMENT_DRIFT.multipliedBy(2)).isLessThanOrEqualTo(ThroughputOptions.DEFAULT_ALLOWED_LATENESS);
    }
}
