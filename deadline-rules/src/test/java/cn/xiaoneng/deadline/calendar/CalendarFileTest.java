package cn.xiaoneng.deadline.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalendarFileTest {

    private static CalendarFile parse(String text) {
        return CalendarFile.parse("test.cal", new StringReader(text));
    }

    @Test
    void rangesExpandToOneEntryPerDateWithNameSourceAndLine() {
        CalendarFile file = parse("""
                # comment line

                year     2026                   全国   某通知
                holiday  2026-02-15..2026-02-17 春节   某通知 第二段   # trailing comment
                workday  2026-02-14             调休   某通知
                """);

        assertThat(file.years()).containsExactly(2026);
        assertThat(file.entries()).extracting(CalendarEntry::date).containsExactly(
                LocalDate.of(2026, 2, 15), LocalDate.of(2026, 2, 16), LocalDate.of(2026, 2, 17), LocalDate.of(2026, 2, 14));
        CalendarEntry first = file.entries().get(0);
        assertThat(first.kind()).isEqualTo(EntryKind.HOLIDAY);
        assertThat(first.name()).isEqualTo("春节");
        assertThat(first.source()).isEqualTo("某通知 第二段");
        assertThat(first.location()).isEqualTo("test.cal:4");
    }

    @Test
    void aByteOrderMarkIsTolerated() {
        assertThat(parse("\uFEFFclosure 2026-03-09 停电 测试\n").entries()).hasSize(1);
    }

    @Test
    void anEmptyOverrideFileIsValid() {
        assertThat(parse("# nothing to override yet\n").entries()).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "holiday 2026-02-15 春节|test.cal:1: expected 4 fields",
        "vacation 2026-02-15 春节 某通知|test.cal:1: unknown kind 'vacation'",
        "holiday 2026-02-30 春节 某通知|test.cal:1: date '2026-02-30' is not an ISO date",
        "holiday 2026/02/15 春节 某通知|test.cal:1: date '2026/02/15' is not an ISO date",
        "holiday 2026-02-23..2026-02-15 春节 某通知|test.cal:1: range 2026-02-23..2026-02-15 ends before it starts",
        "holiday 2026-02-15..2027-02-23 春节 某通知|test.cal:1: range 2026-02-15..2027-02-23 spans 374 days",
        "year twenty 全国 某通知|test.cal:1: year 'twenty' is not a number",
        "year 1900 全国 某通知|test.cal:1: year 1900 is out of range",
    })
    void badLinesAreRefusedNamingFileAndLine(String line, String message) {
        assertThatThrownBy(() -> parse(line)).isInstanceOf(CalendarFormatException.class).hasMessageStartingWith(message);
    }

    @Test
    void aDateListedTwiceIsRefusedNamingBothLines() {
        assertThatThrownBy(() -> parse("""
                holiday  2026-02-15..2026-02-23  春节  某通知
                workday  2026-02-16              调休  某通知
                """))
                .isInstanceOf(CalendarFormatException.class)
                .hasMessage("test.cal:2: 2026-02-16 is already listed on line 1 (holiday 春节)")
                .satisfies(e -> assertThat(((CalendarFormatException) e).line()).isEqualTo(2));
    }

    @Test
    void aYearDeclaredTwiceIsRefused() {
        assertThatThrownBy(() -> parse("year 2026 全国 甲\nyear 2026 全国 乙\n"))
                .hasMessage("test.cal:2: year 2026 is already declared on line 1");
    }

    @Test
    void aWeekdayMakeUpDayInANoticeFileIsATranscriptionError() {
        // 2026-02-16 is a Monday; a 调休上班 day from the 国办 notice is always a Saturday or Sunday.
        assertThatThrownBy(() -> parse("year 2026 全国 某通知\nworkday 2026-02-16 调休 某通知\n"))
                .isInstanceOf(CalendarFormatException.class)
                .hasMessageStartingWith("test.cal:2: workday 2026-02-16 is a MONDAY");
    }

    @Test
    void aCenterMayOpenOnAWeekdayHoliday() {
        assertThat(parse("workday 2026-10-06 值班开放 中心通知\n").entries()).hasSize(1);
    }

    @Test
    void aMissingFileIsReportedByPath() {
        assertThatThrownBy(() -> CalendarFile.read(Path.of("/nonexistent/center.cal")))
                .isInstanceOf(CalendarFormatException.class)
                .hasMessageStartingWith("/nonexistent/center.cal: cannot read calendar file");
    }

    @Test
    void aMissingResourceIsReportedByName() {
        assertThatThrownBy(() -> CalendarFile.readResource("calendars/cn-1999.cal"))
                .hasMessageStartingWith("calendars/cn-1999.cal: no such calendar resource");
    }

    @Test
    void theShippedNoticeFilesDeclareTheirYearAndCiteTheNotice() {
        CalendarFile y2025 = CalendarFile.readResource("calendars/cn-2025.cal");
        CalendarFile y2026 = CalendarFile.readResource("calendars/cn-2026.cal");
        assertThat(y2025.years()).containsExactly(2025);
        assertThat(y2026.years()).containsExactly(2026);
        assertThat(y2025.entries()).allSatisfy(e -> assertThat(e.source()).isEqualTo("国办发明电〔2024〕12号"));
        assertThat(y2026.entries()).allSatisfy(e -> assertThat(e.source()).contains("2025-11-04"));
        // 13 statutory days plus 调休 in each year; the block lengths are checked day by day elsewhere
        assertThat(y2025.entries()).filteredOn(e -> e.kind() == EntryKind.WORKDAY).hasSize(5);
        assertThat(y2026.entries()).filteredOn(e -> e.kind() == EntryKind.WORKDAY).hasSize(6);
    }
}
