package cn.xiaoneng.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The bench JVM's threads between two readings, by group: CPU time, and time spent runnable but waiting for a core.
 * Both come from each thread's {@code /proc/self/task/<tid>/schedstat}, which sees the JVM's own threads too (the JIT
 * compilers, the garbage collector, the VM thread). It answers what a process's total cannot: how much of the JVM's
 * CPU was the pipeline's own work, how much the compiler and the collector took from the two cores, and whether a
 * task that is "busy" is running or queued behind others.
 */
final class ThreadCpu {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private Map<String, double[]> atMark = Map.of();

    /** Notes every group's counters now: the start of a measured phase. */
    void mark() {
        atMark = read();
    }

    /**
     * Per group so far: {CPU seconds, seconds runnable but waiting for a core}. Linux knows a thread by the first 15
     * characters of its name; a Java thread's full name is found by those in the {@link ThreadMXBean}'s list. Empty
     * where /proc is unavailable.
     */
    Map<String, double[]> read() {
        Map<String, String> javaNames = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                javaNames.merge(linuxName(info.getThreadName()), "java: " + javaGroup(info.getThreadName()), ThreadCpu::sharedLabel);
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String comm = Files.readString(task.resolve("comm")).strip();
                    String[] sched = Files.readString(task.resolve("schedstat")).strip().split(" ");
                    String group = nativeGroup(comm);
                    if (group == null) {
                        group = javaNames.getOrDefault(comm, "other: " + comm.replaceAll("\\d+", "#"));
                    }
                    double[] sum = out.computeIfAbsent(group, g -> new double[2]);
                    sum[0] += Long.parseLong(sched[0]) / 1e9;
                    sum[1] += Long.parseLong(sched[1]) / 1e9;
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }

    /**
     * One line per group that used at least 1 % of the phase's JVM CPU between the mark and {@code end} (a
     * {@link #read()}), largest first: its CPU, per 1,000 records, and its time waiting for a core. {@code processSeconds} is the whole JVM's CPU in the phase, so the remainder
     * (threads that ended) shows too.
     */
    String report(Map<String, double[]> end, double processSeconds, long records) {
        Map<String, double[]> used = new HashMap<>();
        end.forEach((group, now) -> {
            double[] before = atMark.getOrDefault(group, new double[2]);
            used.put(group, new double[] {now[0] - before[0], now[1] - before[1]});
        });
        double listed = used.values().stream().mapToDouble(v -> v[0]).sum();
        StringBuilder sb = new StringBuilder();
        used.entrySet().stream().filter(e -> e.getValue()[0] >= 0.01 * processSeconds)
                .sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> sb.append(line(e.getKey(), e.getValue()[0], e.getValue()[1], processSeconds, records)));
        sb.append(line("threads that ended in the phase, and the rest", Math.max(0, processSeconds - listed), Double.NaN,
                processSeconds, records));
        return sb.toString();
    }

    private static String line(String group, double seconds, double waiting, double processSeconds, long records) {
        return String.format("  %-60s %5.1f s %3.0f %% %5.1f ms per 1,000 records%s%n", abbreviate(group), seconds,
                100 * seconds / processSeconds, 1e6 * seconds / records,
                Double.isNaN(waiting) ? "" : String.format("; %5.1f s waiting for a core", waiting));
    }

    /** The JVM's own threads, by the name Linux knows them by (at most 15 characters); null for a Java thread. */
    static String nativeGroup(String comm) {
        if (comm.startsWith("C2 CompilerThre")) {
            return "jit: C2 compiler";
        }
        if (comm.startsWith("C1 CompilerThre")) {
            return "jit: C1 compiler";
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
            return "gc: collector threads";
        }
        if (comm.equals("VM Thread")) {
            return "vm: VM thread (safepoints)";
        }
        if (comm.startsWith("VM Periodic")) {
            return "vm: periodic task thread";
        }
        return null;
    }

    /** The name Linux keeps for a thread: the JVM sets the first 15 characters of the Java name. */
    static String linuxName(String javaName) {
        return javaName.substring(0, Math.min(15, javaName.length()));
    }

    /**
     * The label of threads whose names Linux cannot tell apart ("clickhouse-sink ods_case_event 0" and
     * "clickhouse-sink dws_throughput_minute 0" both become "clickhouse-sink"): one group, named so, rather than
     * one of them carrying the others' time.
     */
    static String sharedLabel(String one, String other) {
        if (one.equals(other)) {
            return one;
        }
        String prefix = one.substring(0, Math.min("java: ".length() + 15, one.length()));
        return prefix + "… (threads named alike)";
    }

    /** A Java thread's name without its subtask index, attempt and other numbers, so threads of one kind add up. */
    static String javaGroup(String name) {
        return name.replaceAll(" \\(\\d+/\\d+\\)(#\\d+)?", "").replaceAll("\\d+", "#");
    }

    private static String abbreviate(String group) {
        return group.length() <= 60 ? group : group.substring(0, 57) + "...";
    }
}
