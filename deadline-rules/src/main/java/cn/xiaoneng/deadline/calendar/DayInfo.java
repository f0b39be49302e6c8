package cn.xiaoneng.deadline.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What a calendar says about one date and why: the explicit entry (holiday, closure, make-up day) that
 * decided it, or the weekend rule when there is none.
 */
public record DayInfo(LocalDate date, boolean working, boolean provisional, Optional<CalendarEntry> entry) {

    /** A short Chinese label: 工作日, 周末, 放假 春节, 调休上班 春节调休上班, 闭厅 …; 待定 when provisional. */
    public String label() {
        String base = entry.map(e -> e.kind().label() + " " + e.name()).orElseGet(() -> isWeekend(date) ? "周末" : "工作日");
        return provisional ? base + " (待定: 该年无已发布日历)" : base;
    }

    static boolean isWeekend(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }
}
