package cn.xiaoneng.incident.impact;

import java.util.Arrays;

/**
 * How many cases one window or department accepted in an interval: the only input {@link ThroughputImpact} needs.
 * The job can answer it from {@code dws_throughput_minute} (business time, sums of minute buckets: the service
 * delivered, paper cases included once entered) or from events kept in memory ({@link #of}).
 */
@FunctionalInterface
public interface AcceptanceCounts {

    /** Acceptances in {@code [from, to)} (epoch ms). */
    long count(long from, long to);

    /** Counts over acceptance instants held in memory. */
    static AcceptanceCounts of(long... instants) {
        long[] sorted = instants.clone();
        Arrays.sort(sorted);
        return (from, to) -> to <= from ? 0 : lowerBound(sorted, to) - lowerBound(sorted, from);
    }

    private static int lowerBound(long[] a, long key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
