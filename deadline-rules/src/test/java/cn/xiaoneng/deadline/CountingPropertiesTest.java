package cn.xiaoneng.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.model.Limit;
import cn.xiaoneng.model.LimitUnit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Properties that hold for every input, checked over seeded random cases (deterministic on every run). */
class CountingPropertiesTest {
    private static final Instant FROM = Instants.at("2025-01-01T00:00");
    private static final long SPAN_SECONDS = Duration.ofDays(600).toSeconds();
    private final DeadlineCalculator calculator = DeadlineCalculator.china();

    private static Instant randomInstant(Random random) {
        return FROM.plusSeconds((long) (random.nextDouble() * SPAN_SECONDS));
    }

    private static List<Pause> randomPauses(Random random, Instant accepted) {
        List<Pause> pauses = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            Instant from = accepted.plusSeconds(random.nextInt(40 * 86_400));
            pauses.add(Pause.of(from, from.plusSeconds(random.nextInt(5 * 86_400))));
        }
        return pauses;
    }

    private static Limit randomLimit(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> Limit.workingDays(random.nextInt(46));
            case 1 -> Limit.naturalDays(random.nextInt(61));
            default -> Limit.immediate();
        };
    }

    @Test
    void dueIsNeverEarlierWhenTheLimitGrows() {
        Random random = new Random(20260213);
        for (int i = 0; i < 300; i++) {
            Instant accepted = randomInstant(random);
            List<Pause> pauses = randomPauses(random, accepted);
            assertMonotone(accepted, LimitUnit.WORKING_DAYS, pauses, Rounding.EXACT);
            assertMonotone(accepted, LimitUnit.WORKING_DAYS, pauses, Rounding.WHOLE_DAY);
            assertMonotone(accepted, LimitUnit.NATURAL_DAYS, List.of(), Rounding.EXACT);
            assertMonotone(accepted, LimitUnit.NATURAL_DAYS, pauses, Rounding.EXACT);
        }
    }

    private void assertMonotone(Instant accepted, LimitUnit unit, List<Pause> pauses, Rounding rounding) {
        Instant previous = null;
        for (int n = 0; n <= 45; n++) {
            DueRequest request = DueRequest.of(accepted, new Limit(n, unit)).withPauses(pauses).withRounding(rounding);
            Instant due = calculator.due(request).due();
            if (previous != null) {
                assertThat(due).as("%s %d%s %s %s", accepted, n, unit, pauses, rounding).isAfterOrEqualTo(previous);
                if (unit == LimitUnit.WORKING_DAYS && n > 1) {
                    assertThat(due).as("one more working day is always later").isAfter(previous);
                }
            }
            previous = due;
        }
    }

    @Test
    void naturalDayCountEndingMidDayOnARestDayDoesNotOvertakeALongerLimit() {
        // 受理 Thu 2026-03-05, 12 h paused on Fri: the 2ND count ends Sun 12:00 → rolls to 24:00 Mon (Art. 203 ¶1);
        // the 3ND count ends Mon 12:00, and Monday as the last day ends at 24:00 too (¶2). Were a mid-day end on a
        // working day kept, 3ND would be due 12 h before 2ND.
        List<Pause> pauses = List.of(Pause.of(Instants.at("2026-03-06T00:00"), Instants.at("2026-03-06T12:00")));
        assertThat(calculator.due(Instants.at("2026-03-05T10:00"), Limit.naturalDays(2), pauses).dueText())
                .isEqualTo("2026-03-10T00:00:00+08:00");
        assertThat(calculator.due(Instants.at("2026-03-05T10:00"), Limit.naturalDays(3), pauses).dueText())
                .isEqualTo("2026-03-10T00:00:00+08:00");
    }

    @Test
    void naturalDayPauseThatWouldDefeatTheRollForwardDoesNotShortenTheLimit() {
        // 受理 Wed 2025-10-08, 24ND ends Sat Nov 1 → 24:00 Mon Nov 3. A 26 h pause moves the count to Mon 02:00:
        // still Monday, still 24:00 — a pause never makes the due earlier.
        DueResult plain = calculator.due(Instants.at("2025-10-08T10:00"), Limit.naturalDays(24));
        DueResult paused = calculator.due(Instants.at("2025-10-08T10:00"), Limit.naturalDays(24),
                List.of(Pause.of(Instants.at("2025-10-20T00:00"), Instants.at("2025-10-21T02:00"))));
        assertThat(plain.dueText()).isEqualTo("2025-11-04T00:00:00+08:00");
        assertThat(paused.dueText()).isEqualTo("2025-11-04T00:00:00+08:00");
    }

    @Test
    void naturalDayDueIsAlwaysMidnightEndingAWorkingDayEvenWithPauses() {
        Random random = new Random(17);
        for (int i = 0; i < 500; i++) {
            Instant accepted = randomInstant(random);
            List<Pause> pauses = randomPauses(random, accepted);
            DueResult r = calculator.due(accepted, Limit.naturalDays(1 + random.nextInt(60)), pauses);
            var lastDay = calculator.calendar().dateOf(r.due().minusNanos(1));
            assertThat(r.due()).as(r.dueText()).isEqualTo(calculator.calendar().startOf(lastDay.plusDays(1)));
            assertThat(calculator.calendar().isWorkingDay(lastDay)).as(r.dueText()).isTrue();
        }
    }

    @Test
    void zeroLengthPauseChangesNothing() {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            Instant accepted = randomInstant(random);
            Limit limit = randomLimit(random);
            List<Pause> pauses = randomPauses(random, accepted);
            Instant at = accepted.plusSeconds(random.nextInt(60 * 86_400));
            List<Pause> withEmpty = new ArrayList<>(pauses);
            withEmpty.add(Pause.of(at, at));
            assertThat(calculator.due(accepted, limit, withEmpty).due()).as("%s %s %s", accepted, limit, at)
                    .isEqualTo(calculator.due(accepted, limit, pauses).due());
        }
    }

    @Test
    void pausesNeverMakeTheDueEarlier() {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            Instant accepted = randomInstant(random);
            Limit limit = randomLimit(random);
            List<Pause> pauses = randomPauses(random, accepted);
            assertThat(calculator.due(accepted, limit, pauses).due()).as("%s %s %s", accepted, limit, pauses)
                    .isAfterOrEqualTo(calculator.due(accepted, limit).due());
        }
    }

    @Test
    void workingDayDueIsExactlyTheLimitOfCountedTimeAfterCountingStarts() {
        // rule 2 + rule 5: between counting start and the due instant exactly N × 24 h accrue, pauses excluded
        Random random = new Random(99);
        for (int i = 0; i < 500; i++) {
            Instant accepted = randomInstant(random);
            int n = 1 + random.nextInt(45);
            List<Pause> pauses = randomPauses(random, accepted);
            DueResult r = calculator.due(accepted, Limit.workingDays(n), pauses);
            assertThat(calculator.countedBetween(r.countingStart(), r.due(), pauses))
                    .as("%s %dWD %s", accepted, n, pauses).isEqualTo(Duration.ofDays(n));
        }
    }

    @Test
    void pausesMoveAWorkingDayDueByExactlyTheCountedTimeTheyCovered() {
        Random random = new Random(5);
        for (int i = 0; i < 300; i++) {
            Instant accepted = randomInstant(random);
            int n = 1 + random.nextInt(30);
            List<Pause> pauses = randomPauses(random, accepted);
            DueResult plain = calculator.due(accepted, Limit.workingDays(n));
            DueResult paused = calculator.due(accepted, Limit.workingDays(n), pauses);
            // the counted time between the two due instants is what the pauses covered in the paused window
            assertThat(calculator.countedBetween(plain.due(), paused.due(), List.of())).isEqualTo(paused.pausedTime());
        }
    }

    @Test
    void pauseOrderDoesNotMatter() {
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            Instant accepted = randomInstant(random);
            Limit limit = randomLimit(random);
            List<Pause> pauses = randomPauses(random, accepted);
            List<Pause> reversed = new ArrayList<>(pauses);
            java.util.Collections.reverse(reversed);
            assertThat(calculator.due(accepted, limit, reversed).due()).isEqualTo(calculator.due(accepted, limit, pauses).due());
        }
    }

    @Test
    void dueIsAlwaysAfterAcceptanceAndNeverOnARestDayForWholeDayResults() {
        Random random = new Random(3);
        for (int i = 0; i < 500; i++) {
            Instant accepted = randomInstant(random);
            Limit limit = randomLimit(random);
            DueResult r = calculator.due(accepted, limit);
            assertThat(r.due()).isAfter(accepted);
            // without pauses every due is 24:00 of a working day (rules 2, 3, 4)
            var lastDay = calculator.calendar().dateOf(r.due().minusNanos(1));
            assertThat(calculator.calendar().isWorkingDay(lastDay)).as("%s %s → %s", accepted, limit, r.dueText()).isTrue();
            assertThat(r.due()).isEqualTo(calculator.calendar().startOf(lastDay.plusDays(1)));
        }
    }
}
