package cn.xiaoneng.jobs.throughput;

import java.util.Arrays;

/**
 * Exact percentiles by the nearest-rank method: the p-th percentile of n sorted values is the value at rank
 * ⌈p/100 · n⌉ (1-based). Always one of the observed values, never interpolated, so "p90 = 3 days" means at least
 * 90 % of the handled cases took at most 3 days. Plain Java, no Flink.
 */
public final class NearestRank {
    private NearestRank() {}

    /** @param values the first {@code n} entries are used (the array may have spare capacity); 0 when n = 0 */
    public static long percentile(long[] values, int n, double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        if (n == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * n);
        return sorted[Math.max(rank, 1) - 1];
    }
}
