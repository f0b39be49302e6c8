package cn.xiaoneng.console;

import cn.xiaoneng.console.ThroughputFacts.Names;
import java.util.List;

/**
 * What the incident panel and an incident page read from ClickHouse (migrations V008 and V009), before shaping: the
 * incidents as they stand, their plan deadlines (latest revision), their card records, and their impact. Times are
 * epoch milliseconds; null where the warehouse has none. {@code facts} and {@code hours} are read for one incident's
 * page only (empty for the panel).
 */
public record IncidentFacts(long now, Names names, List<Incident> incidents, List<Deadline> deadlines, List<Card> cards,
                            List<Throughput> throughput, List<Backfill> backfill, List<BackfillWindow> backfillWindows,
                            List<Fact> facts, List<Hour> hours) {

    public IncidentFacts {
        incidents = List.copyOf(incidents);
        deadlines = List.copyOf(deadlines);
        cards = List.copyOf(cards);
        throughput = List.copyOf(throughput);
        backfill = List.copyOf(backfill);
        backfillWindows = List.copyOf(backfillWindows);
        facts = List.copyOf(facts);
        hours = List.copyOf(hours);
    }

    /** A row of dwd_incident FINAL. */
    public record Incident(String centerId, String incidentId, String incidentType, String level, boolean confirmed,
                           boolean openedSuspected, String status, String source, String rule, Long onset, Long detected,
                           Long restored, Long closed, List<String> departmentIds, List<String> windowIds, long facts,
                           long cardsStanding, long deadlinesMissed, String ruleVersion, long asOf) {}

    /** A row of dwd_incident_deadline_current. {@code met}: 1 in time, 0 missed, null moot or not applicable. */
    public record Deadline(String centerId, String incidentId, String deadline, String qualifier, String level, Long start, Long due,
                           String budget, String counting, Long actual, String status, Integer met) {}

    /** A record of dwd_incident_card FINAL (RAISED or RETRACTED). */
    public record Card(String centerId, String incidentId, String cardId, String status, String kind, String kindLabel,
                       String qualifier, long instant, String level, boolean confirmed, Long due, String ruleVersion,
                       String clause, String summary, String cardJson) {}

    /** A row of dws_incident_throughput ({@code scope} department) or dws_incident_throughput_window (window). */
    public record Throughput(String centerId, String incidentId, String scope, String departmentId, String windowId, long from,
                             long to, long actual, Double baseline, Double ratio, Double shortfall, long hours,
                             long hoursWithoutBaseline, int weeksUsedMin) {}

    /** A row of dws_incident_backfill (per affected department). */
    public record Backfill(String centerId, String incidentId, String departmentId, long inScope, long backfilled,
                           Long latenessP50Ms, Long latenessMaxMs, Long lastEnteredAt, Long paperRegistered, Long missing) {}

    /** A row of dws_incident_backfill_window. */
    public record BackfillWindow(String centerId, String incidentId, String windowId, Long registered, long backfilled, Long missing,
                                 Long latenessMaxMs, List<String> departmentIds) {}

    /** A row of dwd_incident_fact FINAL: one timeline entry. */
    public record Fact(String factId, String factType, String factLabel, long at, long recordedAt, String source, String rule,
                       String incidentType, String level, Boolean confirmed, List<String> departmentIds, List<String> windowIds,
                       String reportedBy, String reportedTo, String approver, Long pauseFrom, Long pauseTo, Integer paperCases,
                       String note) {}

    /** A row of dws_incident_throughput_hour. */
    public record Hour(String scope, String departmentId, String windowId, long from, long to, String dayClass, long actual,
                       List<Integer> weeksBack, Double baseline) {}
}
