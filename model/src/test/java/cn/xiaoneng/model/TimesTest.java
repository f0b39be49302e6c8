package cn.xiaoneng.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimesTest {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private static String slowFormat(long millis, ZoneId zone) {
        return ISO.format(Instant.ofEpochMilli(millis).atZone(zone).toOffsetDateTime());
    }

    @Test
    void formatsExactlyLikeJavaTimeAcrossTheCenturies() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long millis = random.nextLong(-5_000_000_000_000L, 260_000_000_000_000L);
            // Whole seconds and whole hundreds of ms are common in the sources; exercise the fraction trimming too.
            if (i % 3 == 0) {
                millis -= Math.floorMod(millis, 1000);
            } else if (i % 3 == 1) {
                millis -= Math.floorMod(millis, 10);
            }
            assertThat(Times.format(millis)).as("%d", millis).isEqualTo(slowFormat(millis, Times.CHINA));
            assertThat(Times.parse(Times.format(millis))).isEqualTo(millis);
        }
    }

    @Test
    void formatsEdgesOfTheFastPath() {
        long[] edges = {694_195_200_000L - 1, 694_195_200_000L, 0L, -1L, 951_753_600_000L /* 2000-02-29 */,
                1_771_084_799_999L, 1_771_084_800_000L, 253_402_271_999_999L, 253_402_272_000_000L};
        for (long millis : edges) {
            assertThat(Times.format(millis)).as("%d", millis).isEqualTo(slowFormat(millis, Times.CHINA));
        }
        assertThat(Times.format(1_771_084_800_000L)).isEqualTo("2026-02-15T00:00:00+08:00");
        assertThat(Times.format(1_771_084_800_500L)).isEqualTo("2026-02-15T00:00:00.5+08:00");
        assertThat(Times.format(1_771_084_800_120L)).isEqualTo("2026-02-15T00:00:00.12+08:00");
        assertThat(Times.format(1_771_084_800_123L, ZoneId.of("UTC"))).isEqualTo("2026-02-14T16:00:00.123Z");
    }

    @Test
    void parsesLikeJavaTime() {
        String[] texts = {"2026-02-15T00:00:00+08:00", "2026-02-15T00:00:00.5+08:00", "2026-02-15T00:00:00.123456789+08:00",
                "2026-02-14T16:00:00Z", "2026-02-14T18:00:00+02:00", "2024-02-29T23:59:59.999+08:00", "1985-06-01T12:00:00+09:00",
                "2026-02-15T00:00+08:00"};
        for (String text : texts) {
            assertThat(Times.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text, ISO).toInstant().toEpochMilli());
        }
    }

    @Test
    void refusesWhatJavaTimeRefuses() {
        for (String bad : new String[] {"2026-02-30T00:00:00+08:00", "2026-13-01T00:00:00+08:00", "2026-02-15T24:00:00+08:00",
                "2026-02-15T00:00:00", "2026-02-15 00:00:00+08:00", "2026-02-15T0a:00:00+08:00"}) {
            assertThatThrownBy(() -> Times.parse(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
        }
    }
}
