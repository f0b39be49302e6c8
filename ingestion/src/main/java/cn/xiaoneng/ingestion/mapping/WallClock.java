package cn.xiaoneng.ingestion.mapping;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Wall-clock times of a zone (what a {@code DATETIME} column without zone holds) to instants, fast. Every mapped row has
 * one or two such columns, and {@code LocalDateTime.atZone} per value was a visible share of the mapping's cost.
 *
 * <p>The offset is looked up per quarter hour of wall-clock time and cached; a quarter hour in which the zone's offset
 * changes (a summer-time switch, such as China's in 1986–1991) is never cached and always takes the exact
 * {@code java.time} path, so the result equals {@code LocalDateTime.atZone(zone).toInstant()} for every input, including
 * times in a gap or an overlap.
 */
final class WallClock {
    private static final long QUARTER_HOUR = 15 * 60_000L;
    private static final int SLOTS = 4096;
    /**
     * An entry: bit 63 set, the quarter-hour index (40 bits), and the offset in seconds + 2^19 in the low 20 bits, where 0
     * (an offset no zone has) marks a quarter hour that is not cacheable. An empty slot is 0.
     */
    private static final long FILLED = 1L << 63;
    private static final int OFFSET_BIAS = 1 << 19;
    private static final long NOT_CACHEABLE = 0;
    private static final Map<ZoneId, WallClock> BY_ZONE = new ConcurrentHashMap<>();

    private final ZoneId zone;
    private final ZoneRules rules;
    /** Read and written in opaque mode: each entry is one self-describing long, so racing threads see a whole entry or none. */
    private final AtomicLongArray cache = new AtomicLongArray(SLOTS);

    private WallClock(ZoneId zone) {
        this.zone = zone;
        this.rules = zone.getRules();
    }

    static WallClock of(ZoneId zone) {
        return BY_ZONE.computeIfAbsent(zone, WallClock::new);
    }

    /** The instant (epoch ms) at which the zone's clocks showed {@code wallMillis} (wall time counted as if UTC). */
    long toEpochMilli(long wallMillis) {
        long quarter = Math.floorDiv(wallMillis, QUARTER_HOUR);
        if (quarter < 0 || quarter >= (1L << 40)) {
            return exact(wallMillis);
        }
        int slot = (int) (quarter & (SLOTS - 1));
        long entry = cache.getOpaque(slot);
        if (entry == 0 || ((entry >>> 20) & ((1L << 40) - 1)) != quarter) {
            entry = entryFor(quarter);
            cache.setOpaque(slot, entry);
        }
        if ((entry & 0xFFFFF) == NOT_CACHEABLE) {
            return exact(wallMillis);
        }
        long offsetSeconds = (entry & 0xFFFFF) - OFFSET_BIAS;
        return wallMillis - offsetSeconds * 1000;
    }

    /** The cache entry of one quarter hour: its offset if one offset holds throughout, else the not-cacheable mark. */
    private long entryFor(long quarter) {
        long start = quarter * QUARTER_HOUR;
        ZoneOffset first = uniqueOffset(start);
        ZoneOffset last = uniqueOffset(start + QUARTER_HOUR - 1);
        long head = FILLED | (quarter << 20);
        if (first == null || !first.equals(last)) {
            return head | NOT_CACHEABLE;
        }
        // A switch and its reversal inside one quarter hour would also show equal ends: rule that out too.
        var next = rules.nextTransition(Instant.ofEpochMilli(start - first.getTotalSeconds() * 1000L));
        if (next != null && next.toEpochSecond() * 1000 < start + QUARTER_HOUR - first.getTotalSeconds() * 1000L) {
            return head | NOT_CACHEABLE;
        }
        return head | (first.getTotalSeconds() + OFFSET_BIAS);
    }

    private ZoneOffset uniqueOffset(long wallMillis) {
        var offsets = rules.getValidOffsets(local(wallMillis));
        return offsets.size() == 1 ? offsets.get(0) : null;
    }

    private long exact(long wallMillis) {
        return local(wallMillis).atZone(zone).toInstant().toEpochMilli();
    }

    private static LocalDateTime local(long wallMillis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(wallMillis, 1000), (int) Math.floorMod(wallMillis, 1000) * 1_000_000, ZoneOffset.UTC);
    }
}
