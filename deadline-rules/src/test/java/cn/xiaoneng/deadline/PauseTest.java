package cn.xiaoneng.deadline;

import static cn.xiaoneng.deadline.Instants.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xiaoneng.model.Limit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule 5: pauses [from, to) accrue nothing and move the due instant by exactly the counted time they covered. */
class PauseTest {
    private final DeadlineCalculator calculator = DeadlineCalculator.china();
    /** 受理 Mon 2026-03-02 10:00 with 5WD is due 24:00 of Mon 2026-03-09 without pauses. */
    private static final String ACCEPTED_MONDAY = "2026-03-02T10:00";

    private static Pause pause(String from, String to) {
        return Pause.of(at(from), at(to));
    }

    private DueResult due(String accepted, String limit, Pause... pauses) {
        return calculator.due(at(accepted), Limit.parse(limit), List.of(pauses));
    }

    @Test
    void supplementPauseDoesNotCountTowardsLimit() {
        // 补正 waiting 09:00–17:30 on Wed: 8.5 h of a working day stopped → due lands 08:30 into the next working day
        DueResult r = due(ACCEPTED_MONDAY, "5WD", pause("2026-03-04T09:00", "2026-03-04T17:30"));
        assertThat(r.dueText()).isEqualTo("2026-03-10T08:30:00+08:00");
        assertThat(r.pausedTime()).isEqualTo(Duration.ofMinutes(8 * 60 + 30));
    }

    @Test
    void pauseOverANightStopsTheNightToo() {
        // a whole working day is 24 h of counted time, nights included: 18:00 Tue → 09:00 Wed is 15 h
        assertThat(due(ACCEPTED_MONDAY, "5WD", pause("2026-03-03T18:00", "2026-03-04T09:00")).dueText())
                .isEqualTo("2026-03-10T15:00:00+08:00");
    }

    @Test
    void pauseOfAWholeWorkingDayMovesTheDueByOneWorkingDay() {
        assertThat(due(ACCEPTED_MONDAY, "5WD", pause("2026-03-04T00:00", "2026-03-05T00:00")).dueText())
                .isEqualTo("2026-03-11T00:00:00+08:00");
    }

    @Test
    void pauseOverAWeekendOnlyCountsItsWorkingDayParts() {
        // Fri 12:00 → Mon 12:00: 12 h Friday + 12 h Monday; Saturday and Sunday accrue nothing anyway
        DueResult r = due(ACCEPTED_MONDAY, "5WD", pause("2026-03-06T12:00", "2026-03-09T12:00"));
        assertThat(r.pausedTime()).isEqualTo(Duration.ofHours(24));
        assertThat(r.dueText()).isEqualTo("2026-03-11T00:00:00+08:00");
    }

    @Test
    void pauseSpanningTheSpringFestivalOnlyCountsTheWorkingDaysAroundIt() {
        // 受理 Fri 2026-02-13, 5WD → 24:00 Fri Feb 27 … plus a pause Sat Feb 14 12:00 → Tue Feb 24 12:00, which
        // covers 12 h of the 调休 Saturday and 12 h of Tuesday: the due moves 24 h of counted time, onto the
        // 调休 Saturday Feb 28.
        DueResult r = due("2026-02-13T10:00", "5WD", pause("2026-02-14T12:00", "2026-02-24T12:00"));
        assertThat(r.pausedTime()).isEqualTo(Duration.ofHours(24));
        assertThat(r.dueText()).isEqualTo("2026-03-01T00:00:00+08:00");
    }

    @Test
    void pausePushingTheDueAcrossAWeekendLandsMidDayOnMonday() {
        // 受理 Thu 2026-03-05, 1WD → 24:00 Fri; 2 h paused on Friday → 02:00 of Monday (Sat/Sun accrue nothing)
        assertThat(due("2026-03-05T10:00", "1WD", pause("2026-03-06T10:00", "2026-03-06T12:00")).dueText())
                .isEqualTo("2026-03-09T02:00:00+08:00");
    }

    @Test
    void pausePushingTheDueIntoAHolidayBlockLandsAfterIt() {
        // 受理 Tue 2026-09-29, 1WD → 24:00 Wed Sep 30; 1 h paused on Sep 30 → 01:00 of Thu Oct 8 (after 国庆)
        assertThat(due("2026-09-29T10:00", "1WD", pause("2026-09-30T08:00", "2026-09-30T09:00")).dueText())
                .isEqualTo("2026-10-08T01:00:00+08:00");
    }

    @Test
    void pauseOnTheAcceptanceDayChangesNothing() {
        // the 受理 day is not counted (rule 1), so stopping it stops nothing
        assertThat(due(ACCEPTED_MONDAY, "5WD", pause("2026-03-02T10:00", "2026-03-02T23:00")).dueText())
                .isEqualTo("2026-03-10T00:00:00+08:00");
    }

