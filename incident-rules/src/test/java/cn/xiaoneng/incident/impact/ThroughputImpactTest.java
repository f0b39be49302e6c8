package cn.xiaoneng.incident.impact;

import static cn.xiaoneng.incident.Instants.at;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.deadline.calendar.WorkCalendar;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

    /**
     * The SQL view's hand-checked case (warehouse-schema IncidentImpactViewsIT, same rows): Tue 2026-03-17 09:30–10:30
     * at 市场监管局's window W01. Week 2 (03-03) had its own outage 09:00–09:45, week 4 (02-17) is 春节, and the data
     * start on 02-10 08:00, so weeks 6–8 are unknown rather than zero.
     */
    @Test
    void theBaselineSkipsHolidaysHoursWithTheirOwnIncidentAndWeeksBeforeTheData() {
        List<Long> a = new ArrayList<>();
        repeat(a, "2026-02-10T08:00", 1);
        repeat(a, "2026-02-10T09:31", 4);
        repeat(a, "2026-02-10T10:15", 4);
        repeat(a, "2026-02-17T09:31", 50);
        repeat(a, "2026-02-17T10:01", 50);
        repeat(a, "2026-02-24T09:30", 8);
        repeat(a, "2026-02-24T10:29", 6);
        repeat(a, "2026-03-03T09:40", 100);
        repeat(a, "2026-03-03T10:00", 2);
        repeat(a, "2026-03-03T10:30", 70);
        repeat(a, "2026-03-10T09:00", 5);
        repeat(a, "2026-03-10T09:45", 6);
        repeat(a, "2026-03-10T10:20", 4);
        repeat(a, "2026-03-17T09:05", 1);
        repeat(a, "2026-03-17T09:35", 1);
        repeat(a, "2026-03-17T09:40", 1);
        ThroughputImpact.Rules rules = new ThroughputImpact.Rules(4, CHINA, List.of(
                new ThroughputImpact.Interval(at("2026-03-03T09:00"), at("2026-03-03T09:45")),
                new ThroughputImpact.Interval(at("2026-03-17T09:30"), at("2026-03-17T10:30"))), at("2026-02-10T08:00"));

        ThroughputImpact t = ThroughputImpact.compute("W01", at("2026-03-17T09:30"), at("2026-03-17T10:30"), counts(a), rules);

        assertThat(t.hours()).extracting(ThroughputImpact.Hour::weeksBack).containsExactly(List.of(1, 3, 5), List.of(1, 2, 3, 5));
        assertThat(t.hours()).extracting(ThroughputImpact.Hour::baseline).containsExactly(6.0, 4.0);
        assertThat(t.hours()).extracting(ThroughputImpact.Hour::dayClass).containsOnly(DayClass.WORKDAY);
        assertThat(t.actual()).isEqualTo(2);
        assertThat(t.baseline()).isEqualTo(10.0);
        assertThat(t.ratio()).isEqualTo(0.2);
    }

    @Test
    void aMakeUpSaturdayIsComparedOnlyWithAnotherMakeUpSaturday() {
        // Sat 02-28 and Sat 02-14 are both 春节调休上班; Sat 02-21 is 春节 and the other Saturdays are rest days.
        ThroughputImpact t = ThroughputImpact.compute("W01", at("2026-02-28T10:00"), at("2026-02-28T11:00"),
                AcceptanceCounts.of(at("2026-02-14T10:10"), at("2026-02-14T10:20"), at("2026-02-07T10:10")), 4, CHINA);
        assertThat(t.hours()).singleElement().satisfies(h -> {
            assertThat(h.dayClass()).isEqualTo(DayClass.MAKEUP_WORKDAY);
            assertThat(h.weeksBack()).containsExactly(2);
            assertThat(h.baseline()).isEqualTo(2.0);
        });
    }

    @Test
    void dayClassesFollowTheCentersCalendar() {
        assertThat(DayClass.of(CHINA, LocalDate.parse("2026-03-17"))).isEqualTo(DayClass.WORKDAY);
        assertThat(DayClass.of(CHINA, LocalDate.parse("2026-02-17"))).as("春节").isEqualTo(DayClass.REST);
        assertThat(DayClass.of(CHINA, LocalDate.parse("2026-03-14"))).as("Saturday").isEqualTo(DayClass.REST);
        assertThat(DayClass.of(CHINA, LocalDate.parse("2026-10-10"))).as("国庆节调休上班").isEqualTo(DayClass.MAKEUP_WORKDAY);
        assertThat(DayClass.MAKEUP_WORKDAY.label()).isEqualTo("调休上班");
    }

    @Test
    void anIncidentTouchesADepartmentOrWindowItNamesOrTheWholeHall() {
        IncidentScope market = IncidentScope.department("scjg", List.of("W01", "W02"));
        IncidentScope w01 = IncidentScope.window("W01", List.of("scjg"));
        assertThat(market.touchedBy(Set.of("scjg"), Set.of())).isTrue();
        assertThat(market.touchedBy(Set.of(), Set.of("W02"))).as("one of its windows").isTrue();
        assertThat(market.touchedBy(Set.of(), Set.of())).as("the whole hall").isTrue();
        assertThat(market.touchedBy(Set.of("rsj"), Set.of("W07"))).isFalse();
        assertThat(w01.touchedBy(Set.of("scjg"), Set.of())).as("its department, no window named").isTrue();
        assertThat(w01.touchedBy(Set.of("scjg"), Set.of("W02"))).as("another window of its department").isFalse();
        assertThat(w01.touchedBy(Set.of(), Set.of("W01"))).isTrue();
        assertThat(w01.touchedBy(Set.of("rsj"), Set.of())).isFalse();
    }

    /** n acceptances at one instant (a minute bucket of n). */
    private static void repeat(List<Long> out, String at, int n) {
        for (int i = 0; i < n; i++) {
            out.add(at(at));
        }
    }

    @Test
    void countsAreHalfOpen() {
        AcceptanceCounts c = AcceptanceCounts.of(at("2026-03-03T10:00"), at("2026-03-03T11:00"), at("2026-03-03T10:30"));
        assertThat(c.count(at("2026-03-03T10:00"), at("2026-03-03T11:00"))).isEqualTo(2);
        assertThat(c.count(at("2026-03-03T11:00"), at("2026-03-03T10:00"))).isZero();
    }
}
