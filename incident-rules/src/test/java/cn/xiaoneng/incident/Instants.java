package cn.xiaoneng.incident;

import cn.xiaoneng.model.Times;
import java.time.OffsetDateTime;

/** Named instants in China time for readable tests. */
public final class Instants {
    private Instants() {}

    /** {@code at("2026-03-03T14:05")}: local China time (+08:00), epoch ms. */
    public static long at(String localDateTime) {
        String t = localDateTime.length() == 16 ? localDateTime + ":00" : localDateTime;
        return OffsetDateTime.parse(t + "+08:00").toInstant().toEpochMilli();
    }

    public static String text(long epochMillis) {
        return Times.format(epochMillis);
    }
}
