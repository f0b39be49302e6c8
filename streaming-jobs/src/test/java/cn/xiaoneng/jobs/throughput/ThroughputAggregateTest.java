package cn.xiaoneng.jobs.throughput;

import static cn.xiaoneng.jobs.throughput.ThroughputFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xiaoneng.model.EventType;
import org.junit.jupiter.api.Test;

class ThroughputAggregateTest {
    private final ThroughputAggregate agg = new ThroughputAggregate();

    @Test
    void nearestRankIsAnObservedValueNeverInterpolated() {
        long[] tens = {100, 10, 90, 20, 80, 30, 70, 40, 60, 50};
        assertThat(NearestRank.percentile(tens, 10, 50)).isEqualTo(50);
        assertThat(NearestRank.percentile(tens, 10, 90)).isEqualTo(90);
        assertThat(NearestRank.percentile(tens, 10, 100)).isEqualTo(100);
        assertThat(NearestRank.percentile(new long[] {7, 3}, 2, 50)).isEqualTo(3);
        assertThat(NearestRank.percentile(new long[] {42}, 1, 90)).isEqualTo(42);
    }

    @Test
    void nearestRankUsesOnlyTheFilledPartAndIsZeroWhenEmpty() {
        assertThat(NearestRank.percentile(new long[] {5, 1, 0, 0}, 2, 90)).isEqualTo(5);
        assertThat(NearestRank.percentile(new long[4], 0, 50)).isZero();
        assertThat(NearestRank.percentiles(new long[] {30, 10, 20, 40, 0}, 4, 50, 90, 100)).containsExactly(20, 40, 40);
        assertThat(NearestRank.percentiles(new long[4], 0, 50, 90)).containsExactly(0, 0);
        assertThatThrownBy(() -> NearestRank.percentile(new long[] {1}, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void completionsWithoutKnownAcceptanceCountButAreNotHandled() {
        ThroughputAccumulator acc = agg.createAccumulator();
        agg.add(completedFact(MON_0930_10, ThroughputFact.UNKNOWN), acc);
        agg.add(completedFact(MON_0930_10, 60), acc);

        assertThat(acc.completed).isEqualTo(2);
        assertThat(acc.handled).isEqualTo(1);
        assertThat(acc.handlingSumSeconds).isEqualTo(60);
        assertThat(acc.facts).isEqualTo(2);
    }

    @Test
    void eachCountedTypeHasItsOwnCount() {
        ThroughputAccumulator acc = agg.createAccumulator();
        for (EventType t : CaseEnricher.COUNTED) {
            agg.add(fact(t, MON_0930_10), acc);
        }
        assertThat(new int[] {acc.accepted, acc.completed, acc.returned, acc.notAccepted, acc.withdrawn, acc.supplementRequested})
                .containsOnly(1);
        assertThat(acc.facts).isEqualTo(CaseEnricher.COUNTED.size());
    }

    @Test
    void mergeAddsCountsAndKeepsEveryHandlingTime() {
        ThroughputAccumulator a = agg.createAccumulator();
        ThroughputAccumulator b = agg.createAccumulator();
        for (long s = 1; s <= 5; s++) {
            agg.add(completedFact(MON_0930_10, s), a);
        }
        agg.add(completedFact(MON_0930_10, 100), b);
        agg.add(fact(EventType.ACCEPTED, MON_0930_10), b);

        ThroughputAccumulator m = agg.merge(a, b);
        assertThat(m.completed).isEqualTo(6);
        assertThat(m.accepted).isEqualTo(1);
        assertThat(m.handled).isEqualTo(6);
        assertThat(m.handlingSumSeconds).isEqualTo(115);
        assertThat(m.facts).isEqualTo(7);
        assertThat(NearestRank.percentile(m.handlingSeconds, m.handled, 90)).isEqualTo(100);
    }

    @Test
    void anUncountedTypeIsAWiringErrorNotData() {
        assertThatThrownBy(() -> agg.add(fact(EventType.STEP_STARTED, MON_0930_10), agg.createAccumulator()))
                .hasMessageContaining("not a counted event type");
    }
}
