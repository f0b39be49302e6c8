package cn.xiaoneng.incident.impact;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * 事后补录: cases accepted on paper during an outage and entered into the system later (DOMAIN.md §4: "accept on paper
 * and enter into the system later"). How many, how late, and how many are still missing.
 *
 * <p>Definitions:
 * <ul>
 *   <li>In scope: cases of the affected departments (and windows, when the incident names windows) whose acceptance
 *       instant lies in the outage {@code [from, to)}.</li>
 *   <li>Backfilled: in scope, entered by {@code asOf}, and entered more than {@code enteredLateAfter} after their
 *       acceptance (default 15 minutes; a case typed in at once was not on paper). Lateness = commit − acceptance.</li>
 *   <li>Still missing, per window: the paper register (PAPER_REGISTERED facts of the operations log) minus the
 *       backfilled cases of that window, never below zero. Unknown (null) where no register was given.</li>
 * </ul>
 * One entry per case (its first acceptance). The SQL views {@code dws_incident_backfill} (per department: this
 * method with that department and the incident's windows) and {@code dws_incident_backfill_window} of migration V009
 * compute the same figures from {@code ods_case_event}, with {@code asOf} = what has reached the warehouse;
 * docs/metrics.md states the definitions (口径).
 *
 * @param inScope         cases accepted in the outage and entered by asOf
 * @param backfilled      of those, entered late
 * @param missing         paper cases not yet entered, summed over the windows with a register; null when none has one
 * @param latenessP50     median lateness of the backfilled cases, null when none
 * @param latenessMax     greatest lateness, null when none
 * @param lastEnteredAt   commit instant of the last backfilled case, null when none
 * @param windows         per-window figures, by window id
 */
public record BackfillImpact(long from, long to, long asOf, int inScope, int backfilled, Integer missing, Duration latenessP50,
                             Duration latenessMax, Long lastEnteredAt, List<WindowBackfill> windows) {

    /** Default: a case entered within 15 minutes of its acceptance was entered live. */
    public static final Duration DEFAULT_ENTERED_LATE_AFTER = Duration.ofMinutes(15);

    /** One window: what its paper register says and how many of those are in the system. */
    public record WindowBackfill(String windowId, Integer registered, int backfilled, Integer missing, Duration latenessMax) {}

    public BackfillImpact {
        windows = List.copyOf(windows);
    }

    /**
     * @param departments affected departments; empty = all
     * @param windowIds   affected windows; empty = all of those departments
     * @param registered  paper register per window ({@code Timeline.paperRegistered()})
     */
    public static BackfillImpact compute(long from, long to, long asOf, Collection<CaseEntry> entries, Set<String> departments,
                                         Set<String> windowIds, Map<String, Integer> registered, Duration enteredLateAfter) {
        if (to < from) {
            throw new IllegalArgumentException("the outage ends before it starts");
        }
        long lateAfter = enteredLateAfter.toMillis();
        int inScope = 0;
        List<Long> lateness = new ArrayList<>();
        Long last = null;
        Map<String, List<Long>> byWindow = new TreeMap<>();
        for (CaseEntry e : entries) {
            if (e.acceptedAt() < from || e.acceptedAt() >= to || e.committedAt() > asOf) {
                continue;
            }
            if (!departments.isEmpty() && !departments.contains(e.departmentId())) {
                continue;
            }
            if (!windowIds.isEmpty() && !windowIds.contains(e.windowId())) {
                continue;
            }
            inScope++;
            if (e.lateness() > lateAfter) {
                lateness.add(e.lateness());
                last = last == null ? e.committedAt() : Math.max(last, e.committedAt());
                byWindow.computeIfAbsent(e.windowId() == null ? "" : e.windowId(), k -> new ArrayList<>()).add(e.lateness());
            }
        }
        Map<String, WindowBackfill> rows = new TreeMap<>();
        Integer missing = null;
        for (Map.Entry<String, Integer> r : registered.entrySet()) {
            List<Long> l = byWindow.getOrDefault(r.getKey(), List.of());
            int miss = Math.max(0, r.getValue() - l.size());
            missing = (missing == null ? 0 : missing) + miss;
            rows.put(r.getKey(), new WindowBackfill(r.getKey(), r.getValue(), l.size(), miss, max(l)));
        }
        for (Map.Entry<String, List<Long>> w : byWindow.entrySet()) {
            rows.putIfAbsent(w.getKey(), new WindowBackfill(w.getKey(), null, w.getValue().size(), null, max(w.getValue())));
        }
        lateness.sort(null);
        Duration p50 = lateness.isEmpty() ? null : Duration.ofMillis(lateness.get((lateness.size() - 1) / 2));
        return new BackfillImpact(from, to, asOf, inScope, lateness.size(), missing, p50, max(lateness), last, new ArrayList<>(rows.values()));
    }

    private static Duration max(List<Long> values) {
        return values.isEmpty() ? null : Duration.ofMillis(values.stream().mapToLong(Long::longValue).max().getAsLong());
    }
}
