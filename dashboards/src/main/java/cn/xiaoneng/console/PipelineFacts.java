package cn.xiaoneng.console;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link PipelineStatusRepository} read from ClickHouse in one refresh, as exact figures per source and table,
 * before any shaping. Instants are epoch milliseconds; {@code null} means "never". {@link PipelineStatus#of} turns
 * this into the page's JSON, so the shaping rules are tested without a server.
 *
 * @param serverNowMillis ClickHouse's own clock when the figures were read: ages are measured against it, so a
 *                        console host with a wrong clock does not make healthy sources look silent
 * @param sourceNames     display name per source id, from dim_department (absent: show the id)
 */
public record PipelineFacts(
        long serverNowMillis,
        Map<String, String> sourceNames,
        List<Receipts> receipts,
        List<Events> events,
        List<Lag> lags,
        List<DeadLetterCount> deadLetterCounts,
        List<DeadLetterEntry> recentDeadLetters,
        Map<String, Long> lastHeartbeats) {

    public PipelineFacts {
        sourceNames = Map.copyOf(Objects.requireNonNull(sourceNames, "sourceNames"));
        receipts = List.copyOf(receipts);
        events = List.copyOf(events);
        lags = List.copyOf(lags);
        deadLetterCounts = List.copyOf(deadLetterCounts);
        recentDeadLetters = List.copyOf(recentDeadLetters);
        lastHeartbeats = Map.copyOf(lastHeartbeats);
    }

    /** ods_raw_change for one source, one row per Kafka position (latest receipt wins). */
    public record Receipts(String sourceId, long captured, long mapped, long noEvent, long deadLettered,
                           Long lastProcessedAtMillis) {}

    /** ods_case_event for one source: distinct event ids. */
    public record Events(String sourceId, long events) {}

    /** Source commit → first visible in ClickHouse, over events ingested within the lag window. */
    public record Lag(String sourceId, long samples, long p50Millis, long p95Millis, long maxMillis) {}

    /** ods_dead_letter for one source and reason code; {@code recent} arrived within the lag window. */
    public record DeadLetterCount(String sourceId, String reasonCode, long count, long recent) {}

    /** One dead letter as the page lists it: reason and source position, never the raw record (it may hold personal data). */
    public record DeadLetterEntry(String sourceId, String sourceTable, String topic, long partition, long offset,
                                  String sourcePosition, String reasonCode, String reason, long deadLetteredAtMillis) {}
}
