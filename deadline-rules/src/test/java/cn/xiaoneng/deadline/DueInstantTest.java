package cn.xiaoneng.deadline;

import static cn.xiaoneng.deadline.Instants.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xiaoneng.deadline.calendar.CenterCalendars;
import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.model.Limit;
import cn.xiaoneng.model.LimitUnit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rules 1, 2, 3, 4 and 6 of the counting contract, defaults and provisional results. */
class DueInstantTest {
    private final DeadlineCalculator calculator = DeadlineCalculator.china();

    private DueResult due(String accepted, String limit) {
        return calculator.due(at(accepted), Limit.parse(limit));
    }

    @Test
    void acceptanceDayIsNotCountedWhateverTheTimeOfAcceptance() {
        // 民法典 Art. 201: 受理 at 00:00 or at 23:59 on Mon 2026-03-02, 1WD → 24:00 of Tue 2026-03-03
        assertThat(due("2026-03-02T00:00", "1WD").dueText()).isEqualTo("2026-03-04T00:00:00+08:00");
        assertThat(due("2026-03-02T23:59:59", "1WD").dueText()).isEqualTo("2026-03-04T00:00:00+08:00");
        assertThat(due("2026-03-02T10:00", "1WD").countingStart()).isEqualTo(at("2026-03-03T00:00"));
    }

    @Test
    void workingDayLimitSkipsWeekends() {
        // Mon 2026-03-02 + 5WD: Tue 3, Wed 4, Thu 5, Fri 6, Mon 9 → 24:00 of Mon 9
        assertThat(due("2026-03-02T10:00", "5WD").dueText()).isEqualTo("2026-03-10T00:00:00+08:00");
        // 6.5.4 default, one department: 20WD
        assertThat(due("2026-03-02T10:00", "20WD").dueText()).isEqualTo("2026-03-31T00:00:00+08:00");
    }

