package cn.xiaoneng.deadline.calendar;

import cn.xiaoneng.model.Times;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A center's working calendar (工作日历): which dates are working days, in which zone.
 *
 * <p>Rules, from weakest to strongest: Monday–Friday work and Saturday–Sunday rest; then the layers of
 * calendar files in the order they were added — the national 国务院办公厅 放假调休 notices first, then a
 * center's own overrides (local ethnic holidays under 《全国年节及纪念日放假办法》 Art. 4, emergency
 * closures, extra opening days). A later layer wins for a date it lists. 《行政许可法》 Art. 82 counts
 * licensing limits in working days excluding 法定节假日, which is what {@link #isWorkingDay} answers.
 *
 * <p>A date whose year has no published calendar (no {@code year} line in any layer) falls back to the
 * weekend rule and is <em>provisional</em>: every deadline that depends on it is flagged, and must be
 * recomputed once that year's notice is loaded (usually published each November).
 *
 * <p>Immutable and serializable: safe to share between threads and to ship inside a Flink function.
 */
public final class WorkCalendar implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Class-path index of the national calendar files, one file name per line. */
    public static final String CHINA_INDEX = "calendars/china.index";
    /** No calendar closes a center for a whole year; beyond this the data is wrong, not the date. */
    static final int MAX_DAYS_WITHOUT_WORK = 366;

    private final String id;
    private final ZoneId zone;
    private final Set<Integer> publishedYears;
    private final Map<LocalDate, CalendarEntry> entries;
    /** The same facts as bits per epoch day, built on first use (see {@link #isWorkingDay(long)}). */
    private transient volatile DayBits bits;
    /** {@link ZoneDays#of} for {@link #zone}, looked up once. */
    private transient volatile ZoneDays zoneDays;

    private WorkCalendar(String id, ZoneId zone, Set<Integer> publishedYears, Map<LocalDate, CalendarEntry> entries) {
        this.id = id;
        this.zone = zone;
        this.publishedYears = Collections.unmodifiableSet(publishedYears);
        this.entries = Collections.unmodifiableMap(entries);
    }

    private static final class ChinaHolder {
        static final WorkCalendar CHINA = weekendsOnly(Times.CHINA).withFiles(CalendarFile.readIndex(CHINA_INDEX)).withId("china");
    }

    /** The national calendar (2025 and 2026 from the 国办 notices), zone Asia/Shanghai. Loaded once. */
    public static WorkCalendar china() {
        return ChinaHolder.CHINA;
    }

    /** A calendar that knows no holidays: weekends only, every date provisional. */
    public static WorkCalendar weekendsOnly(ZoneId zone) {
        return new WorkCalendar("weekends-only", Objects.requireNonNull(zone, "zone"), new TreeSet<>(), new HashMap<>());
    }

    /** This calendar with one more layer on top (a center's overrides or a new year's notice). */
    public WorkCalendar with(CalendarFile file) {
        return withFiles(List.of(file));
    }

    /** This calendar with a calendar file read from disk on top; errors name the file and line. */
    public WorkCalendar withFile(Path path) {
        return with(CalendarFile.read(path));
    }

    /** This calendar with a calendar file from the class path on top. */
    public WorkCalendar withResource(String resource) {
        return with(CalendarFile.readResource(resource));
    }

    /** This calendar with several layers on top, in order (a later layer wins for the dates it lists). */
    public WorkCalendar withFiles(List<CalendarFile> files) {
        Set<Integer> years = new TreeSet<>(publishedYears);
        Map<LocalDate, CalendarEntry> merged = new HashMap<>(entries);
        StringBuilder newId = new StringBuilder(id);
        for (CalendarFile file : files) {
            years.addAll(file.years());
            for (CalendarEntry e : file.entries()) {
                merged.put(e.date(), e);
            }
            newId.append('+').append(file.name());
        }
        return new WorkCalendar(newId.toString(), zone, years, merged);
    }

    /** The same days in another zone (a center outside China's standard time, or a test). */
    public WorkCalendar withZone(ZoneId newZone) {
        return new WorkCalendar(id, Objects.requireNonNull(newZone, "zone"), new TreeSet<>(publishedYears), new HashMap<>(entries));
    }

    /** The same calendar under another id (for example the center id it serves). */
    public WorkCalendar withId(String newId) {
        return new WorkCalendar(Objects.requireNonNull(newId, "id"), zone, new TreeSet<>(publishedYears), new HashMap<>(entries));
    }

    /** Whether the center works on this date (法定工作日, including 调休上班 days). */
    public boolean isWorkingDay(LocalDate date) {
        CalendarEntry e = entries.get(date);
        return e != null ? e.kind().working() : !DayInfo.isWeekend(date);
    }

    /**
     * {@link #isWorkingDay(LocalDate)} for an epoch day: the deadline arithmetic's form, a bit lookup for the
     * years 1900–2299.
     */
    public boolean isWorkingDay(long epochDay) {
        return ZoneDays.covers(epochDay) ? bits().working(epochDay) : isWorkingDay(LocalDate.ofEpochDay(epochDay));
    }

    /** {@link #isProvisional(LocalDate)} for an epoch day. */
    public boolean isProvisional(long epochDay) {
        return ZoneDays.covers(epochDay) ? bits().provisional(epochDay) : isProvisional(LocalDate.ofEpochDay(epochDay));
    }

    /** The epoch day an instant (epoch ms) falls on in this calendar's zone: {@link #dateOf} without objects. */
    public long epochDayOf(long epochMilli) {
        long day = zoneDays().dayOf(epochMilli);
        return day != Long.MIN_VALUE ? day : Instant.ofEpochMilli(epochMilli).atZone(zone).toLocalDate().toEpochDay();
    }

    /** 00:00 of an epoch day in this calendar's zone, as epoch ms: {@link #startOf} without objects. */
    public long startOfDay(long epochDay) {
        return ZoneDays.covers(epochDay) ? zoneDays().startOf(epochDay)
                : LocalDate.ofEpochDay(epochDay).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private ZoneDays zoneDays() {
        ZoneDays z = zoneDays;
        if (z == null) {
            z = ZoneDays.of(zone);
            zoneDays = z;
        }
        return z;
    }

    private DayBits bits() {
        DayBits b = bits;
        if (b == null) {
            b = new DayBits(this);
            bits = b;
        }
        return b;
    }

    /** Working and provisional flags of every covered day, two bits per day. Immutable once built. */
    private static final class DayBits {
        private final long[] working;
        private final long[] provisional;

        DayBits(WorkCalendar c) {
            int n = (int) (ZoneDays.END_DAY - ZoneDays.FIRST_DAY);
            working = new long[(n + 63) / 64];
            provisional = new long[(n + 63) / 64];
            for (int i = 0; i < n; i++) {
                long day = ZoneDays.FIRST_DAY + i;
                // 1970-01-01 (epoch day 0) was a Thursday: Saturday and Sunday are 2 and 3 modulo 7
                long dow = Math.floorMod(day, 7L);
                boolean weekday = dow != 2 && dow != 3;
                if (weekday) {
                    working[i >>> 6] |= 1L << i;
                }
            }
            for (Map.Entry<LocalDate, CalendarEntry> e : c.entries.entrySet()) {
                long day = e.getKey().toEpochDay();
                if (ZoneDays.covers(day)) {
                    int i = (int) (day - ZoneDays.FIRST_DAY);
                    if (e.getValue().kind().working()) {
                        working[i >>> 6] |= 1L << i;
                    } else {
                        working[i >>> 6] &= ~(1L << i);
                    }
                }
            }
            for (int year = 1900; year < 2300; year++) {
                if (!c.publishedYears.contains(year)) {
                    int from = (int) (LocalDate.of(year, 1, 1).toEpochDay() - ZoneDays.FIRST_DAY);
                    int to = (int) (LocalDate.of(year + 1, 1, 1).toEpochDay() - ZoneDays.FIRST_DAY);
                    for (int i = from; i < to; i++) {
                        provisional[i >>> 6] |= 1L << i;
                    }
                }
            }
        }

        boolean working(long epochDay) {
            int i = (int) (epochDay - ZoneDays.FIRST_DAY);
            return (working[i >>> 6] & (1L << i)) != 0;
        }

        boolean provisional(long epochDay) {
            int i = (int) (epochDay - ZoneDays.FIRST_DAY);
            return (provisional[i >>> 6] & (1L << i)) != 0;
        }
    }

    /** Whether the date's year has no published calendar, so that {@link #isWorkingDay} only guessed by weekday. */
    public boolean isProvisional(LocalDate date) {
        return !publishedYears.contains(date.getYear());
    }

    /** What the calendar says about a date and which file line says so. */
    public DayInfo describe(LocalDate date) {
        return new DayInfo(date, isWorkingDay(date), isProvisional(date), Optional.ofNullable(entries.get(date)));
    }

    /** The first working day strictly after {@code date}. */
    public LocalDate nextWorkingDay(LocalDate date) {
        LocalDate d = date.plusDays(1);
        for (int i = 0; i < MAX_DAYS_WITHOUT_WORK; i++, d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                return d;
            }
        }
        throw new IllegalStateException("calendar " + id + " has no working day in the " + MAX_DAYS_WITHOUT_WORK + " days after " + date);
    }

    /** The date of an instant in this calendar's zone. */
    public LocalDate dateOf(Instant instant) {
        return LocalDate.ofEpochDay(epochDayOf(instant.toEpochMilli()));
    }

    /** 00:00 of a date in this calendar's zone (24:00 of the day before). */
    public Instant startOf(LocalDate date) {
        return Instant.ofEpochMilli(startOfDay(date.toEpochDay()));
    }

    public ZoneId zone() {
        return zone;
    }

    /** Years with a published calendar. */
    public Set<Integer> publishedYears() {
        return publishedYears;
    }

    /** Which layers built this calendar, e.g. {@code china+calendars/centers/xx.cal}. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return "WorkCalendar[" + id + ", " + zone + ", published " + publishedYears + "]";
    }
}
