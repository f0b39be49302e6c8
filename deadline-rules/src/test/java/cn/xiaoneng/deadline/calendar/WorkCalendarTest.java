package cn.xiaoneng.deadline.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xiaoneng.deadline.NationalTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkCalendarTest {
    private final WorkCalendar china = WorkCalendar.china();

    @Test
    void nationalCalendarMatchesTheNoticesOnEveryDayOf2025And2026() {
        for (LocalDate d = LocalDate.of(2025, 1, 1); d.getYear() <= 2026; d = d.plusDays(1)) {
            assertThat(china.isWorkingDay(d)).as("%s %s", d, d.getDayOfWeek()).isEqualTo(NationalTable.isWorkingDay(d));
            assertThat(china.isProvisional(d)).as("%s", d).isFalse();
        }
    }

    @Test
    void nationalCalendarIsInChinaStandardTime() {
        assertThat(china.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(china.publishedYears()).containsExactly(2025, 2026);
    }

    @ParameterizedTest(name = "{0} has {1} days off")
    @CsvSource({
        "2025 春节, 2025-01-28, 2025-02-04, 8",
        "2025 国庆, 2025-10-01, 2025-10-08, 8",
        "2026 春节, 2026-02-15, 2026-02-23, 9",
        "2026 国庆, 2026-10-01, 2026-10-07, 7",
        "2026 元旦, 2026-01-01, 2026-01-03, 3",
    })
    void holidayBlocksHaveTheLengthTheNoticeAnnounced(String name, LocalDate first, LocalDate last, int days) {
        int off = 0;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            assertThat(china.isWorkingDay(d)).as("%s", d).isFalse();
            off++;
        }
        assertThat(off).isEqualTo(days);
    }

    @Test
    void publicTablesThatPut2026SpringFestivalAtFeb17AreWrong() {
        // DOMAIN.md §1.3 caution: the 国办 notice says Feb 15 – Feb 23.
        assertThat(china.isWorkingDay(LocalDate.of(2026, 2, 15))).isFalse();
        assertThat(china.isWorkingDay(LocalDate.of(2026, 2, 16))).isFalse();
        assertThat(china.isWorkingDay(LocalDate.of(2026, 2, 14))).isTrue();
    }

    @Test
    void makeUpDaysAreWorkingWeekendsAndNameTheirSource() {
        for (LocalDate d : NationalTable.MAKE_UP_DAYS) {
            DayInfo info = china.describe(d);
            assertThat(info.working()).as("%s", d).isTrue();
            assertThat(info.entry()).isPresent();
            assertThat(info.entry().get().kind()).isEqualTo(EntryKind.WORKDAY);
            assertThat(info.entry().get().source()).isNotBlank();
            assertThat(info.label()).startsWith("调休上班");
        }
        assertThat(china.describe(LocalDate.of(2025, 1, 26)).entry().get().source()).isEqualTo("国办发明电〔2024〕12号");
        assertThat(china.describe(LocalDate.of(2025, 1, 26)).entry().get().location()).isEqualTo("calendars/cn-2025.cal:11");
    }

    @Test
    void holidaysAreLabelledWithTheirName() {
        assertThat(china.describe(LocalDate.of(2026, 2, 17)).label()).isEqualTo("放假 春节");
        assertThat(china.describe(LocalDate.of(2026, 3, 7)).label()).isEqualTo("周末");
        assertThat(china.describe(LocalDate.of(2026, 3, 9)).label()).isEqualTo("工作日");
    }

    @ParameterizedTest(name = "{0} is provisional and falls back to weekends: working={1}")
    @CsvSource({
        "2024-12-31, true",
        "2027-01-01, true",   // surely a holiday once the 2027 notice is out: exactly why it is flagged
        "2027-01-02, false",
        "2030-06-03, true",
    })
    void yearsWithoutANoticeFallBackToWeekendsAndAreProvisional(LocalDate date, boolean working) {
        assertThat(china.isProvisional(date)).isTrue();
        assertThat(china.isWorkingDay(date)).isEqualTo(working);
        assertThat(china.describe(date).label()).contains("待定");
    }

    @Test
    void aNewYearsNoticeLoadedFromAFileEndsTheProvisionalFallback(@TempDir Path dir) throws IOException {
        Path notice = dir.resolve("cn-2027.cal");
        Files.writeString(notice, String.join("\n",
                "# test notice, not the real 2027 one",
                "year     2027                    全国    测试通知",
                "holiday  2027-01-01..2027-01-03  元旦    测试通知",
                "workday  2027-01-09              调休    测试通知"), StandardCharsets.UTF_8);

        WorkCalendar withNotice = china.withFile(notice);

        assertThat(withNotice.isProvisional(LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(withNotice.isWorkingDay(LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(withNotice.isWorkingDay(LocalDate.of(2027, 1, 9))).isTrue();
        assertThat(withNotice.isWorkingDay(LocalDate.of(2026, 2, 16))).isFalse();
        assertThat(china.isProvisional(LocalDate.of(2027, 1, 1))).as("the shared national calendar is untouched").isTrue();
    }

    @Test
    void centerOverridesAddClosuresAndLocalHolidaysAndOpeningDays() {
        WorkCalendar center = CenterCalendars.forCenter("test-xiangxi");

        // closure on an ordinary Wednesday (emergency), a local ethnic holiday, and an opening on a national holiday
        assertThat(china.isWorkingDay(LocalDate.of(2026, 7, 8))).isTrue();
        assertThat(center.isWorkingDay(LocalDate.of(2026, 7, 8))).isFalse();
        assertThat(center.describe(LocalDate.of(2026, 7, 8)).entry().get().kind()).isEqualTo(EntryKind.CLOSURE);
        assertThat(center.isWorkingDay(LocalDate.of(2026, 8, 7))).isFalse();
        assertThat(center.isWorkingDay(LocalDate.of(2026, 10, 6))).isTrue();
        // everything else is national
        assertThat(center.isWorkingDay(LocalDate.of(2026, 2, 16))).isFalse();
        assertThat(center.isWorkingDay(LocalDate.of(2026, 2, 14))).isTrue();
        assertThat(center.id()).contains("center:test-xiangxi");
    }

    @Test
    void aCenterWithoutOverridesWorksOnTheNationalCalendar() {
        assertThat(CenterCalendars.forCenter("no-such-center")).isSameAs(WorkCalendar.china());
    }

    @Test
    void centerIdsCannotReachOutsideTheCalendarFolder() {
        assertThatThrownBy(() -> CenterCalendars.forCenter("../etc/passwd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("center id");
    }

    @Test
    void centerOverridesAreFoundInTheConfiguredDirectory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("dir-center.cal"), "closure 2026-03-09 停电闭厅 测试\n", StandardCharsets.UTF_8);
        String old = System.getProperty(CenterCalendars.DIR_PROPERTY);
        System.setProperty(CenterCalendars.DIR_PROPERTY, dir.toString());
        try {
            assertThat(CenterCalendars.forCenter("dir-center").isWorkingDay(LocalDate.of(2026, 3, 9))).isFalse();
        } finally {
            if (old == null) {
                System.clearProperty(CenterCalendars.DIR_PROPERTY);
            } else {
                System.setProperty(CenterCalendars.DIR_PROPERTY, old);
            }
        }
    }

    @Test
    void laterLayersWinForTheDatesTheyList() {
        CalendarFile open = CalendarFile.parse("open.cal", new java.io.StringReader("workday 2026-02-16 值班开放 测试\n"));
        CalendarFile closedAgain = CalendarFile.parse("closed.cal", new java.io.StringReader("closure 2026-02-16 再闭厅 测试\n"));

        assertThat(china.with(open).isWorkingDay(LocalDate.of(2026, 2, 16))).isTrue();
        assertThat(china.with(open).with(closedAgain).isWorkingDay(LocalDate.of(2026, 2, 16))).isFalse();
    }

    @Test
    void weekendsOnlyCalendarKnowsNoHolidaysAndFlagsEverything() {
        WorkCalendar plain = WorkCalendar.weekendsOnly(ZoneId.of("Asia/Shanghai"));
        assertThat(plain.isWorkingDay(LocalDate.of(2026, 10, 1))).isTrue();
        assertThat(plain.isProvisional(LocalDate.of(2026, 10, 1))).isTrue();
    }

    @Test
    void nextWorkingDaySkipsHolidayBlocksAndStopsOnMakeUpDays() {
        assertThat(china.nextWorkingDay(LocalDate.of(2026, 2, 13))).isEqualTo(LocalDate.of(2026, 2, 14));
        assertThat(china.nextWorkingDay(LocalDate.of(2026, 2, 14))).isEqualTo(LocalDate.of(2026, 2, 24));
        assertThat(china.nextWorkingDay(LocalDate.of(2025, 9, 30))).isEqualTo(LocalDate.of(2025, 10, 9));
    }

    @Test
    void calendarSurvivesJavaSerializationForStreamingJobs() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(china);
        }
        WorkCalendar copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (WorkCalendar) in.readObject();
        }
        for (LocalDate d = LocalDate.of(2025, 1, 1); d.getYear() <= 2026; d = d.plusDays(1)) {
            assertThat(copy.isWorkingDay(d)).isEqualTo(china.isWorkingDay(d));
        }
        assertThat(copy.zone()).isEqualTo(china.zone());
    }
}
