package cn.xiaoneng.deadline.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The epoch-day forms of the calendar ({@code epochDayOf}, {@code startOfDay}, {@code isWorkingDay(long)},
 * {@code isProvisional(long)}) are the deadline arithmetic's fast path: they must agree with {@code java.time} and
 * with the {@code LocalDate} forms everywhere — China's 1986–1991 summer time, zones whose clocks skip midnight,
 * zones that keep changing, and outside the precomputed years.
 */
class DayArithmeticTest {

    @ParameterizedTest
    @ValueSource(strings = {"Asia/Shanghai", "UTC", "Europe/Berlin", "America/Sao_Paulo", "America/Havana", "Asia/Tehran", "Pacific/Apia"})
    void epochDaysAgreeWithJavaTimeAroundEveryDayBoundary(String zoneName) {
        ZoneId zone = ZoneId.of(zoneName);
        WorkCalendar calendar = WorkCalendar.china().withZone(zone);
        for (LocalDate d = LocalDate.of(1984, 1, 1); d.isBefore(LocalDate.of(2031, 1, 1)); d = d.plusDays(1)) {
            long start = d.atStartOfDay(zone).toInstant().toEpochMilli();
            assertThat(calendar.startOfDay(d.toEpochDay())).as("start of %s in %s", d, zone).isEqualTo(start);
            // a date a zone skipped (Pacific/Apia, 2011-12-30) starts when the next one does
            assertThat(calendar.epochDayOf(start)).as("%s 00:00 in %s", d, zone).isEqualTo(javaDay(start, zone));
            assertThat(calendar.epochDayOf(start - 1)).as("just before %s in %s", d, zone).isEqualTo(javaDay(start - 1, zone));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Asia/Shanghai", "Europe/Berlin", "America/Sao_Paulo"})
    void randomInstantsFromThePrecomputedYearsAndBeyondLandOnTheJavaTimeDay(String zoneName) {
        ZoneId zone = ZoneId.of(zoneName);
        WorkCalendar calendar = WorkCalendar.china().withZone(zone);
        SplittableRandom random = new SplittableRandom(20261125);
        long from = LocalDate.of(1800, 1, 1).atStartOfDay(zone).toInstant().toEpochMilli();
        long to = LocalDate.of(2400, 1, 1).atStartOfDay(zone).toInstant().toEpochMilli();
        for (int i = 0; i < 200_000; i++) {
            long t = random.nextLong(from, to);
            long day = javaDay(t, zone);
            assertThat(calendar.epochDayOf(t)).as("%s in %s", Instant.ofEpochMilli(t), zone).isEqualTo(day);
            assertThat(calendar.dateOf(Instant.ofEpochMilli(t))).isEqualTo(LocalDate.ofEpochDay(day));
            assertThat(calendar.startOfDay(day)).isEqualTo(LocalDate.ofEpochDay(day).atStartOfDay(zone).toInstant().toEpochMilli());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1899, 1900, 1991, 2024, 2025, 2026, 2027, 2299, 2300})
    void workingAndProvisionalBitsAgreeWithTheDateForms(int year) {
        WorkCalendar calendar = WorkCalendar.china();
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            assertThat(calendar.isWorkingDay(d.toEpochDay())).as("%s %s", d, d.getDayOfWeek()).isEqualTo(calendar.isWorkingDay(d));
            assertThat(calendar.isProvisional(d.toEpochDay())).as("%s", d).isEqualTo(calendar.isProvisional(d));
        }
    }

    private static long javaDay(long epochMilli, ZoneId zone) {
        return Instant.ofEpochMilli(epochMilli).atZone(zone).toLocalDate().toEpochDay();
    }
}
