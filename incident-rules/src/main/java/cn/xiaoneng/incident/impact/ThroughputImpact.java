package cn.xiaoneng.incident.impact;

import cn.xiaoneng.deadline.calendar.WorkCalendar;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Throughput of one department or window during an incident against its usual throughput: the same weekday and hour
 * over recent comparable weeks (issue 4, "Impact"; the standard's 4.5.2.5 and 附录C ask for an emergency plan, this
 * measures what an emergency cost the applicants). The SQL view {@code dws_incident_throughput_hour} of migration
 * V009 computes the same figures from {@code dws_throughput_minute}; docs/metrics.md states the definitions (口径).
 *
 * <p>The incident interval {@code [from, to)} is cut at whole hours (in the calendar's zone) into pieces. For each
 * piece, week k (k = 1 … 2N) means the very same minutes k weeks earlier. Week k is <em>comparable</em> when
 * <ol>
 *   <li>its date has the same {@link DayClass} as the piece's date (an ordinary working day is compared only with
 *       ordinary working days: 放假, 闭厅, weekends and 调休上班 days are skipped);</li>
 *   <li>no incident touching the same department or window overlaps it ({@link Rules#incidents}: this incident and
 *       the others the caller found with {@link IncidentScope#touchedBy}; dismissed ones are not incidents);</li>
 *   <li>it does not start before the data does ({@link Rules#dataSince}: a week before the warehouse had any
 *       throughput would count as zero).</li>
 * </ol>
 * The piece's baseline is the mean count over the first N comparable weeks (nearest first); without any, it has no
 * baseline. The incident's baseline is the sum over its pieces, or null when a piece has none: a total that leaves
 * hours out would not be the incident's.
 *
 * @param actual    acceptances during the incident
 * @param baseline  expected acceptances, or null when some piece has no comparable week
 * @param hours     the piece-by-piece figures, in order
 */
public record ThroughputImpact(String key, long from, long to, long actual, Double baseline, List<Hour> hours) {

    /** N: comparable weeks averaged by default (V009 uses the same). */
    public static final int DEFAULT_WEEKS = 4;

    /**
     * One hour (or the part of it inside the incident).
     *
     * @param dayClass  the class of the piece's date
     * @param weeksBack which earlier weeks made the baseline (k, nearest first); empty when none was comparable
     */
    public record Hour(long from, long to, long actual, Double baseline, DayClass dayClass, List<Integer> weeksBack) {
        public Hour {
            weeksBack = List.copyOf(weeksBack);
        }

        /** How many earlier weeks made the baseline. */
        public int weeksUsed() {
            return weeksBack.size();
        }
    }

    /** An interval {@code [from, to)} (epoch ms) during which the department or window had an incident. */
    public record Interval(long from, long to) {
        boolean overlaps(long f, long t) {
            return from < t && to > f;
        }
    }

    /**
     * How the baseline is chosen.
     *
     * @param weeks     N ≥ 1, comparable weeks averaged; at most 2N weeks are looked at
     * @param calendar  the center's working calendar (zone and day classes)
     * @param incidents intervals of incidents touching the department or window, this one included
     * @param dataSince the first instant the counts know about (the center's first throughput bucket); earlier
     *                  weeks are not comparable. {@link Long#MIN_VALUE}: all.
     */
    public record Rules(int weeks, WorkCalendar calendar, List<Interval> incidents, long dataSince) {
        public Rules {
            Objects.requireNonNull(calendar, "calendar");
            if (weeks < 1) {
                throw new IllegalArgumentException("weeks must be at least 1");
            }
            incidents = List.copyOf(incidents);
        }

        /** N weeks on a calendar, no other incident, all data known. */
        public static Rules of(int weeks, WorkCalendar calendar) {
            return new Rules(weeks, calendar, List.of(), Long.MIN_VALUE);
        }
    }

    public ThroughputImpact {
        hours = List.copyOf(hours);
    }

    /** {@link #compute(String, long, long, AcceptanceCounts, Rules)} with no other incident and all data known. */
    public static ThroughputImpact compute(String key, long from, long to, AcceptanceCounts counts, int weeks, WorkCalendar calendar) {
        return compute(key, from, to, counts, Rules.of(weeks, calendar));
    }

    /**
     * @param key    what was counted (a window or department id), carried through for the caller
     * @param counts acceptances of that department or window
     */
    public static ThroughputImpact compute(String key, long from, long to, AcceptanceCounts counts, Rules rules) {
        Objects.requireNonNull(counts, "counts");
        if (to < from) {
            throw new IllegalArgumentException("the incident ends before it starts");
        }
        WorkCalendar calendar = rules.calendar();
        List<Hour> hours = new ArrayList<>();
        long actual = 0;
        double baseline = 0;
        boolean complete = true;
        long cur = from;
        while (cur < to) {
            ZonedDateTime start = Instant.ofEpochMilli(cur).atZone(calendar.zone());
            long end = Math.min(start.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant().toEpochMilli(), to);
            ZonedDateTime stop = Instant.ofEpochMilli(end).atZone(calendar.zone());
            long a = counts.count(cur, end);
            DayClass dayClass = DayClass.of(calendar, start.toLocalDate());
            long sum = 0;
            List<Integer> used = new ArrayList<>();
            for (int k = 1; k <= 2 * rules.weeks() && used.size() < rules.weeks(); k++) {
                ZonedDateTime shifted = start.minusWeeks(k);
                long shiftedFrom = shifted.toInstant().toEpochMilli();
                long shiftedTo = stop.minusWeeks(k).toInstant().toEpochMilli();
                if (DayClass.of(calendar, shifted.toLocalDate()) != dayClass || shiftedFrom < rules.dataSince()
                        || rules.incidents().stream().anyMatch(i -> i.overlaps(shiftedFrom, shiftedTo))) {
                    continue;
                }
                sum += counts.count(shiftedFrom, shiftedTo);
                used.add(k);
            }
            Double b = used.isEmpty() ? null : (double) sum / used.size();
            hours.add(new Hour(cur, end, a, b, dayClass, used));
            actual += a;
            if (b == null) {
                complete = false;
            } else {
                baseline += b;
            }
            cur = end;
        }
        return new ThroughputImpact(key, from, to, actual, complete ? baseline : null, hours);
    }

    /** actual ÷ baseline, or null without a (non-zero) baseline. 0.0 = nothing accepted, 1.0 = as usual. */
    public Double ratio() {
        return baseline == null || baseline == 0 ? null : actual / baseline;
    }

    /** Cases not accepted compared with the baseline (negative = more than usual), or null without a baseline. */
    public Double shortfall() {
        return baseline == null ? null : baseline - actual;
    }
}
