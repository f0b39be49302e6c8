package cn.xiaoneng.incident.impact;

import static cn.xiaoneng.incident.Instants.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackfillImpactTest {
    private static CaseEntry entry(String id, String window, String accepted, String committed) {
        return new CaseEntry(id, "crj", window, at(accepted), at(committed));
    }

    /** The substation outage, Tue 14:00 → Wed 18:00: W11 accepted on paper and enters the cases from Wed evening. */
    private static final List<CaseEntry> ENTRIES = List.of(
            entry("C1", "W11", "2026-03-03T13:50", "2026-03-03T13:51"),   // before the outage
            entry("C2", "W11", "2026-03-03T14:20", "2026-03-04T18:30"),
            entry("C3", "W11", "2026-03-03T15:00", "2026-03-04T18:40"),
            entry("C4", "W11", "2026-03-04T09:30", "2026-03-05T09:10"),
            entry("C5", "W12", "2026-03-04T10:00", "2026-03-04T10:05"),   // entered at once: not paper
            entry("C6", "W12", "2026-03-04T11:00", "2026-03-04T18:20"),
            entry("C7", "W99", "2026-03-04T11:00", "2026-03-04T19:00"));  // another window, not affected

    @Test
    void countsCasesEnteredLateHowLateAndHowManyAreStillMissing() {
        BackfillImpact b = BackfillImpact.compute(at("2026-03-03T14:00"), at("2026-03-04T18:00"), at("2026-03-04T23:59"), ENTRIES, Set.of("crj"),
                Set.of("W11", "W12"), Map.of("W11", 5, "W12", 1), BackfillImpact.DEFAULT_ENTERED_LATE_AFTER);
        assertThat(b.inScope()).as("C4 is not entered yet at 23:59").isEqualTo(4);
        assertThat(b.backfilled()).isEqualTo(3);
        assertThat(b.missing()).as("W11: 5 on paper, 2 entered; W12: 1 on paper, 1 entered").isEqualTo(3);
        assertThat(b.latenessMax()).isEqualTo(Duration.parse("PT28H10M"));
        assertThat(b.latenessP50()).isEqualTo(Duration.parse("PT27H40M"));
        assertThat(b.lastEnteredAt()).isEqualTo(at("2026-03-04T18:40"));
        assertThat(b.windows()).extracting(BackfillImpact.WindowBackfill::windowId, BackfillImpact.WindowBackfill::registered,
                BackfillImpact.WindowBackfill::backfilled, BackfillImpact.WindowBackfill::missing)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("W11", 5, 2, 3), org.assertj.core.groups.Tuple.tuple("W12", 1, 1, 0));

        BackfillImpact later = BackfillImpact.compute(at("2026-03-03T14:00"), at("2026-03-04T18:00"), at("2026-03-06T00:00"), ENTRIES,
                Set.of("crj"), Set.of("W11", "W12"), Map.of("W11", 5, "W12", 1), BackfillImpact.DEFAULT_ENTERED_LATE_AFTER);
        assertThat(later.backfilled()).isEqualTo(4);
        assertThat(later.missing()).isEqualTo(2);
    }

    @Test
    void withoutAPaperRegisterTheMissingCountIsUnknown() {
        BackfillImpact b = BackfillImpact.compute(at("2026-03-03T14:00"), at("2026-03-04T18:00"), at("2026-03-06T00:00"), ENTRIES, Set.of(),
                Set.of(), Map.of(), BackfillImpact.DEFAULT_ENTERED_LATE_AFTER);
        assertThat(b.missing()).isNull();
        assertThat(b.backfilled()).isEqualTo(5);
        assertThat(b.windows()).allMatch(w -> w.registered() == null && w.missing() == null);
    }
}
