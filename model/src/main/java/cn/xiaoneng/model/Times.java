package cn.xiaoneng.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * How instants are printed and read everywhere users see them: ISO-8601 with the center's offset.
 *
 * <p>Every canonical event and warehouse row goes through here twice or more, so the common case — China time after
 * 1991, when Asia/Shanghai last observed daylight saving and has been a fixed +08:00 since — is formatted and parsed
 * by plain arithmetic; anything else (another zone, older instants, another offset or shape) goes through
 * {@code java.time}. Both paths give identical text: {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, i.e. seconds
 * always and the fraction only when non-zero, without trailing zeros ({@code 2026-02-13T09:30:00.5+08:00}).
 */
public final class Times {
    /** Default zone of Chinese centers; a center may configure another. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final long CHINA_OFFSET_MILLIS = 8 * 3_600_000L;
    /** 1992-01-01T00:00:00+08:00: from here on Asia/Shanghai is +08:00 without exception. */
    private static final long FIXED_OFFSET_FROM = 694_195_200_000L;
    /** 9999-12-31T23:59:59.999+08:00: four-digit years only on the fast path. */
    private static final long FIXED_OFFSET_UNTIL = 253_402_271_999_999L;
    private static final byte[] CHINA_SUFFIX = "+08:00".getBytes(StandardCharsets.ISO_8859_1);

    private Times() {}

    public static String format(long epochMillis) {
        return format(epochMillis, CHINA);
    }

    public static String format(long epochMillis, ZoneId zone) {
        if (zone.equals(CHINA) && epochMillis >= FIXED_OFFSET_FROM && epochMillis <= FIXED_OFFSET_UNTIL) {
            return formatChina(epochMillis);
        }
        return ISO.format(Instant.ofEpochMilli(epochMillis).atZone(zone).toOffsetDateTime());
    }

    /** Reads ISO-8601 with an offset; an instant without offset is refused (it would be ambiguous). */
    public static long parse(String text) {
        long fast = parseChina(text);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        return OffsetDateTime.parse(text, ISO).toInstant().toEpochMilli();
    }

    private static String formatChina(long epochMillis) {
        long local = epochMillis + CHINA_OFFSET_MILLIS;
        long day = Math.floorDiv(local, MILLIS_PER_DAY);
        int millisOfDay = (int) Math.floorMod(local, MILLIS_PER_DAY);
        long civil = civilFromDays(day);
        int year = (int) (civil >> 16);
        int month = (int) ((civil >> 8) & 0xFF);
        int dayOfMonth = (int) (civil & 0xFF);
        int ms = millisOfDay % 1000;
        int secondOfDay = millisOfDay / 1000;
        byte[] b = new byte[29];
        int i = 0;
        b[i++] = digit(year / 1000);
        b[i++] = digit(year / 100 % 10);
        b[i++] = digit(year / 10 % 10);
        b[i++] = digit(year % 10);
        b[i++] = '-';
        i = two(b, i, month);
        b[i++] = '-';
        i = two(b, i, dayOfMonth);
        b[i++] = 'T';
        i = two(b, i, secondOfDay / 3600);
        b[i++] = ':';
        i = two(b, i, secondOfDay / 60 % 60);
        b[i++] = ':';
        i = two(b, i, secondOfDay % 60);
        if (ms != 0) {
            b[i++] = '.';
            b[i++] = digit(ms / 100);
            if (ms % 100 != 0) {
                b[i++] = digit(ms / 10 % 10);
                if (ms % 10 != 0) {
                    b[i++] = digit(ms % 10);
                }
            }
        }
        System.arraycopy(CHINA_SUFFIX, 0, b, i, CHINA_SUFFIX.length);
        i += CHINA_SUFFIX.length;
        return new String(b, 0, i, StandardCharsets.ISO_8859_1);
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]+08:00} by arithmetic; {@link Long#MIN_VALUE} for anything else (other
     * offsets, out-of-range fields, other shapes), which the caller then hands to {@code java.time} — also for its
     * error message.
     */
    private static long parseChina(String s) {
        int n = s.length();
        if (n < 25 || !s.endsWith("+08:00") || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > monthLength(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        int millis = 0;
        int end = n - 6;
        if (end > 19) {
            int fractionDigits = end - 20;
            if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return Long.MIN_VALUE;
            }
            for (int k = 0; k < fractionDigits; k++) {
                int d = s.charAt(20 + k) - '0';
                if (d < 0 || d > 9) {
                    return Long.MIN_VALUE;
                }
                if (k < 3) {
                    millis = millis * 10 + d;
                }
            }
            for (int k = fractionDigits; k < 3; k++) {
                millis *= 10;
            }
        } else if (end != 19) {
            return Long.MIN_VALUE;
        }
        long days = daysFromCivil(year, month, day);
        return days * MILLIS_PER_DAY + ((hour * 60L + minute) * 60 + second) * 1000 + millis - CHINA_OFFSET_MILLIS;
    }

    /** Non-negative number in {@code s[from, from+count)}, or -1 when a character is not a digit. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int k = from; k < from + count; k++) {
            int d = s.charAt(k) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int monthLength(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long daysFromCivil(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /** The date of a day since 1970-01-01, packed as {@code year << 16 | month << 8 | day} (civil_from_days). */
    static long civilFromDays(long days) {
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return year << 16 | month << 8 | day;
    }

    private static byte digit(int d) {
        return (byte) ('0' + d);
    }

    private static int two(byte[] b, int i, int v) {
        b[i] = digit(v / 10);
        b[i + 1] = digit(v % 10);
        return i + 2;
    }
}
