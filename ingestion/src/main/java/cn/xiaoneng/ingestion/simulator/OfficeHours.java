package cn.xiaoneng.ingestion.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.function.Predicate;

/**
 * When the hall is open: working days (holidays and 调休 from the center's calendar) with a morning and an
 * afternoon session around the lunch break. Staff act only while it is open, so the simulator moves time
 * forward in office time: {@link #plus} adds a duration of open time, skipping nights, lunch and holidays.
 */
public final class OfficeHours {
    private final Predicate<LocalDate> workingDay;
    private final ZoneId zone;
    private final LocalTime morningOpen;
    private final LocalTime lunchStart;
    private final LocalTime lunchEnd;
    private final LocalTime close;

    public OfficeHours(Predicate<LocalDate> workingDay, ZoneId zone, LocalTime morningOpen, LocalTime lunchStart, LocalTime lunchEnd, LocalTime close) {
        if (!(morningOpen.isBefore(lunchStart) && lunchStart.isBefore(lunchEnd) && lunchEnd.isBefore(close))) {
            throw new IllegalArgumentException("office hours must be open < lunch start < lunch end < close");
        }
        this.workingDay = workingDay;
        this.zone = zone;
        this.morningOpen = morningOpen;
        this.lunchStart = lunchStart;
        this.lunchEnd = lunchEnd;
        this.close = close;
    }

    /** 09:00–12:00 and 13:30–17:30 on working days. */
    public static OfficeHours standard(Predicate<LocalDate> workingDay, ZoneId zone) {
        return new OfficeHours(workingDay, zone, LocalTime.of(9, 0), LocalTime.of(12, 0), LocalTime.of(13, 30), LocalTime.of(17, 30));
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isWorkingDay(LocalDate day) {
        return workingDay.test(day);
    }

    /** Open seconds in one working day. */
    public long openSecondsPerDay() {
        return Duration.between(morningOpen, lunchStart).toSeconds() + Duration.between(lunchEnd, close).toSeconds();
    }

    public boolean isOpen(Instant t) {
        ZonedDateTime z = t.atZone(zone);
        if (!workingDay.test(z.toLocalDate())) {
            return false;
        }
        LocalTime lt = z.toLocalTime();
        return (!lt.isBefore(morningOpen) && lt.isBefore(lunchStart)) || (!lt.isBefore(lunchEnd) && lt.isBefore(close));
    }

    /** The first open instant at or after {@code t}. */
    public Instant nextOpen(Instant t) {
        ZonedDateTime z = t.atZone(zone);
        for (int guard = 0; guard < 400; guard++) {
            LocalDate d = z.toLocalDate();
            if (workingDay.test(d)) {
                LocalTime lt = z.toLocalTime();
                if (lt.isBefore(morningOpen)) {
                    return d.atTime(morningOpen).atZone(zone).toInstant();
                }
                if (lt.isBefore(lunchStart)) {
                    return z.toInstant();
                }
                if (lt.isBefore(lunchEnd)) {
                    return d.atTime(lunchEnd).atZone(zone).toInstant();
                }
                if (lt.isBefore(close)) {
                    return z.toInstant();
                }
            }
            z = d.plusDays(1).atStartOfDay(zone);
        }
        throw new IllegalStateException("no open day within 400 days after " + t);
    }

    /** {@code t} moved forward by {@code open} of open time (starting from the next open instant). */
    public Instant plus(Instant t, Duration open) {
        Instant cur = nextOpen(t);
        long remaining = open.toMillis();
        while (true) {
            ZonedDateTime z = cur.atZone(zone);
            LocalTime sessionEnd = z.toLocalTime().isBefore(lunchStart) ? lunchStart : close;
            Instant end = z.toLocalDate().atTime(sessionEnd).atZone(zone).toInstant();
            long left = end.toEpochMilli() - cur.toEpochMilli();
            if (remaining < left) {
                return cur.plusMillis(remaining);
            }
            remaining -= left;
            cur = nextOpen(end);
        }
    }
}
