package cn.xiaoneng.console;

import cn.xiaoneng.console.PipelineFacts.DeadLetterCount;
import cn.xiaoneng.console.PipelineFacts.DeadLetterEntry;
import cn.xiaoneng.console.PipelineFacts.Events;
import cn.xiaoneng.console.PipelineFacts.Lag;
import cn.xiaoneng.console.PipelineFacts.Receipts;
import cn.xiaoneng.model.Times;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The body of {@code GET /api/pipeline}: "is the pipeline healthy?" per departmental source. Field names are the
 * JSON contract with {@code console.js} (and later with the browser test of issue 8); instants are ISO-8601 with the
 * center's offset, durations are milliseconds.
 *
 * @param generatedAt       ClickHouse's clock when the figures were read
 * @param refreshIntervalMs how often the page should ask again
 * @param lagWindowSeconds  the window the lag percentiles and "recent" dead letters cover
 */
public record PipelineStatus(
        String generatedAt,
        long refreshIntervalMs,
        long lagWindowSeconds,
        List<SourceStatus> sources,
        Totals totals,
        List<DeadLetterView> recentDeadLetters) {

    /**
     * One row of the page. {@code capturedRows} counts distinct Kafka positions of raw change records (a replay
     * does not double them); {@code events} distinct canonical event ids; {@code deadLetters} distinct dead-lettered
     * positions.
     */
    public record SourceStatus(
            String sourceId,
            String name,
            SourceHealth health,
            String healthLabel,
            long capturedRows,
            long mappedRows,
            long noEventRows,
            long events,
            long deadLetters,
            long recentDeadLetters,
            List<ReasonCount> deadLettersByReason,
            LagStats lag,
            String lastHeartbeatAt,
            String lastRecordAt,
            String lastHeardAt,
            Long lastHeardAgeMs) {}

    public record ReasonCount(String reasonCode, long count) {}

    /** {@code null} in a row when no event reached ClickHouse within the window (an idle source has no lag). */
    public record LagStats(long samples, long p50Ms, long p95Ms, long maxMs) {}

    /** Sums over all sources; lag percentiles do not add up, so only the worst maximum is given. */
    public record Totals(long capturedRows, long events, long deadLetters, Long maxLagMs) {}

    public record DeadLetterView(String sourceId, String sourceName, String sourceTable, String topic, long partition,
                                 long offset, String sourcePosition, String reasonCode, String reason, String deadLetteredAt) {}

    /**
     * Shapes one refresh. Every source that appears anywhere (a dimension name, a receipt, an event, a dead letter or
     * a heartbeat) gets a row, so a configured source that never sent anything shows as {@link SourceHealth#NO_DATA}
     * instead of being absent; rows are ordered by source id so they do not jump around between refreshes.
     */
    public static PipelineStatus of(PipelineFacts facts, ConsoleOptions options) {
        Map<String, Receipts> receipts = index(facts.receipts(), Receipts::sourceId);
        Map<String, Events> events = index(facts.events(), Events::sourceId);
        Map<String, Lag> lags = index(facts.lags(), Lag::sourceId);
        Map<String, List<DeadLetterCount>> deadLetters = facts.deadLetterCounts().stream()
                .collect(Collectors.groupingBy(DeadLetterCount::sourceId));

        TreeSet<String> ids = new TreeSet<>();
        ids.addAll(facts.sourceNames().keySet());
        ids.addAll(receipts.keySet());
        ids.addAll(events.keySet());
        ids.addAll(lags.keySet());
        ids.addAll(deadLetters.keySet());
        ids.addAll(facts.lastHeartbeats().keySet());

        List<SourceStatus> rows = new ArrayList<>();
        for (String id : ids) {
            rows.add(source(id, facts, receipts.get(id), events.get(id), lags.get(id),
                    deadLetters.getOrDefault(id, List.of()), options));
        }

        Totals totals = new Totals(
                rows.stream().mapToLong(SourceStatus::capturedRows).sum(),
                rows.stream().mapToLong(SourceStatus::events).sum(),
                rows.stream().mapToLong(SourceStatus::deadLetters).sum(),
                facts.lags().stream().map(Lag::maxMillis).max(Comparator.naturalOrder()).orElse(null));

        List<DeadLetterView> recent = facts.recentDeadLetters().stream()
                .map(d -> deadLetter(d, facts.sourceNames()))
                .toList();

        return new PipelineStatus(Times.format(facts.serverNowMillis()), options.refreshInterval().toMillis(),
                options.lagWindow().toSeconds(), rows, totals, recent);
    }

    private static SourceStatus source(String id, PipelineFacts facts, Receipts r, Events e, Lag lag,
                                       List<DeadLetterCount> deadLetters, ConsoleOptions options) {
        Long heartbeat = facts.lastHeartbeats().get(id);
        Long lastRecord = r == null ? null : r.lastProcessedAtMillis();
        Long lastHeard = latest(heartbeat, lastRecord);
        Duration age = lastHeard == null ? null : Duration.ofMillis(Math.max(0, facts.serverNowMillis() - lastHeard));

        List<ReasonCount> byReason = deadLetters.stream()
                .map(d -> new ReasonCount(d.reasonCode(), d.count()))
                .sorted(Comparator.comparingLong(ReasonCount::count).reversed().thenComparing(ReasonCount::reasonCode))
                .toList();
        long deadLetterTotal = deadLetters.stream().mapToLong(DeadLetterCount::count).sum();
        long recentDeadLetters = deadLetters.stream().mapToLong(DeadLetterCount::recent).sum();

        SourceHealth health = SourceHealth.assess(age, lag == null ? null : Duration.ofMillis(lag.p95Millis()),
                recentDeadLetters, options);
        return new SourceStatus(
                id,
                facts.sourceNames().getOrDefault(id, id),
                health,
                health.label(),
                r == null ? 0 : r.captured(),
                r == null ? 0 : r.mapped(),
                r == null ? 0 : r.noEvent(),
                e == null ? 0 : e.events(),
                deadLetterTotal,
                recentDeadLetters,
                byReason,
                lag == null ? null : new LagStats(lag.samples(), lag.p50Millis(), lag.p95Millis(), lag.maxMillis()),
                format(heartbeat),
                format(lastRecord),
                format(lastHeard),
                age == null ? null : age.toMillis());
    }

    private static DeadLetterView deadLetter(DeadLetterEntry d, Map<String, String> names) {
        return new DeadLetterView(d.sourceId(), names.getOrDefault(d.sourceId(), d.sourceId()), d.sourceTable(), d.topic(),
                d.partition(), d.offset(), d.sourcePosition(), d.reasonCode(), d.reason(), Times.format(d.deadLetteredAtMillis()));
    }

    private static <T> Map<String, T> index(List<T> rows, Function<T, String> key) {
        Map<String, T> m = new HashMap<>();
        for (T row : rows) {
            if (m.put(key.apply(row), row) != null) {
                throw new IllegalArgumentException("two rows for source " + key.apply(row) + ": " + rows);
            }
        }
        return m;
    }

    private static Long latest(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.max(a, b);
    }

    private static String format(Long millis) {
        return millis == null ? null : Times.format(millis);
    }
}
