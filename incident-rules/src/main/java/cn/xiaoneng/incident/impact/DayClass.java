package cn.xiaoneng.incident.impact;

import cn.xiaoneng.deadline.calendar.DayInfo;
import cn.xiaoneng.deadline.calendar.EntryKind;
import cn.xiaoneng.deadline.calendar.WorkCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Which days a throughput baseline may compare (issue 4, "Impact": same weekday and hour over recent weeks). Two days
 * are comparable when they have the same class on the center's calendar. An ordinary working day is therefore compared
 * only with ordinary working days: a 放假 or 闭厅 day (the hall is shut), a weekend and a 调休上班 day (a weekend worked
 * to make up for a holiday, with its own crowd) are all skipped.
 *
 * <p>The SQL views of migration V009 compare the {@code day_class} column of {@code dim_work_day}, which
 * {@code DimensionLoader} fills from this very method; a date without a row there falls back to the weekend rule, as
 * {@link WorkCalendar} does for a year without a published notice.
 */
public enum DayClass {
    /** 工作日: a working day with no calendar entry (Monday–Friday). */
    WORKDAY("工作日"),
    /** 调休上班: a working day by a calendar entry (a weekend worked, or a center opening on a day off). */
    MAKEUP_WORKDAY("调休上班"),
    /** 休息日: not a working day (weekend, 放假, 闭厅). */
    REST("休息日");

    private final String label;

    DayClass(String label) {
        this.label = label;
    }

    /** The Chinese label users read. */
    public String label() {
        return label;
    }

    /** The class of {@code date} on {@code calendar}. */
    public static DayClass of(WorkCalendar calendar, LocalDate date) {
        DayInfo info = calendar.describe(date);
        if (!info.working()) {
            return REST;
        }
        boolean byEntry = info.entry().map(e -> e.kind() == EntryKind.WORKDAY).orElse(false);
        boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
        return byEntry || weekend ? MAKEUP_WORKDAY : WORKDAY;
    }
}
