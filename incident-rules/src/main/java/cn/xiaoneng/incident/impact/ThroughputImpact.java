package cn.xiaoneng.incident.impact;

import cn.xiaoneng.deadline.calendar.WorkCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Throughput of one window or department during an incident against its usual throughput: the same weekday and
 * hour over the recent weeks (issue 4, "Impact").
 *
 * <p>The incident interval {@code [from, to)} is cut at whole hours. For each piece, the baseline is the mean count
 * of the very same minutes 1, 2, … weeks earlier, taking the first {@code weeks} earlier weeks whose date has the
 * same working-day status on the center's calendar (a holiday week is skipped, so 国庆 does not drag the baseline
 * down), looking back at most {@code 2 × weeks} weeks. A piece without such a week (a 调休 Saturday: earlier
 * Saturdays were rest days) has no baseline, and then neither has the total.
 *
 * @param actual    acceptances during the incident
 * @param baseline  expected acceptances, or null when some hour has no comparable week
 * @param hours     the hour-by-hour figures, in order
 */
public record ThroughputImpact(String key, long from, long to, long actual, Double baseline, List<Hour> hours) {

    /** One hour (or the part of it inside the incident). {@code weeksUsed} is how many earlier weeks made the baseline. */
    public record Hour(long from, long to, long actual, Double baseline, int weeksUsed) {}

    public ThroughputImpact {
        hours = List.copyOf(hours);
    }

    /**
     * @param key      what was counted (a window or department id), carried through for the caller
     * @param counts   acceptances of that window or department
     * @param weeks    how many comparable earlier weeks to average (N ≥ 1)
     */
    public static ThroughputImpact compute(String key, long from, long to, AcceptanceCounts counts, int weeks, WorkCalendar calendar) {
        Objects.requireNonNull(counts, "counts");
        if (to < from) {
            throw new IllegalArgumentException("the incident ends before it starts");
        }
        if (weeks < 1) {
            throw new IllegalArgumentException("weeks must be at least 1");
        }
        List<Hour> hours = new ArrayList<>();
        long actual = 0;
        double baseline = 0;
        boolean complete = true;
        long cur = from;
        while (cur < to) {
            ZonedDateTime z = Instant.ofEpochMilli(cur).atZone(calendar.zone()).truncatedTo(ChronoUnit.HOURS);
            long end = Math.min(z.plusHours(1).toInstant().toEpochMilli(), to);
            long a = counts.count(cur, end);
            boolean working = calendar.isWorkingDay(calendar.dateOf(Instant.ofEpochMilli(cur)));
            long sum = 0;
            int used = 0;
            for (int k = 1; k <= 2 * weeks && used < weeks; k++) {
                ZonedDateTime shifted = Instant.ofEpochMilli(cur).atZone(calendar.zone()).minusWeeks(k);
                LocalDate d = shifted.toLocalDate();
                if (calendar.isWorkingDay(d) != working) {
                    continue;
                }
                long shiftedFrom = shifted.toInstant().toEpochMilli();
                long shiftedTo = Instant.ofEpochMilli(end).atZone(calendar.zone()).minusWeeks(k).toInstant().toEpochMilli();
                sum += counts.count(shiftedFrom, shiftedTo);
                used++;
            }
            Double b = used == 0 ? null : (double) sum / used;
            hours.add(new Hour(cur, end, a, b, used));
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
