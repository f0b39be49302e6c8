package cn.xiaoneng.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Named instants in China time for readable tests. */
public final class Instants {
    public static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private Instants() {}

    /** {@code at("2026-02-13T10:00")}: local China time (+08:00). */
    public static Instant at(String localDateTime) {
        String t = localDateTime.length() == 16 ? localDateTime + ":00" : localDateTime;
        return OffsetDateTime.parse(t + "+08:00").toInstant();
    }

    /** 24:00 of a date, i.e. 00:00 of the next one, in China time (rule 6). */
    public static Instant endOf(LocalDate date) {
        return date.plusDays(1).atStartOfDay().toInstant(BEIJING);
    }

    /** 10:00 of a date in China time: a typical 受理 time. */
    public static Instant tenOClockOn(LocalDate date) {
        return date.atTime(10, 0).toInstant(BEIJING);
    }

    public static String text(Instant instant) {
        return instant.atOffset(BEIJING).toString();
    }
}