    @ParameterizedTest(name = "受理 on {1} ({0}), 1WD → {2}")
    @CsvSource({
        "ordinary Saturday,       2026-03-07T10:00, 2026-03-10T00:00:00+08:00",
        "ordinary Sunday,         2026-03-08T10:00, 2026-03-10T00:00:00+08:00",
        "holiday (国庆 Oct 3),    2026-10-03T10:00, 2026-10-09T00:00:00+08:00",
        "make-up Saturday Feb 28, 2026-02-28T10:00, 2026-03-03T00:00:00+08:00",
        "make-up Sunday Sep 20,   2026-09-20T10:00, 2026-09-22T00:00:00+08:00",
    })
    void acceptanceOnANonWorkingOrMakeUpDayStartsCountingTheNextDay(String what, String accepted, String expected) {
        assertThat(due(accepted, "1WD").dueText()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "即办 受理 {0} → {1}")
    @CsvSource({
        "2026-03-02T10:00,    2026-03-03T00:00:00+08:00",   // working Monday: 24:00 the same day
        "2026-03-02T23:59:59, 2026-03-03T00:00:00+08:00",
        "2026-03-07T10:00,    2026-03-10T00:00:00+08:00",   // Saturday: 24:00 of Monday
        "2026-02-14T10:00,    2026-02-15T00:00:00+08:00",   // 调休上班 Saturday: a working day
        "2026-02-15T10:00,    2026-02-25T00:00:00+08:00",   // 春节: 24:00 of the first day after the block
        "2025-10-08T10:00,    2025-10-10T00:00:00+08:00",   // last day of 2025 国庆 → Thu Oct 9
    })
    void immediateIsDueAtTheEndOfTheAcceptanceDayOrTheNextWorkingDay(String accepted, String expected) {
        DueResult r = due(accepted, "IMMEDIATE");
        assertThat(r.dueText()).isEqualTo(expected);
        assertThat(r.countingStart()).isEqualTo(at(accepted));
    }

    @Test
    void zeroDayLimitsAreImmediate() {
        for (String accepted : new String[] {"2026-03-02T10:00", "2026-03-07T10:00", "2026-10-03T10:00"}) {
            String immediate = due(accepted, "IMMEDIATE").dueText();
            assertThat(due(accepted, "0WD").dueText()).as(accepted).isEqualTo(immediate);
            assertThat(due(accepted, "0ND").dueText()).as(accepted).isEqualTo(immediate);
        }
    }

    @Test
    void midnightIsPrintedAsTheNextDayAtZeroHours() {
        // rule 6: 24:00 of Fri 2026-02-27 is printed 2026-02-28T00:00:00+08:00 — seconds included
        DueResult r = due("2026-02-13T10:00", "4WD");
        assertThat(r.dueText()).isEqualTo("2026-02-27T00:00:00+08:00");
        assertThat(r.due()).isEqualTo(OffsetDateTime.parse("2026-02-27T00:00:00+08:00").toInstant());
        assertThat(r.dueEpochMillis()).isEqualTo(r.due().toEpochMilli());
    }

    @Test
    void acceptanceGivenInAnotherOffsetIsCountedOnTheCentersCalendar() {
        // 2026-03-01T18:00Z is Mon 2026-03-02 02:00 in Beijing: the 受理 day is Monday, not Sunday
        DueResult r = calculator.due(Instant.parse("2026-03-01T18:00:00Z"), Limit.workingDays(1));
        assertThat(r.dueText()).isEqualTo("2026-03-04T00:00:00+08:00");
    }

    @Test
    void naturalDaysCountEveryDayAndEndOnAWorkingDay() {
        DueResult r = due("2026-03-02T10:00", "30ND");
        assertThat(r.dueText()).isEqualTo("2026-04-02T00:00:00+08:00");
        assertThat(r.rolledForward()).isFalse();
        assertThat(r.measure()).isEqualTo(LimitUnit.NATURAL_DAYS);

        DueResult rolled = due("2026-09-30T10:00", "3ND");
        assertThat(rolled.rolledForward()).isTrue();
        assertThat(rolled.explanation()).anySatisfy(s -> assertThat(s).contains("民法典第二百零三条"));
    }

    @Test
    void defaultLimitIsTwentyWorkingDaysForOneDepartmentAndFortyFiveForMore() {
        // 6.5.4 限时办结
        assertThat(DefaultLimits.forDepartments(1)).isEqualTo(Limit.workingDays(20));
        assertThat(DefaultLimits.forDepartments(2)).isEqualTo(Limit.workingDays(45));
        assertThat(DefaultLimits.forDepartments(5)).isEqualTo(Limit.workingDays(45));
        assertThat(DefaultLimits.orDefault(null, 3)).isEqualTo(Limit.workingDays(45));
        assertThat(DefaultLimits.orDefault(Limit.naturalDays(30), 3)).isEqualTo(Limit.naturalDays(30));
        assertThatThrownBy(() -> DefaultLimits.forDepartments(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fortyFiveWorkingDaysAcrossTheNationalDayBlock() {
        // 受理 Mon 2026-09-14, 45WD: Sep 15–18 (4), Sun 20 调休 (5), Sep 21–24 (9), Sep 28–30 (12), Oct 8, 9 (14),
        // Sat 10 调休 (15), then 30 more weekdays from Mon Oct 12: Oct 12..Nov 20 → 24:00 of Fri Nov 20
        assertThat(due("2026-09-14T10:00", "45WD").dueText()).isEqualTo("2026-11-21T00:00:00+08:00");
    }

    @Test
    void resultDependingOnAYearWithoutACalendarIsProvisional() {
        DueResult r = due("2026-12-30T10:00", "5WD");
        assertThat(r.provisional()).isTrue();
        assertThat(r.provisionalDates().first()).isEqualTo(LocalDate.of(2027, 1, 1));
        // weekends-only fallback: Thu Dec 31, Fri Jan 1 (surely 元旦, not yet published), Mon 4, Tue 5, Wed 6
        assertThat(r.dueText()).isEqualTo("2027-01-07T00:00:00+08:00");
        assertThat(r.explanation()).anySatisfy(s -> assertThat(s).startsWith("provisional"));
    }

    @Test
    void dueAtMidnightIntoAnUnpublishedYearIsNotProvisional() {
        // Mon 2026-12-28 + 3WD ends 24:00 of Thu Dec 31: no 2027 date is needed
        DueResult r = due("2026-12-28T10:00", "3WD");
        assertThat(r.dueText()).isEqualTo("2027-01-01T00:00:00+08:00");
        assertThat(r.provisional()).isFalse();
    }

    @Test
    void acceptanceDayInAnUnpublishedYearDoesNotMakeAWorkingDayLimitProvisional() {
        // the 受理 day is not counted, so its calendar status does not matter (rule 1)
        DueResult wd = due("2024-12-31T10:00", "1WD");
        assertThat(wd.dueText()).isEqualTo("2025-01-03T00:00:00+08:00");
        assertThat(wd.provisional()).isFalse();
        // but a 即办件 is due on the 受理 day itself, so it does depend on it
        assertThat(due("2024-12-31T10:00", "IMMEDIATE").provisional()).isTrue();
    }

    @Test
    void naturalDayLimitEndingInAnUnpublishedYearIsProvisional() {
        DueResult r = due("2026-12-30T10:00", "5ND");
        assertThat(r.provisional()).isTrue();
        assertThat(r.provisionalDates()).contains(LocalDate.of(2027, 1, 4));
    }

    @Test
    void centerClosureMovesTheDueInstant() {
        DeadlineCalculator center = new DeadlineCalculator(CenterCalendars.forCenter("test-xiangxi"));
        // Tue 2026-07-07 + 1WD: Wed 07-08 is closed (防汛闭厅) → Thu 07-09
        assertThat(center.due(at("2026-07-07T10:00"), Limit.workingDays(1)).dueText()).isEqualTo("2026-07-10T00:00:00+08:00");
        assertThat(calculator.due(at("2026-07-07T10:00"), Limit.workingDays(1)).dueText()).isEqualTo("2026-07-09T00:00:00+08:00");
    }

    @Test
    void negativeAndUnitlessLimitsAreRefused() {
        assertThatThrownBy(() -> calculator.due(at("2026-03-02T10:00"), new Limit(-1, LimitUnit.WORKING_DAYS)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> calculator.due(at("2026-03-02T10:00"), new Limit(5, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no unit");
    }

    @Test
    void absurdlyLongLimitsFailInsteadOfLoopingForever() {
        assertThatThrownBy(() -> calculator.due(at("2026-03-02T10:00"), Limit.workingDays(100_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no due instant within 100 years");
    }

    @Test
    void theExplanationCitesTheArticlesApplied() {
        DueResult r = due("2026-02-13T10:00", "5WD");
        assertThat(r.explanation()).anySatisfy(s -> assertThat(s).contains("民法典第二百零一条"));
        assertThat(r.explanation()).anySatisfy(s -> assertThat(s).contains("行政许可法第八十二条"));
        assertThat(r.explanation()).last().isEqualTo("due 2026-02-28T00:00:00+08:00");
    }

    @Test
    void calculatorSurvivesJavaSerializationForStreamingJobs() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(calculator);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            DeadlineCalculator copy = (DeadlineCalculator) in.readObject();
            assertThat(copy.due(at("2026-02-13T10:00"), Limit.workingDays(5)).dueText()).isEqualTo("2026-02-28T00:00:00+08:00");
        }
    }

    @Test
    void aCalendarInAnotherZoneCountsThatZonesMidnights() {
        DeadlineCalculator utc = new DeadlineCalculator(WorkCalendar.china().withZone(java.time.ZoneOffset.UTC));
        // Mon 2026-03-02 10:00 UTC + 1WD → 24:00 UTC of Tue 2026-03-03
        assertThat(utc.due(Instant.parse("2026-03-02T10:00:00Z"), Limit.workingDays(1)).dueText()).isEqualTo("2026-03-04T00:00:00Z");
    }
}