    @Test
    void pauseStartingBeforeCountingOnlyCountsFromCountingStart() {
        assertThat(due(ACCEPTED_MONDAY, "5WD", pause("2026-03-02T08:00", "2026-03-03T10:00")).dueText())
                .isEqualTo("2026-03-10T10:00:00+08:00");
    }

    @Test
    void pauseAfterTheDueInstantChangesNothing() {
        assertThat(due(ACCEPTED_MONDAY, "5WD", pause("2026-03-10T00:00", "2026-03-12T00:00")).dueText())
                .as("half-open: the limit has fully accrued when the pause starts").isEqualTo("2026-03-10T00:00:00+08:00");
        assertThat(due(ACCEPTED_MONDAY, "5WD", pause("2026-03-11T09:00", "2026-03-12T00:00")).dueText())
                .isEqualTo("2026-03-10T00:00:00+08:00");
    }

    @Test
    void pauseEndingWhenCountingStartsChangesNothing() {
        assertThat(due(ACCEPTED_MONDAY, "5WD", pause("2026-03-02T12:00", "2026-03-03T00:00")).dueText())
                .isEqualTo("2026-03-10T00:00:00+08:00");
    }

    @Test
    void multiplePausesAddUp() {
        // 3 h on Tue + 5 h on Thu = 8 h
        DueResult r = due(ACCEPTED_MONDAY, "5WD",
                pause("2026-03-05T09:00", "2026-03-05T14:00"),
                pause("2026-03-03T09:00", "2026-03-03T12:00"));
        assertThat(r.pausedTime()).isEqualTo(Duration.ofHours(8));
        assertThat(r.dueText()).isEqualTo("2026-03-10T08:00:00+08:00");
    }

    @Test
    void overlappingPausesStopTheClockOnlyOnce() {
        // 补正 09:00–15:00 overlapping an 专家评审 12:00–18:00: 9 h stopped, not 12
        DueResult r = due(ACCEPTED_MONDAY, "5WD",
                pause("2026-03-03T09:00", "2026-03-03T15:00"),
                pause("2026-03-03T12:00", "2026-03-03T18:00"));
        assertThat(r.dueText()).isEqualTo("2026-03-10T09:00:00+08:00");
        DueResult nested = due(ACCEPTED_MONDAY, "5WD",
                pause("2026-03-03T09:00", "2026-03-03T18:00"),
                pause("2026-03-03T10:00", "2026-03-03T11:00"));
        assertThat(nested.dueText()).isEqualTo("2026-03-10T09:00:00+08:00");
    }

    @Test
    void backToBackPausesNeitherOverlapNorLeaveAGap() {
        assertThat(due(ACCEPTED_MONDAY, "5WD",
                pause("2026-03-03T09:00", "2026-03-03T12:00"),
                pause("2026-03-03T12:00", "2026-03-03T15:00")).dueText()).isEqualTo("2026-03-10T06:00:00+08:00");
    }

    @Test
    void pauseThatStartsAfterTheOriginalDueButBeforeTheShiftedDueAlsoCounts() {
        // the first pause pushes the due to 08:00 of Tue Mar 10; a second pause at 00:00–04:00 that Tuesday is
        // inside the new window and pushes it 4 h further
        DueResult r = due(ACCEPTED_MONDAY, "5WD",
                pause("2026-03-03T09:00", "2026-03-03T17:00"),
                pause("2026-03-10T00:00", "2026-03-10T04:00"));
        assertThat(r.dueText()).isEqualTo("2026-03-10T12:00:00+08:00");
    }

    @Test
    void naturalDayPauseCountsWeekendsToo() {
        // 受理 Thu 2026-03-05, 5ND → 24:00 Tue Mar 10; a pause over the whole weekend stops 48 h
        assertThat(due("2026-03-05T10:00", "5ND").dueText()).isEqualTo("2026-03-11T00:00:00+08:00");
        assertThat(due("2026-03-05T10:00", "5ND", pause("2026-03-07T00:00", "2026-03-09T00:00")).dueText())
                .isEqualTo("2026-03-13T00:00:00+08:00");
        // the same pause under a WD limit stops nothing
        assertThat(due("2026-03-05T10:00", "5WD", pause("2026-03-07T00:00", "2026-03-09T00:00")).dueText())
                .isEqualTo(due("2026-03-05T10:00", "5WD").dueText());
    }

