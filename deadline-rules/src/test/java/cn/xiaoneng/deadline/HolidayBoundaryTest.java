package cn.xiaoneng.deadline;

import static cn.xiaoneng.deadline.Instants.at;
import static cn.xiaoneng.deadline.Instants.endOf;
import static cn.xiaoneng.deadline.Instants.tenOClockOn;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.model.Limit;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every 2025/2026 holiday block and 调休 make-up day at both ends of the counting window, with the expected
 * instants worked out by hand from DOMAIN.md §1.3, then every acceptance day of both years against a naive
 * oracle over the same table.
 */
class HolidayBoundaryTest {
    private final DeadlineCalculator calculator = DeadlineCalculator.china();

    private String due(String accepted, String limit) {
        return calculator.due(at(accepted), Limit.parse(limit)).dueText();
    }

    @ParameterizedTest(name = "{0}: 受理 {1}, {2} → {3}")
    @CsvSource({
        // block, accepted, limit, due. For each block: (i) accepted on the last working day before it, so the
        // counting window opens inside the block; (ii) one working day earlier, so the window closes exactly where
        // the block begins; (iii) accepted on its first and (iv) on its last day off.
        "2025 元旦,     2024-12-31T10:00, 1WD, 2025-01-03T00:00:00+08:00",
        "2025 元旦,     2024-12-30T10:00, 1WD, 2025-01-01T00:00:00+08:00",
        "2025 元旦,     2025-01-01T10:00, 1WD, 2025-01-03T00:00:00+08:00",
        "2025 春节,     2025-01-27T10:00, 1WD, 2025-02-06T00:00:00+08:00",
        "2025 春节,     2025-01-26T10:00, 1WD, 2025-01-28T00:00:00+08:00",
        "2025 春节,     2025-01-28T10:00, 1WD, 2025-02-06T00:00:00+08:00",
        "2025 春节,     2025-02-04T10:00, 1WD, 2025-02-06T00:00:00+08:00",
        "2025 清明,     2025-04-03T10:00, 1WD, 2025-04-08T00:00:00+08:00",
        "2025 清明,     2025-04-02T10:00, 1WD, 2025-04-04T00:00:00+08:00",
        "2025 清明,     2025-04-04T10:00, 1WD, 2025-04-08T00:00:00+08:00",
        "2025 清明,     2025-04-06T10:00, 1WD, 2025-04-08T00:00:00+08:00",
        "2025 劳动节,   2025-04-30T10:00, 1WD, 2025-05-07T00:00:00+08:00",
        "2025 劳动节,   2025-04-29T10:00, 1WD, 2025-05-01T00:00:00+08:00",
        "2025 劳动节,   2025-05-01T10:00, 1WD, 2025-05-07T00:00:00+08:00",
        "2025 劳动节,   2025-05-05T10:00, 1WD, 2025-05-07T00:00:00+08:00",
        "2025 端午,     2025-05-30T10:00, 1WD, 2025-06-04T00:00:00+08:00",
        "2025 端午,     2025-05-29T10:00, 1WD, 2025-05-31T00:00:00+08:00",
        "2025 端午,     2025-05-31T10:00, 1WD, 2025-06-04T00:00:00+08:00",
        "2025 端午,     2025-06-02T10:00, 1WD, 2025-06-04T00:00:00+08:00",
        "2025 国庆中秋, 2025-09-30T10:00, 1WD, 2025-10-10T00:00:00+08:00",
        "2025 国庆中秋, 2025-09-29T10:00, 1WD, 2025-10-01T00:00:00+08:00",
        "2025 国庆中秋, 2025-10-01T10:00, 1WD, 2025-10-10T00:00:00+08:00",
        "2025 国庆中秋, 2025-10-08T10:00, 1WD, 2025-10-10T00:00:00+08:00",
        "2026 元旦,     2025-12-31T10:00, 1WD, 2026-01-05T00:00:00+08:00",
        "2026 元旦,     2025-12-30T10:00, 1WD, 2026-01-01T00:00:00+08:00",
        "2026 元旦,     2026-01-01T10:00, 1WD, 2026-01-05T00:00:00+08:00",
        "2026 元旦,     2026-01-03T10:00, 1WD, 2026-01-05T00:00:00+08:00",
        "2026 春节,     2026-02-14T10:00, 1WD, 2026-02-25T00:00:00+08:00",
        "2026 春节,     2026-02-13T10:00, 1WD, 2026-02-15T00:00:00+08:00",
        "2026 春节,     2026-02-15T10:00, 1WD, 2026-02-25T00:00:00+08:00",
        "2026 春节,     2026-02-23T10:00, 1WD, 2026-02-25T00:00:00+08:00",
        "2026 清明,     2026-04-03T10:00, 1WD, 2026-04-08T00:00:00+08:00",
        "2026 清明,     2026-04-02T10:00, 1WD, 2026-04-04T00:00:00+08:00",
        "2026 清明,     2026-04-04T10:00, 1WD, 2026-04-08T00:00:00+08:00",
        "2026 清明,     2026-04-06T10:00, 1WD, 2026-04-08T00:00:00+08:00",
        "2026 劳动节,   2026-04-30T10:00, 1WD, 2026-05-07T00:00:00+08:00",
        "2026 劳动节,   2026-04-29T10:00, 1WD, 2026-05-01T00:00:00+08:00",
        "2026 劳动节,   2026-05-01T10:00, 1WD, 2026-05-07T00:00:00+08:00",
        "2026 劳动节,   2026-05-05T10:00, 1WD, 2026-05-07T00:00:00+08:00",
        "2026 端午,     2026-06-18T10:00, 1WD, 2026-06-23T00:00:00+08:00",
        "2026 端午,     2026-06-17T10:00, 1WD, 2026-06-19T00:00:00+08:00",
        "2026 端午,     2026-06-19T10:00, 1WD, 2026-06-23T00:00:00+08:00",
        "2026 端午,     2026-06-21T10:00, 1WD, 2026-06-23T00:00:00+08:00",
        "2026 中秋,     2026-09-24T10:00, 1WD, 2026-09-29T00:00:00+08:00",
        "2026 中秋,     2026-09-23T10:00, 1WD, 2026-09-25T00:00:00+08:00",
        "2026 中秋,     2026-09-25T10:00, 1WD, 2026-09-29T00:00:00+08:00",
        "2026 中秋,     2026-09-27T10:00, 1WD, 2026-09-29T00:00:00+08:00",
        "2026 国庆,     2026-09-30T10:00, 1WD, 2026-10-09T00:00:00+08:00",
        "2026 国庆,     2026-09-29T10:00, 1WD, 2026-10-01T00:00:00+08:00",
        "2026 国庆,     2026-10-01T10:00, 1WD, 2026-10-09T00:00:00+08:00",
        "2026 国庆,     2026-10-07T10:00, 1WD, 2026-10-09T00:00:00+08:00",
    })
    void holidayBlockAtEitherEndOfTheCountingWindow(String block, String accepted, String limit, String expected) {
        assertThat(due(accepted, limit)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "调休 {0}: 受理 {1}, {2} → {3}")
    @CsvSource({
        // make-up day, accepted, limit, due. (v) the make-up day is the last counted day; (vi) the 受理 day is the
        // make-up day itself, so it is not counted (民法典 Art. 201) and counting starts after it.
        "2025-01-26 Sun, 2025-01-24T10:00, 1WD, 2025-01-27T00:00:00+08:00",
        "2025-01-26 Sun, 2025-01-25T10:00, 1WD, 2025-01-27T00:00:00+08:00",
        "2025-01-26 Sun, 2025-01-26T10:00, 1WD, 2025-01-28T00:00:00+08:00",
        "2025-02-08 Sat, 2025-02-07T10:00, 1WD, 2025-02-09T00:00:00+08:00",
        "2025-02-08 Sat, 2025-02-08T10:00, 1WD, 2025-02-11T00:00:00+08:00",
        "2025-04-27 Sun, 2025-04-25T10:00, 1WD, 2025-04-28T00:00:00+08:00",
        "2025-04-27 Sun, 2025-04-26T10:00, 1WD, 2025-04-28T00:00:00+08:00",
        "2025-04-27 Sun, 2025-04-27T10:00, 1WD, 2025-04-29T00:00:00+08:00",
        "2025-09-28 Sun, 2025-09-26T10:00, 1WD, 2025-09-29T00:00:00+08:00",
        "2025-09-28 Sun, 2025-09-27T10:00, 1WD, 2025-09-29T00:00:00+08:00",
        "2025-09-28 Sun, 2025-09-28T10:00, 1WD, 2025-09-30T00:00:00+08:00",
        "2025-10-11 Sat, 2025-10-10T10:00, 1WD, 2025-10-12T00:00:00+08:00",
        "2025-10-11 Sat, 2025-10-11T10:00, 1WD, 2025-10-14T00:00:00+08:00",
        "2026-01-04 Sun, 2026-01-03T10:00, 1WD, 2026-01-05T00:00:00+08:00",
        "2026-01-04 Sun, 2026-01-04T10:00, 1WD, 2026-01-06T00:00:00+08:00",
        "2026-02-14 Sat, 2026-02-13T10:00, 1WD, 2026-02-15T00:00:00+08:00",
        "2026-02-14 Sat, 2026-02-14T10:00, 1WD, 2026-02-25T00:00:00+08:00",
        "2026-02-28 Sat, 2026-02-27T10:00, 1WD, 2026-03-01T00:00:00+08:00",
        "2026-02-28 Sat, 2026-02-28T10:00, 1WD, 2026-03-03T00:00:00+08:00",
        "2026-05-09 Sat, 2026-05-08T10:00, 1WD, 2026-05-10T00:00:00+08:00",
        "2026-05-09 Sat, 2026-05-09T10:00, 1WD, 2026-05-12T00:00:00+08:00",
        "2026-09-20 Sun, 2026-09-18T10:00, 1WD, 2026-09-21T00:00:00+08:00",
        "2026-09-20 Sun, 2026-09-19T10:00, 1WD, 2026-09-21T00:00:00+08:00",
        "2026-09-20 Sun, 2026-09-20T10:00, 1WD, 2026-09-22T00:00:00+08:00",
        "2026-10-10 Sat, 2026-10-09T10:00, 1WD, 2026-10-11T00:00:00+08:00",
        "2026-10-10 Sat, 2026-10-10T10:00, 1WD, 2026-10-13T00:00:00+08:00",
    })
    void makeUpWorkingDayAtEitherEndOfTheCountingWindow(String makeUpDay, String accepted, String limit, String expected) {
        assertThat(due(accepted, limit)).isEqualTo(expected);
    }

    @Test
    void workedExampleSpringFestival2026FiveWorkingDays() {
        // 受理 Fri 2026-02-13: Sat 14 (调休上班) is day 1, 15–23 off, Tue 24 … Fri 27 are days 2–5.
        assertThat(due("2026-02-13T10:00", "5WD")).isEqualTo("2026-02-28T00:00:00+08:00");
        assertThat(due("2026-02-13T10:00", "4WD")).isEqualTo("2026-02-27T00:00:00+08:00");
        // day 6 is Sat 28 (调休上班), day 7 Mon Mar 2
        assertThat(due("2026-02-13T10:00", "6WD")).isEqualTo("2026-03-01T00:00:00+08:00");
        assertThat(due("2026-02-13T10:00", "7WD")).isEqualTo("2026-03-03T00:00:00+08:00");
    }

    @ParameterizedTest(name = "ND {1} from {0} ends on {2} → {3}")
    @CsvSource({
        // accepted, limit, day the N-th day falls on, due (民法典 Art. 203 roll-forward)
        "2026-09-30T10:00, 3ND,  2026-10-03 国庆,           2026-10-09T00:00:00+08:00",
        "2026-02-13T10:00, 10ND, 2026-02-23 春节最后一天,     2026-02-25T00:00:00+08:00",
        "2026-02-13T10:00, 1ND,  2026-02-14 调休上班,        2026-02-15T00:00:00+08:00",
        "2026-02-13T10:00, 15ND, 2026-02-28 调休上班,        2026-03-01T00:00:00+08:00",
        "2025-09-30T10:00, 1ND,  2025-10-01 国庆,           2025-10-10T00:00:00+08:00",
        "2025-01-25T10:00, 1ND,  2025-01-26 调休上班,        2025-01-27T00:00:00+08:00",
        "2026-03-05T10:00, 30ND, 2026-04-04 清明(周六),      2026-04-08T00:00:00+08:00",
        "2026-04-27T10:00, 4ND,  2026-05-01 劳动节,          2026-05-07T00:00:00+08:00",
        "2026-03-06T10:00, 1ND,  2026-03-07 周六,            2026-03-10T00:00:00+08:00",
        "2026-03-02T10:00, 30ND, 2026-04-01 工作日,          2026-04-02T00:00:00+08:00",
        "2025-12-02T10:00, 30ND, 2026-01-01 元旦,            2026-01-05T00:00:00+08:00",
        "2026-05-20T10:00, 30ND, 2026-06-19 端午,            2026-06-23T00:00:00+08:00",
        "2026-08-26T10:00, 30ND, 2026-09-25 中秋,            2026-09-29T00:00:00+08:00",
    })
    void naturalDayLimitEndingOnANonWorkingDayMovesToTheNextWorkingDay(String accepted, String limit, String lastDay,
            String expected) {
        assertThat(due(accepted, limit)).isEqualTo(expected);
    }

    @Test
    void everyAcceptanceDayOf2025And2026AgreesWithTheNoticeTable() {
        // Every 受理 day whose counting window stays inside 2025-2026, WD and ND limits, against the naive oracle.
        for (LocalDate accepted = LocalDate.of(2025, 1, 1); accepted.isBefore(LocalDate.of(2026, 10, 1)); accepted = accepted.plusDays(1)) {
            checkAgainstOracle(accepted);
        }
    }

    private void checkAgainstOracle(LocalDate accepted) {
        for (int n : new int[] {1, 2, 3, 5, 7, 10, 15, 20, 30, 45, 60}) {
            assertThat(calculator.due(tenOClockOn(accepted), Limit.workingDays(n)).due())
                    .as("%s %dWD", accepted, n).isEqualTo(endOf(NationalTable.lastDayOfWorkingDays(accepted, n)));
            assertThat(calculator.due(tenOClockOn(accepted), Limit.naturalDays(n)).due())
                    .as("%s %dND", accepted, n).isEqualTo(endOf(NationalTable.lastDayOfNaturalDays(accepted, n)));
        }
        assertThat(calculator.due(tenOClockOn(accepted), Limit.immediate()).due())
                .as("%s IMMEDIATE", accepted).isEqualTo(endOf(NationalTable.dayOfImmediate(accepted)));
    }
}
