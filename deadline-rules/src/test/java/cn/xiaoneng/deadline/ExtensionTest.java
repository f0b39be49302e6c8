package cn.xiaoneng.deadline;

import static cn.xiaoneng.deadline.Instants.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xiaoneng.model.Limit;
import cn.xiaoneng.model.LimitUnit;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Rule 7: extensions (行政许可法 Art. 42) move the due instant only when approved before it. */
class ExtensionTest {
    private final DeadlineCalculator calculator = DeadlineCalculator.china();
    /** 受理 Mon 2026-03-02, 20WD (6.5.4, one department) → due 24:00 of Mon 2026-03-30. */
    private static final DueRequest TWENTY_DAYS_FROM_MARCH_2 = DueRequest.of(at("2026-03-02T10:00"), Limit.workingDays(20));

    @Test
    void extensionApprovedBeforeTheDueInstantMovesItByTenWorkingDays() {
        assertThat(calculator.due(TWENTY_DAYS_FROM_MARCH_2).dueText()).isEqualTo("2026-03-31T00:00:00+08:00");
        // +10WD: Mar 31, Apr 1, 2, 3, (清明 4–6), 7, 8, 9, 10, 13, 14 → 24:00 of Tue Apr 14
        DueResult r = calculator.due(TWENTY_DAYS_FROM_MARCH_2.withExtensions(Extension.singleDepartment(at("2026-03-25T10:00"))));
        assertThat(r.dueText()).isEqualTo("2026-04-15T00:00:00+08:00");
        assertThat(r.appliedExtensions()).hasSize(1);
        assertThat(r.extensionRequestedTooLate()).isFalse();
        assertThat(r.explanation()).anySatisfy(s -> assertThat(s).contains("行政许可法第四十二条第一款"));
    }

    @Test
    void extensionApprovedAfterTheDueInstantDoesNotMoveItAndCountsAsOverdue() {
        DueResult r = calculator.due(TWENTY_DAYS_FROM_MARCH_2.withExtensions(Extension.singleDepartment(at("2026-04-01T09:00"))));
        assertThat(r.dueText()).isEqualTo("2026-03-31T00:00:00+08:00");
        assertThat(r.appliedExtensions()).isEmpty();
        assertThat(r.lateExtensions()).hasSize(1);
        assertThat(r.extensionRequestedTooLate()).isTrue();
        assertThat(r.explanation()).anySatisfy(s -> assertThat(s).contains("超时"));
    }

    @Test
    void extensionApprovedExactlyAtTheDueInstantIsTooLate() {
        DueResult r = calculator.due(TWENTY_DAYS_FROM_MARCH_2.withExtensions(Extension.singleDepartment(at("2026-03-31T00:00"))));
        assertThat(r.dueText()).isEqualTo("2026-03-31T00:00:00+08:00");
        assertThat(r.extensionRequestedTooLate()).isTrue();
        DueResult justBefore = calculator.due(TWENTY_DAYS_FROM_MARCH_2.withExtensions(
                Extension.singleDepartment(at("2026-03-30T23:59:59"))));
        assertThat(justBefore.dueText()).isEqualTo("2026-04-15T00:00:00+08:00");
    }

    @Test
    void jointExtensionOfFifteenWorkingDaysEqualsALongerLimit() {
        // Art. 42 ¶2: 45WD + 15WD approved in time is the same as 60WD, for any 受理 day
        for (LocalDate d = LocalDate.of(2025, 1, 1); d.isBefore(LocalDate.of(2026, 9, 1)); d = d.plusDays(7)) {
            DueRequest joint = DueRequest.of(Instants.tenOClockOn(d), Limit.workingDays(45));
            DueResult extended = calculator.due(joint.withExtensions(Extension.joint(Instants.tenOClockOn(d.plusDays(1)))));
            assertThat(extended.due()).as("%s", d)
                    .isEqualTo(calculator.due(Instants.tenOClockOn(d), Limit.workingDays(60)).due());
        }
    }

    @Test
    void secondExtensionApprovedWithinTheFirstExtensionAlsoApplies() {
        // first → Apr 15; the second is approved Apr 10, after the original due but before the extended one:
        // +10WD more: Apr 15, 16, 17, 20, 21, 22, 23, 24, 27, 28 → 24:00 of Tue Apr 28
        Extension first = Extension.singleDepartment(at("2026-03-25T10:00"));
        Extension second = Extension.of(at("2026-04-10T10:00"), Limit.workingDays(10), "省行政程序规定");
        DueResult r = calculator.due(TWENTY_DAYS_FROM_MARCH_2.withExtensions(second, first));
        assertThat(r.dueText()).isEqualTo("2026-04-29T00:00:00+08:00");
        assertThat(r.appliedExtensions()).containsExactly(first, second);
    }

    @Test
    void secondExtensionApprovedAfterTheExtendedDueIsLate() {
        Extension first = Extension.singleDepartment(at("2026-03-25T10:00"));
        Extension tooLate = Extension.singleDepartment(at("2026-04-16T10:00"));
        DueResult r = calculator.due(TWENTY_DAYS_FROM_MARCH_2.withExtensions(first, tooLate));
        assertThat(r.dueText()).isEqualTo("2026-04-15T00:00:00+08:00");
        assertThat(r.lateExtensions()).containsExactly(tooLate);
    }

    @Test
    void pausesDuringTheExtensionAlsoStopTheClock() {
        DueResult r = calculator.due(TWENTY_DAYS_FROM_MARCH_2
                .withExtensions(Extension.singleDepartment(at("2026-03-25T10:00")))
                .withPauses(Pause.of(at("2026-04-08T09:00"), at("2026-04-08T12:00"))));
        assertThat(r.dueText()).isEqualTo("2026-04-15T03:00:00+08:00");
    }

    @Test
    void workingDayExtensionOfANaturalDayLimitCountsWorkingDaysFromTheRolledDue() {
        // 受理 Wed 2026-09-30, 3ND → Oct 3 (国庆) → 24:00 Thu Oct 8; +10WD: Oct 9, Sat 10 (调休), 12–16, 19–21
        DueRequest request = DueRequest.of(at("2026-09-30T10:00"), Limit.naturalDays(3))
                .withExtensions(Extension.singleDepartment(at("2026-10-05T10:00")));
        assertThat(calculator.due(request).dueText()).isEqualTo("2026-10-22T00:00:00+08:00");
    }

    @Test
    void extensionsAreWholeDaysNeverImmediateOrNegative() {
        assertThat(Extension.singleDepartment(at("2026-03-25T10:00")).extra()).isEqualTo(Limit.workingDays(10));
        assertThat(Extension.joint(at("2026-03-25T10:00")).extra()).isEqualTo(Limit.workingDays(15));
        assertThatThrownBy(() -> Extension.of(at("2026-03-25T10:00"), Limit.immediate(), ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Extension.of(at("2026-03-25T10:00"), new Limit(-10, LimitUnit.WORKING_DAYS), ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }
}
