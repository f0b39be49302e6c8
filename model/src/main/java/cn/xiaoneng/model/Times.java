package cn.xiaoneng.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How instants are printed and read everywhere users see them: ISO-8601 with the center's offset. */
public final class Times {
    /** Default zone of Chinese centers; a center may configure another. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private Times() {}

    public static String format(long epochMillis) {
        return format(epochMillis, CHINA);
    }

    public static String format(long epochMillis, ZoneId zone) {
        return ISO.format(Instant.ofEpochMilli(epochMillis).atZone(zone).toOffsetDateTime());
    }

    /** Reads ISO-8601 with an offset; an instant without offset is refused (it would be ambiguous). */
    public static long parse(String text) {
        return OffsetDateTime.parse(text, ISO).toInstant().toEpochMilli();
    }
}
