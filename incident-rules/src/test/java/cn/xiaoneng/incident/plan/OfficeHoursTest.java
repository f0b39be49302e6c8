package cn.xiaoneng.incident.plan;

import static cn.xiaoneng.incident.Instants.at;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.deadline.calendar.WorkCalendar;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OfficeHoursTest {
    private final OfficeHours hours = OfficeHours.standard(WorkCalendar.china());

    @Test
    void openInBothSessionsOfAWorkingDayOnly() {
        assertThat(hours.isOpen(at("2026-03-03T08:59:59.999"))).isFalse();
        assertThat(hours.isOpen(at("2026-03-03T09:00"))).isTrue();
        assertThat(hours.isOpen(at("2026-03-03T11:59:59.999"))).isTrue();
        assertThat(hours.isOpen(at("2026-03-03T12:00"))).as("sessions are half-open").isFalse();
        assertThat(hours.isOpen(at("2026-03-03T13:30"))).isTrue();
        assertThat(hours.isOpen(at("2026-03-03T17:30"))).isFalse();
        assertThat(hours.isOpen(at("2026-03-07T10:00"))).as("a Saturday").isFalse();
        assertThat(hours.isOpen(at("2026-10-05T10:00"))).as("国庆 2026-10-01..07").isFalse();
        assertThat(hours.isOpen(at("2026-10-10T10:00"))).as("调休 Saturday 2026-10-10 is a working day").isTrue();
        assertThat(hours.isOpen(at("2026-09-20T10:00"))).as("调休 Sunday 2026-09-20 is a working day").isTrue();
    }

    @Test
    void nextOpenSkipsLunchNightsWeekendsAndHolidays() {
        assertThat(hours.nextOpen(at("2026-03-03T10:00"))).isEqualTo(at("2026-03-03T10:00"));
        assertThat(hours.nextOpen(at("2026-03-03T12:10"))).isEqualTo(at("2026-03-03T13:30"));
        assertThat(hours.nextOpen(at("2026-03-03T17:30"))).isEqualTo(at("2026-03-04T09:00"));
        assertThat(hours.nextOpen(at("2026-03-06T18:00"))).isEqualTo(at("2026-03-09T09:00"));
        assertThat(hours.nextOpen(at("2026-09-30T17:45"))).isEqualTo(at("2026-10-08T09:00"));
        assertThat(hours.nextOpen(at("2026-10-09T18:00"))).as("Fri → 调休 Sat").isEqualTo(at("2026-10-10T09:00"));
    }

    @Test
    void plusCountsOpenTimeOnly() {
        assertThat(hours.plus(at("2026-03-03T10:00"), min(10))).isEqualTo(at("2026-03-03T10:10"));
        assertThat(hours.plus(at("2026-03-03T11:55"), min(10))).isEqualTo(at("2026-03-03T13:35"));
        assertThat(hours.plus(at("2026-03-03T17:20"), min(10))).as("runs out exactly at closing").isEqualTo(at("2026-03-03T17:30"));
        assertThat(hours.plus(at("2026-03-03T17:25"), min(10))).isEqualTo(at("2026-03-04T09:05"));
        assertThat(hours.plus(at("2026-03-03T07:00"), min(10))).isEqualTo(at("2026-03-03T09:10"));
        assertThat(hours.plus(at("2026-09-30T17:25"), min(10))).isEqualTo(at("2026-10-08T09:05"));
        assertThat(hours.plus(at("2026-03-03T14:05"), Duration.ofHours(4).toMillis())).isEqualTo(at("2026-03-04T09:35"));
        assertThat(hours.plus(at("2026-03-03T14:05"), 0)).isEqualTo(at("2026-03-03T14:05"));
    }

    @Test
    void openBetweenIsTheInverseOfPlus() {
        assertThat(hours.openBetween(at("2026-03-03T11:00"), at("2026-03-03T14:00"))).isEqualTo(min(90));
        assertThat(hours.openBetween(at("2026-03-03T14:05"), at("2026-03-04T09:35"))).isEqualTo(Duration.ofHours(4).toMillis());
        assertThat(hours.openBetween(at("2026-09-30T17:00"), at("2026-10-08T09:30"))).isEqualTo(min(60));
        for (long t = at("2026-09-28T08:00"); t < at("2026-10-12T08:00"); t += Duration.ofMinutes(47).toMillis()) {
            long d = Duration.ofMinutes(95).toMillis();
            long end = hours.plus(t, d);
            assertThat(hours.openBetween(t, end)).as("from %s", t).isEqualTo(d);
        }
    }

    private static long min(int m) {
        return Duration.ofMinutes(m).toMillis();
    }
}
