package cn.xiaoneng.app.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each Flink task's time went between {@link #mark()} and {@link #report()}: Flink's accumulated busy,
 * back-pressured (blocked on full output buffers) and idle (waiting for input) milliseconds, summed over a vertex's
 * subtasks. A pipeline that is neither CPU-bound nor busy in every task is waiting somewhere; this says where.
 */
final class TaskTimes {
    private static final List<String> METRICS = List.of("accumulateBusyTimeMs", "accumulateBackPressuredTimeMs", "accumulateIdleTimeMs");
    private final FlinkRest rest;
    private final String jobId;
    private Map<String, double[]> marked;
    private Map<String, double[]> ended;

    TaskTimes(FlinkRest rest, String jobId) {
        this.rest = rest;
        this.jobId = jobId;
    }

    /** Remembers the counters now; a failure leaves the report to say so rather than stopping the bench. */
    void mark() {
        try {
            marked = read();
        } catch (Exception e) {
            System.out.println("bench: Flink task metrics unavailable: " + e);
        }
    }

    /**
     * Remembers the counters at the end of the phase; {@link #report()} then compares these with the mark. Without it,
     * the report reads the counters when it is called, and whatever the bench waited for meanwhile counts as idle.
     */
    void markEnd() {
        try {
            ended = read();
        } catch (Exception e) {
            System.out.println("bench: Flink task metrics unavailable: " + e);
        }
    }

    String report() {
        if (marked == null) {
            return "  (no task metrics)\n";
        }
        Map<String, double[]> now = ended;
        try {
            if (now == null) {
                now = read();
            }
        } catch (Exception e) {
            return "  (task metrics unavailable: " + e + ")\n";
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, double[]> e : now.entrySet()) {
            double[] before = marked.getOrDefault(e.getKey(), new double[METRICS.size()]);
            double[] d = new double[METRICS.size()];
            double total = 0;
            for (int i = 0; i < d.length; i++) {
                d[i] = Math.max(0, e.getValue()[i] - before[i]);
                total += d[i];
            }
            if (total > 0) {
                out.append(String.format("  busy %3.0f %%, back-pressured %3.0f %%, idle %3.0f %%  %s%n", 100 * d[0] / total,
                        100 * d[1] / total, 100 * d[2] / total, shorten(e.getKey())));
            }
        }
        return out.toString();
    }

    /**
     * The REST API answers from its metric store and refreshes that store in the background at most once per
     * {@code metrics.fetcher.update-interval} (the bench sets 1 s): ask, wait past one refresh, and ask again.
     */
    private Map<String, double[]> read() throws Exception {
        readCached();
        Thread.sleep(1_500);
        return readCached();
    }

    private Map<String, double[]> readCached() throws Exception {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> v : rest.vertices(jobId).entrySet()) {
            Map<String, Double> m = rest.metricSums(jobId, v.getKey(), METRICS);
            double[] values = new double[METRICS.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = m.getOrDefault(METRICS.get(i), 0.0);
            }
            out.put(v.getValue(), values);
        }
        return out;
    }

    private static String shorten(String vertexName) {
        return vertexName.length() <= 110 ? vertexName : vertexName.substring(0, 107) + "...";
    }
}
