package cn.xiaoneng.deadline;

import static cn.xiaoneng.deadline.Instants.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xiaoneng.model.Limit;
import cn.xiaoneng.model.LimitUnit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counted time used and remaining, which the warning ladder reads (预警 when ≤ 1 WD remains, 6.6.7). */
class ClockReadingTest {
    private final DeadlineCalculator calculator = DeadlineCalculator.china();
    /** 受理 Mon 2026-03-02 10:00, 5WD → due 24:00 of Mon 2026-03-09. */
    private static final DueRequest FIVE_DAYS = DueRequest.of(at("2026-03-02T10:00"), Limit.workingDays(5));

    @Test
    void wholeWorkingDayCountsTwentyFourHoursAndRestDaysNothing() {
        assertThat(calculator.countedBetween(at("2026-03-03T00:00"), at("2026-03-04T00:00"), List.of())).isEqualTo(Duration.ofHours(24));
        assertThat(calculator.countedBetween(at("2026-03-07T00:00"), at("2026-03-09T00:00"), List.of())).isEqualTo(Duration.ZERO);
        assertThat(calculator.countedBetween(at("2026-03-06T12:00"), at("2026-03-09T12:00"), List.of())).isEqualTo(Duration.ofHours(24));
        assertThat(calculator.countedBetween(at("2026-03-06T12:00"), at("2026-03-09T12:00"), LimitUnit.NATURAL_DAYS, List.of()))
                .isEqualTo(Duration.ofHours(72));
    }

    @Test
    void countedTimeAcrossTheSpringFestivalIncludesOnlyTheMakeUpSaturday() {
        // Fri Feb 13 12:00 → Tue Feb 24 12:00: 12 h Fri + 24 h Sat 14 (调休上班) + 12 h Tue
        assertThat(calculator.countedBetween(at("2026-02-13T12:00"), at("2026-02-24T12:00"), List.of())).isEqualTo(Duration.ofHours(48));
    }

    @Test
    void countedTimeExcludesPausesAndIsNegativeBackwards() {
        List<Pause> pauses = List.of(Pause.of(at("2026-03-03T09:00"), at("2026-03-03T12:00")));
        assertThat(calculator.countedBetween(at("2026-03-03T00:00"), at("2026-03-04T00:00"), pauses)).isEqualTo(Duration.ofHours(21));
        assertThat(calculator.countedBetween(at("2026-03-04T00:00"), at("2026-03-03T00:00"), pauses)).isEqualTo(Duration.ofHours(-21));
    }

    @Test
    void remainingStartsAtTheWholeLimitAndNothingIsUsedOnTheAcceptanceDay() {
        ClockReading r = calculator.read(FIVE_DAYS, at("2026-03-02T16:00"));
        assertThat(r.used()).isEqualTo(Duration.ZERO);
        assertThat(r.remaining()).isEqualTo(Duration.ofDays(5));
        assertThat(r.overdue()).isFalse();
    }

    @Test
    void warningThresholdOfOneWorkingDayIsReachedAtTheStartOfTheLastWorkingDay() {
        // the last working day is Mon Mar 9; the weekend before it uses nothing
        ClockReading friday = calculator.read(FIVE_DAYS, at("2026-03-06T12:00"));
        assertThat(friday.remaining()).isEqualTo(Duration.ofHours(36));
        assertThat(friday.remainingAtMost(DeadlineCalculator.ONE_WORKING_DAY)).isFalse();
        ClockReading saturday = calculator.read(FIVE_DAYS, at("2026-03-07T12:00"));
        assertThat(saturday.remaining()).isEqualTo(Duration.ofHours(24));
        assertThat(saturday.remainingAtMost(DeadlineCalculator.ONE_WORKING_DAY)).isTrue();
        assertThat(saturday.used()).isEqualTo(Duration.ofHours(96));
    }

    @Test
    void atTheDueInstantTheCaseIsOverdueWithNothingRemaining() {
        ClockReading r = calculator.read(FIVE_DAYS, at("2026-03-10T00:00"));
        assertThat(r.overdue()).isTrue();
        assertThat(r.remaining()).isEqualTo(Duration.ZERO);
        assertThat(r.remainingAtMost(DeadlineCalculator.ONE_WORKING_DAY)).as("预警 is over once 黄牌 is due").isFalse();
    }

    @Test
    void overdueByIsCountedTimePastTheDueInstant() {
        // due 24:00 Mon Mar 9; read Fri Mar 13 12:00 → Tue, Wed, Thu + 12 h of Fri = 84 h of working time overdue
        ClockReading r = calculator.read(FIVE_DAYS, at("2026-03-13T12:00"));
        assertThat(r.overdueBy()).isEqualTo(Duration.ofHours(84));
        assertThat(r.remaining()).isEqualTo(Duration.ofHours(-84));
    }

    @Test
    void pausedClockUsesNothingWhilePaused() {
        DueRequest paused = FIVE_DAYS.withPauses(Pause.of(at("2026-03-04T00:00"), at("2026-03-06T00:00")));
        ClockReading r = calculator.read(paused, at("2026-03-05T15:00"));
        assertThat(r.used()).isEqualTo(Duration.ofHours(24));
        assertThat(r.remaining()).isEqualTo(Duration.ofHours(96));
    }

    @Test
    void redCardThreeWorkingDaysAfterTheYellowCard() {
        // 红牌 when still open 3 WD after the 黄牌 (督办): 24:00 Mon Mar 9 + 3 WD = 24:00 Thu Mar 12
        assertThat(calculator.plusCounted(at("2026-03-10T00:00"), Duration.ofDays(3), LimitUnit.WORKING_DAYS, List.of()))
                .isEqualTo(at("2026-03-13T00:00"));
        // a step budget of 4 h started Fri 22:00 expires Mon 02:00
        assertThat(calculator.plusCounted(at("2026-03-06T22:00"), Duration.ofHours(4), LimitUnit.WORKING_DAYS, List.of()))
                .isEqualTo(at("2026-03-09T02:00"));
        assertThatThrownBy(() -> calculator.plusCounted(at("2026-03-06T22:00"), Duration.ofHours(-1), LimitUnit.WORKING_DAYS, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readingIntoAnUnpublishedYearIsProvisional() {
        DueRequest request = DueRequest.of(at("2026-12-21T10:00"), Limit.workingDays(5));
        assertThat(calculator.read(request, at("2026-12-22T10:00")).provisional()).isFalse();
        assertThat(calculator.read(request, at("2027-01-05T10:00")).provisional()).isTrue();
    }
}