    @Test
    void naturalDayPauseMovesTheCountAndItsLastDayStillEndsAtMidnight() {
        // 受理 Tue 2026-03-03, 2ND → 24:00 Thu Mar 5; 6 h paused → the count ends 06:00 Fri Mar 6, a working day,
        // which as the period's last day ends at 24:00 (民法典 Art. 203 ¶2)
        DueResult r = due("2026-03-03T10:00", "2ND", pause("2026-03-04T00:00", "2026-03-04T06:00"));
        assertThat(r.dueText()).isEqualTo("2026-03-07T00:00:00+08:00");
        assertThat(r.pausedTime()).isEqualTo(Duration.ofHours(6));
        assertThat(r.explanation()).anySatisfy(s -> assertThat(s).contains("民法典第二百零三条第二款"));
    }

    @Test
    void naturalDayPauseLandingOnASaturdayRollsForwardToMondayNight() {
        // 36 h paused → 12:00 Sat Mar 7; the last counted moment is on a rest day → 24:00 Mon Mar 9 (民法典 Art. 203)
        DueResult r = due("2026-03-03T10:00", "2ND", pause("2026-03-04T00:00", "2026-03-05T12:00"));
        assertThat(r.dueText()).isEqualTo("2026-03-10T00:00:00+08:00");
        assertThat(r.rolledForward()).isTrue();
    }

    @Test
    void naturalDayPauseSpanningTheSpringFestival() {
        // 受理 Tue 2026-02-10, 10ND → Fri Feb 20 (春节) → rolls to 24:00 Tue Feb 24; a 24 h pause on Feb 12 moves the
        // 10-day end to Feb 21, still inside the block: same rolled due
        assertThat(due("2026-02-10T10:00", "10ND").dueText()).isEqualTo("2026-02-25T00:00:00+08:00");
        assertThat(due("2026-02-10T10:00", "10ND", pause("2026-02-12T00:00", "2026-02-13T00:00")).dueText())
                .isEqualTo("2026-02-25T00:00:00+08:00");
        // a pause over the whole block (all 9 days) pushes the end to Mar 1 (Sun) → 24:00 Mon Mar 2
        assertThat(due("2026-02-10T10:00", "10ND", pause("2026-02-15T00:00", "2026-02-24T00:00")).dueText())
                .isEqualTo("2026-03-03T00:00:00+08:00");
    }

    @Test
    void immediateCasePausedForAFewHoursIsDueThatMuchIntoTheNextWorkingDay() {
        // 即办 受理 Fri 2026-03-06 10:00: due 24:00 Fri; 14:00–16:00 paused → 02:00 Mon Mar 9
        assertThat(due("2026-03-06T10:00", "IMMEDIATE", pause("2026-03-06T14:00", "2026-03-06T16:00")).dueText())
                .isEqualTo("2026-03-09T02:00:00+08:00");
        // a pause before 受理 does nothing
        assertThat(due("2026-03-06T10:00", "IMMEDIATE", pause("2026-03-06T08:00", "2026-03-06T10:00")).dueText())
                .isEqualTo("2026-03-07T00:00:00+08:00");
    }

    @Test
    void wholeDayRoundingIsOffByDefaultAndRoundsUpWhenOn() {
        DueRequest request = DueRequest.of(at(ACCEPTED_MONDAY), Limit.workingDays(5))
                .withPauses(pause("2026-03-04T09:00", "2026-03-04T17:30"));
        assertThat(calculator.due(request).dueText()).isEqualTo("2026-03-10T08:30:00+08:00");
        assertThat(calculator.due(request.withRounding(Rounding.WHOLE_DAY)).dueText()).isEqualTo("2026-03-11T00:00:00+08:00");
        assertThat(calculator.due(DueRequest.of(at(ACCEPTED_MONDAY), Limit.workingDays(5)).withRounding(Rounding.WHOLE_DAY)).dueText())
                .as("a due at midnight stays").isEqualTo("2026-03-10T00:00:00+08:00");
    }

    @Test
    void pauseEndingBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> pause("2026-03-04T10:00", "2026-03-04T09:00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before it starts");
        assertThatThrownBy(() -> Pause.parse("2026-03-04T10:00:00+08:00/2026-03-04T09:00:00+08:00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends before it starts");
    }

    @Test
    void pauseTextIsTwoInstantsJoinedBySlash() {
        Pause p = Pause.parse("2026-03-04T09:00:00+08:00/2026-03-04T17:30:00+08:00");
        assertThat(p.from()).isEqualTo(at("2026-03-04T09:00"));
        assertThat(p.to()).isEqualTo(at("2026-03-04T17:30"));
        assertThatThrownBy(() -> Pause.parse("2026-03-04T09:00:00+08:00")).hasMessageContaining("joined by '/'");
        assertThatThrownBy(() -> Pause.parse("2026-03-04T09:00/2026-03-04T10:00")).hasMessageContaining("pause start");
    }
}
