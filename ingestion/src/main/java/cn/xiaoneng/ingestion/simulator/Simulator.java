package cn.xiaoneng.ingestion.simulator;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Drives the departmental databases with simulated cases. Each case's actions are queued by the time its
 * system writes them and applied in that order across all departments.
 * <ul>
 *   <li>{@link #runBatch}: a known number of cases, written as fast as the databases take them (or throttled to
 *       a rate); every action of every case is written, so the result is complete and deterministic.</li>
 *   <li>{@link #runLive}: a clock that moves through office hours {@code compression} times faster than real time
 *       (nights, lunch and holidays pass at once); cases arrive and progress as the clock reaches them. The clock
 *       never runs ahead of real time (a fact from the future is impossible, and normalization rejects it): start
 *       it in the past, and once it catches up it goes on at real-time pace.</li>
 * </ul>
 */
public final class Simulator {
    private final CaseGenerator generator;
    private final OfficeHours hours;
    private final Map<String, SourceWriter> writers;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>();
    private long sequence;
    private long actionsWritten;
    private long casesStarted;
    private OpsLogWriter opsLog;
    private IncidentScripts.Daily incidents;
    private final PriorityQueue<OpsLogEntry> opsQueue = new PriorityQueue<>(java.util.Comparator.comparingLong(OpsLogEntry::writeAt));
    private long opsEntriesWritten;

    /** Progress after each commit: cases started, actions written, business time reached. */
    public record Progress(long cases, long actions, Instant businessTime) {}

    private record Pending(long writeAt, long seq, CasePlan plan, CasePlan.Action action) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            int c = Long.compare(writeAt, o.writeAt);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    public Simulator(CaseGenerator generator, OfficeHours hours, Map<String, SourceWriter> writers) {
        this.generator = generator;
        this.hours = hours;
        this.writers = writers;
    }

    /**
     * Live runs also record incidents in the center's operations log: on each working day the clock reaches,
     * {@code incidents} may plan one, and its entries are written when the clock reaches their write times.
     */
    public Simulator withOpsLog(OpsLogWriter writer, IncidentScripts.Daily script) {
        this.opsLog = writer;
        this.incidents = script;
        return this;
    }

    /** Operations-log entries written so far. */
    public long opsEntriesWritten() {
        return opsEntriesWritten;
    }

    private void writeOpsLog(long now) throws SQLException {
        if (opsLog == null) {
            return;
        }
        opsQueue.addAll(incidents.plan(now));
        while (!opsQueue.isEmpty() && opsQueue.peek().writeAt() <= now) {
            opsLog.write(opsQueue.poll());
            opsEntriesWritten++;
        }
    }

    private void enqueue(CasePlan plan) {
        casesStarted++;
        for (CasePlan.Action a : plan.actions()) {
            queue.add(new Pending(a.writeAt(), sequence++, plan, a));
        }
    }

    private void write(Pending p) throws SQLException {
        SourceWriter w = writers.get(p.plan().department().sourceId());
        if (w != null) {
            w.apply(p.plan(), p.action());
            actionsWritten++;
        }
    }

    private void commitAll() throws SQLException {
        for (SourceWriter w : writers.values()) {
            w.commit();
        }
    }

    /**
     * Writes {@code cases} whole cases. {@code casesPerSecond} ≤ 0 means unthrottled. Commits every
     * {@code commitEvery} actions. Returns the plans so tests can tell what was written.
     */
    public java.util.List<CasePlan> runBatch(int cases, double casesPerSecond, int commitEvery, Consumer<Progress> progress)
            throws SQLException, InterruptedException {
        java.util.List<CasePlan> plans = new java.util.ArrayList<>(cases);
        for (int i = 0; i < cases; i++) {
            CasePlan p = generator.next();
            plans.add(p);
            enqueue(p);
        }
        long startNanos = System.nanoTime();
        long pendingCommit = 0;
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (!queue.isEmpty()) {
            Pending p = queue.poll();
            if (casesPerSecond > 0 && seen.add(p.plan().caseId())) {
                long due = startNanos + (long) (seen.size() / casesPerSecond * 1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    commitAll();
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            write(p);
            if (++pendingCommit >= commitEvery) {
                commitAll();
                pendingCommit = 0;
                progress.accept(new Progress(casesStarted, actionsWritten, Instant.ofEpochMilli(p.writeAt())));
            }
        }
        commitAll();
        progress.accept(new Progress(casesStarted, actionsWritten, plans.isEmpty() ? null : Instant.ofEpochMilli(plans.get(plans.size() - 1).actions().get(0).businessAt())));
        return plans;
    }

    /**
     * Runs until interrupted or {@code maxWall} passes, moving business time through office hours at
     * {@code compression}× real time, starting at {@code businessStart}.
     */
    public void runLive(Instant businessStart, double compression, Duration maxWall, Duration progressEvery, Consumer<Progress> progress)
            throws SQLException, InterruptedException {
        long wallStart = System.currentTimeMillis();
        Instant start = hours.nextOpen(businessStart);
        CasePlan next = generator.next();
        long lastProgress = wallStart;
        while (!Thread.currentThread().isInterrupted() && System.currentTimeMillis() - wallStart < maxWall.toMillis()) {
            long wallElapsed = System.currentTimeMillis() - wallStart;
            long now = Math.min(hours.plus(start, Duration.ofMillis((long) (wallElapsed * compression))).toEpochMilli(), System.currentTimeMillis());
            // A case arrives at its business time; its writes are queued by write time (a paper case's come hours later).
            while (next.actions().get(0).businessAt() <= now) {
                enqueue(next);
                next = generator.next();
            }
            boolean wrote = false;
            while (!queue.isEmpty() && queue.peek().writeAt() <= now) {
                write(queue.poll());
                wrote = true;
            }
            if (wrote) {
                commitAll();
            }
            writeOpsLog(now);
            if (System.currentTimeMillis() - lastProgress >= progressEvery.toMillis()) {
                lastProgress = System.currentTimeMillis();
                progress.accept(new Progress(casesStarted, actionsWritten, Instant.ofEpochMilli(now)));
            }
            Thread.sleep(50);
        }
    }

    /** Compression that makes cases arrive at {@code casesPerSecond} while the hall is open. */
    public static double compressionFor(double casesPerSecond, java.util.List<Department> departments, OfficeHours hours) {
        double perOpenSecond = departments.stream().mapToDouble(Department::casesPerDay).sum() / hours.openSecondsPerDay();
        return casesPerSecond / perOpenSecond;
    }

    public long actionsWritten() {
        return actionsWritten;
    }
}
