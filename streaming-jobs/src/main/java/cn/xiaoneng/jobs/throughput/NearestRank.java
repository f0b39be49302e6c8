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
        return percentiles(values, n, p)[0];
    }

    /**
     * Several percentiles of the same values from one sorted copy (a bucket's firing asks for p50 and p90; sorting
     * was a third of the bucket operator's CPU when each sorted its own copy).
     * @param values the first {@code n} entries are used (the array may have spare capacity); 0s when n = 0
     */
    public static long[] percentiles(long[] values, int n, double... ps) {
        for (double p : ps) {
            if (p <= 0 || p > 100) {
                throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
            }
        }
        long[] out = new long[ps.length];
        if (n == 0) {
            return out;
        }
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        for (int i = 0; i < ps.length; i++) {
            int rank = (int) Math.ceil(ps[i] / 100.0 * n);
            out[i] = sorted[Math.max(rank, 1) - 1];
        }
        return out;
    }
}
