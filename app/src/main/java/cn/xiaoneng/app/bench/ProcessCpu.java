package cn.xiaoneng.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * CPU time used by the processes of a benchmark (the bench JVM, the Kafka broker, ClickHouse), read from
 * {@code /proc/<pid>/stat} for a process and its descendants. Two readings around a stage tell where its CPU went:
 * the answer to "where does the time go" that a profile of one JVM cannot give when the servers are separate processes.
 */
final class ProcessCpu {
    /** Linux's USER_HZ: {@code /proc/<pid>/stat} counts CPU time in these ticks on every mainstream architecture. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Long> pids = new LinkedHashMap<>();

    /**
     * A process counted with its descendants, less any descendant that is itself named here: the bench JVM starts the
     * Kafka broker and ClickHouse as child processes, and counting them under the JVM too would count them twice.
     */
    ProcessCpu add(String name, long pid) {
        pids.put(name, pid);
        return this;
    }

    /** CPU seconds used so far by each named process (with its descendants); empty where /proc is unavailable. */
    Map<String, Double> read() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : pids.entrySet()) {
            long ticks = ticks(e.getValue());
            ProcessHandle handle = ProcessHandle.of(e.getValue()).orElse(null);
            if (ticks < 0 || handle == null) {
                continue;
            }
            Set<Long> named = new HashSet<>(pids.values());
            try (Stream<ProcessHandle> children = handle.descendants()) {
                ticks += children.filter(c -> !named.contains(c.pid()) && !isUnderNamed(c, e.getValue(), named))
                        .mapToLong(c -> Math.max(0, ticks(c.pid()))).sum();
            }
            out.put(e.getKey(), ticks / TICKS_PER_SECOND);
        }
        return out;
    }

    /** Whether a named process other than {@code root} lies between {@code p} and {@code root} (then it is counted there). */
    private static boolean isUnderNamed(ProcessHandle p, long root, Set<Long> named) {
        for (ProcessHandle up = p.parent().orElse(null); up != null && up.pid() != root; up = up.parent().orElse(null)) {
            if (named.contains(up.pid())) {
                return true;
            }
        }
        return false;
    }

    /** utime + stime of one process, or -1 when it cannot be read. */
    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * One line per process: CPU seconds between the readings, the share of the machine's cores over {@code wallSeconds},
     * and CPU milliseconds per 1,000 records.
     */
    static String report(Map<String, Double> before, Map<String, Double> after, double wallSeconds, long records) {
        int cores = Runtime.getRuntime().availableProcessors();
        StringBuilder sb = new StringBuilder();
        double total = 0;
        for (Map.Entry<String, Double> e : after.entrySet()) {
            double used = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            total += used;
            sb.append(String.format("cpu %-11s %7.1f s  %5.1f %% of %d cores  %6.1f ms per 1,000 records%n", e.getKey() + ":", used,
                    100 * used / (wallSeconds * cores), cores, 1000 * used / records * 1000));
        }
        sb.append(String.format("cpu %-11s %7.1f s  %5.1f %% of %d cores  %6.1f ms per 1,000 records", "all:", total,
                100 * total / (wallSeconds * cores), cores, 1000 * total / records * 1000));
        return sb.toString();
    }
}
