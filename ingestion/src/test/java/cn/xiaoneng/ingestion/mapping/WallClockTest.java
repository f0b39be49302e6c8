package cn.xiaoneng.ingestion.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WallClockTest {
    private static long exact(long wallMillis, ZoneId zone) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(wallMillis, 1000), (int) Math.floorMod(wallMillis, 1000) * 1_000_000, ZoneOffset.UTC)
                .atZone(zone).toInstant().toEpochMilli();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Asia/Shanghai", "America/New_York", "Pacific/Apia", "Australia/Lord_Howe", "Asia/Kathmandu", "Europe/Dublin", "UTC"})
    void equalsJavaTimeForEveryWallClockTime(String zoneName) {
        ZoneId zone = ZoneId.of(zoneName);
        WallClock clock = WallClock.of(zone);
        SplittableRandom random = new SplittableRandom(zoneName.hashCode());
        long from = LocalDateTime.of(1900, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1000;
        long to = LocalDateTime.of(2040, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1000;
        for (int i = 0; i < 200_000; i++) {
            long wall = random.nextLong(from, to);
            assertThat(clock.toEpochMilli(wall)).as("%s wall %s", zoneName, wall).isEqualTo(exact(wall, zone));
        }
        // Every minute around each summer-time switch of the years that have them, gaps and overlaps included.
        var rules = zone.getRules();
        var t = rules.nextTransition(java.time.Instant.parse("1985-01-01T00:00:00Z"));
        for (int n = 0; t != null && n < 40; n++, t = rules.nextTransition(t.getInstant())) {
            long around = t.getDateTimeBefore().toEpochSecond(ZoneOffset.UTC) * 1000;
            for (long wall = around - 3_600_000; wall <= around + 3_600_000; wall += 60_000 + 7) {
                assertThat(clock.toEpochMilli(wall)).as("%s wall %s near %s", zoneName, wall, t).isEqualTo(exact(wall, zone));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {Long.MIN_VALUE / 2, -1, 0, Long.MAX_VALUE / 2000})
    void timesOutsideTheCacheTakeTheExactPath(long wall) {
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        assertThat(WallClock.of(zone).toEpochMilli(wall)).isEqualTo(exact(wall, zone));
    }
}
