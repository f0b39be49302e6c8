package cn.xiaoneng.incident.impact;

import static cn.xiaoneng.incident.Instants.at;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.deadline.calendar.WorkCalendar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputImpactTest {
    private static final WorkCalendar CHINA = WorkCalendar.china();

    /** n acceptances spread evenly over [from, from + 1 h). */
    private static void hour(List<Long> out, String from, int n) {
        long start = at(from);
        for (int i = 0; i < n; i++) {
            out.add(start + i * Duration.ofHours(1).toMillis() / n);
        }
    }

    private static AcceptanceCounts counts(List<Long> instants) {
        return AcceptanceCounts.of(instants.stream().mapToLong(Long::longValue).toArray());
    }

    @Test
    void anOutageIsComparedWithTheSameWeekdayAndHourOfRecentWeeks() {
        List<Long> a = new ArrayList<>();
        // four earlier Tuesdays: 12 and 8 acceptances in the 09:00 and 10:00 hours
        for (String day : new String[] {"2026-02-10", "2026-02-24", "2026-03-03", "2026-03-10"}) {
            hour(a, day + "T09:00", 12);
            hour(a, day + "T10:00", 8);
        }
        // Tue 2026-02-17 is 春节: skipped, the baseline looks one week further back
        hour(a, "2026-02-17T09:00", 1);
        // the outage Tue 2026-03-17 09:30–10:30: 2 paper-free acceptances in the first half hour, none after
        a.add(at("2026-03-17T09:05"));
        a.add(at("2026-03-17T09:35"));
        a.add(at("2026-03-17T09:40"));
        ThroughputImpact t = ThroughputImpact.compute("W02", at("2026-03-17T09:30"), at("2026-03-17T10:30"), counts(a), 4, CHINA);
        assertThat(t.actual()).isEqualTo(2);
        assertThat(t.hours()).extracting(ThroughputImpact.Hour::weeksUsed).containsExactly(4, 4);
        assertThat(t.hours()).extracting(ThroughputImpact.Hour::baseline).containsExactly(6.0, 4.0);
        assertThat(t.baseline()).isEqualTo(10.0);
        assertThat(t.ratio()).isEqualTo(0.2);
        assertThat(t.shortfall()).isEqualTo(8.0);
    }

    @Test
    void aMakeUpSaturdayHasNoComparableDay() {
        ThroughputImpact t = ThroughputImpact.compute("W02", at("2026-10-10T10:00"), at("2026-10-10T11:00"), AcceptanceCounts.of(), 4, CHINA);
        assertThat(t.baseline()).isNull();
        assertThat(t.ratio()).isNull();
        assertThat(t.hours()).singleElement().satisfies(h -> assertThat(h.weeksUsed()).isZero());
    }

    @Test
    void countsAreHalfOpen() {
        AcceptanceCounts c = AcceptanceCounts.of(at("2026-03-03T10:00"), at("2026-03-03T11:00"), at("2026-03-03T10:30"));
        assertThat(c.count(at("2026-03-03T10:00"), at("2026-03-03T11:00"))).isEqualTo(2);
        assertThat(c.count(at("2026-03-03T11:00"), at("2026-03-03T10:00"))).isZero();
    }
}
