package cn.xiaoneng.deadline.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each day of a zone starts, as epoch milliseconds: the day arithmetic of every deadline, without the
 * {@code java.time} conversions that dominated the engine's profile (an {@code Instant.atZone} is a binary search
 * over the zone's transitions and a civil-date computation; the engine does a few hundred per case evaluation).
 *
 * <p>Covers the dates {@link #FIRST_DAY} to {@link #END_DAY}; callers fall back to {@code java.time} outside. After
 * a zone's last offset transition (China: 1991) a day's start is plain arithmetic; before it, a binary search over
 * the table. One table per zone, shared by every calendar in it (≈ 1.2 MB).
 */
final class ZoneDays {
    static final long DAY_MS = 86_400_000L;
    /** 1900-01-01. */
    static final long FIRST_DAY = LocalDate.of(1900, 1, 1).toEpochDay();
    /** 2300-01-01, exclusive. */
    static final long END_DAY = LocalDate.of(2300, 1, 1).toEpochDay();
    private static final Map<ZoneId, ZoneDays> BY_ZONE = new ConcurrentHashMap<>();

    /** starts[i] = start of day FIRST_DAY + i; one more entry than days, so the end of the last day is known. */
    private final long[] starts;
    /** From this instant on the zone's offset never changes again (Long.MAX_VALUE when it keeps changing). */
    private final long fixedFrom;
    private final long fixedOffsetMillis;

    private ZoneDays(ZoneId zone) {
        int n = (int) (END_DAY - FIRST_DAY);
        starts = new long[n + 1];
        for (int i = 0; i <= n; i++) {
            starts[i] = LocalDate.ofEpochDay(FIRST_DAY + i).atStartOfDay(zone).toInstant().toEpochMilli();
        }
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            fixedFrom = Long.MIN_VALUE;
            fixedOffsetMillis = rules.getOffset(Instant.EPOCH).getTotalSeconds() * 1000L;
        } else if (rules.getTransitionRules().isEmpty()) {
            ZoneOffsetTransition last = rules.previousTransition(Instant.ofEpochMilli(starts[n]));
            fixedFrom = last == null ? Long.MIN_VALUE : last.getInstant().toEpochMilli();
            fixedOffsetMillis = rules.getOffset(Instant.ofEpochMilli(starts[n])).getTotalSeconds() * 1000L;
        } else {
            fixedFrom = Long.MAX_VALUE; // daylight saving for ever: always search the table
            fixedOffsetMillis = 0;
        }
    }

    static ZoneDays of(ZoneId zone) {
        return BY_ZONE.computeIfAbsent(zone, ZoneDays::new);
    }

    static boolean covers(long epochDay) {
        return epochDay >= FIRST_DAY && epochDay < END_DAY;
    }

    /** 00:00 of a covered day. */
    long startOf(long epochDay) {
        return starts[(int) (epochDay - FIRST_DAY)];
    }

    /** The covered day an instant falls on, or {@link Long#MIN_VALUE} when it is outside the table. */
    long dayOf(long epochMilli) {
        if (epochMilli < starts[0] || epochMilli >= starts[starts.length - 1]) {
            return Long.MIN_VALUE;
        }
        if (epochMilli >= fixedFrom) {
            long day = Math.floorDiv(epochMilli + fixedOffsetMillis, DAY_MS);
            // The day holding the last transition may start before it: the table is the truth there.
            if (covers(day) && startOf(day) <= epochMilli && epochMilli < startOf(day + 1)) {
                return day;
            }
        }
        int lo = 0;
        int hi = starts.length - 2; // the last day index
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= epochMilli) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return FIRST_DAY + lo;
    }
}
