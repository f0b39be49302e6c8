package cn.xiaoneng.deadline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.Times;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Seeded random case histories: the invariants of replay, retraction and state encoding hold for all of them. */
class EnginePropertiesTest {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final Calendars CHINA = Calendars.of(WorkCalendar.china());

    /** A random case: 受理 in 2026, up to three steps, maybe a pause, maybe entered late, maybe closed. */
    static CaseHistory randomCase(Random r, int n) {
        String[] limits = {"IMMEDIATE", "1WD", "3WD", "5WD", "20WD", "10ND"};
        CaseHistory h = r.nextInt(6) == 0
                ? CaseHistory.joint("R" + n, limits[2 + r.nextInt(3)], "zjj", "zrzy", "xf")
                : CaseHistory.committed("R" + n, limits[r.nextInt(limits.length)]);
        LocalDateTime t = LocalDateTime.of(2026, 1, 1, 9, 0).plusDays(r.nextInt(330)).plusMinutes(r.nextInt(480));
        h.accepted(LOCAL.format(t));
        String[] names = {"承办", "审核", "批准"};
        String[] departments = {"scjg", "zrzy", "xf"};
        for (int s = 0; s < r.nextInt(4); s++) {
            t = t.plusMinutes(30 + r.nextInt(60 * 24 * 4));
            String dept = departments[r.nextInt(departments.length)];
            h.stepStartedBy(dept, "R" + n + "-" + s, names[s % 3], "经办" + r.nextInt(5), LOCAL.format(t));
            if (r.nextInt(5) == 0) {
                LocalDateTime p = t.plusMinutes(r.nextInt(60 * 24));
                h.suspended("检验", LOCAL.format(p));
                if (r.nextInt(4) != 0) {
                    h.resumed(LOCAL.format(p.plusMinutes(60 + r.nextInt(60 * 24 * 3))));
                }
            }
            if (r.nextInt(6) == 0) {
                h.absent(dept, "R" + n + "-" + s, LOCAL.format(t.plusMinutes(5)));
                continue;
            }
            t = t.plusMinutes(30 + r.nextInt(60 * 24 * 5));
            if (r.nextInt(8) != 0) {
                h.stepCompletedBy(dept, "R" + n + "-" + s, names[s % 3], "经办" + r.nextInt(5), LOCAL.format(t));
            }
        }
        if (r.nextInt(3) != 0) {
            t = t.plusMinutes(r.nextInt(60 * 24 * 6));
            switch (r.nextInt(5)) {
                case 0 -> h.returned(LOCAL.format(t));
                case 1 -> h.completedApplicantAbsent(LOCAL.format(t));
                default -> h.completed(LOCAL.format(t));
            }
        }
        // some facts are entered late (paper cases, an outage): up to three days after they happened
        for (CaseEvent e : h.events()) {
            if (r.nextInt(5) == 0) {
                e.sourceCommitTime = e.businessTime + r.nextInt(3 * 24 * 60) * 60_000L;
            }
        }
        return h;
    }

    @Test
    void theNetOfEveryReplayIsTheFinalScheduleAndRetractionsFollowTheirRaise() {
        Random r = new Random(20260213);
        int retractions = 0;
        Set<CardKind> kinds = java.util.EnumSet.noneOf(CardKind.class);
        for (int n = 0; n < 300; n++) {
            CaseHistory h = randomCase(r, n);
            List<CaseEvent> events = h.events();
            List<Card> records = DeadlineEngine.replay(events, DeadlinePolicy.defaults(), CHINA);

            Set<String> live = new LinkedHashSet<>();
            Set<String> everRaised = new HashSet<>();
            for (Card c : records) {
                if (c.status == CardStatus.RAISED) {
                    assertThat(live.add(c.cardId)).as("case %s: %s raised twice in a row", h.caseId(), c).isTrue();
                    everRaised.add(c.cardId);
                    kinds.add(c.kind);
                } else {
                    retractions++;
                    assertThat(live.remove(c.cardId)).as("case %s: %s retracted before it was raised", h.caseId(), c).isTrue();
                }
            }
            CardSchedule finalSchedule = CardSchedule.compute(CaseFacts.of(events), DeadlinePolicy.defaults(), CaseHistory.CHINA);
            assertThat(live).as("case %s", h.caseId()).containsExactlyInAnyOrderElementsOf(
                    finalSchedule.cards().stream().map(c -> c.cardId).toList());
            assertThat(records).isSortedAccordingTo(Card.BY_INSTANT);

            List<CaseEvent> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, r);
            assertThat(DeadlineEngine.replay(shuffled, DeadlinePolicy.defaults(), CHINA)).as("case %s shuffled", h.caseId()).isEqualTo(records);
        }
        // the histories are rich enough to matter: late facts retract cards, and every kind occurs
        assertThat(retractions).isGreaterThan(20);
        assertThat(kinds).containsExactlyInAnyOrder(CardKind.values());
    }

    @Test
    void encodingTheStateBetweenCallsChangesNothing() {
        Random r = new Random(7);
        CaseTracker tracker = CaseTracker.of(DeadlinePolicy.defaults(), WorkCalendar.china());
        for (int n = 0; n < 100; n++) {
            List<CaseEvent> events = new ArrayList<>(randomCase(r, n).events());
            events.sort(java.util.Comparator.comparingLong((CaseEvent e) -> e.sourceCommitTime).thenComparing(e -> e.eventId));
            CaseFacts kept = null;
            CaseFacts stored = null;
            for (CaseEvent e : events) {
                Update a = tracker.onEvent(kept, e, e.sourceCommitTime);
                Update b = tracker.onEvent(stored == null ? null : CaseFacts.decode(stored.encode()), e, e.sourceCommitTime);
                assertThat(b.raised()).isEqualTo(a.raised());
                assertThat(b.retracted()).isEqualTo(a.retracted());
                assertThat(b.nextInstant()).isEqualTo(a.nextInstant());
                kept = a.state();
                stored = b.state();
            }
            assertThat(stored.encode()).isEqualTo(kept.encode());
        }
    }

    @Test
    void aCardIsNeverRaisedBeforeItsInstantNorAfterTheCaseClosed() {
        Random r = new Random(11);
        for (int n = 0; n < 200; n++) {
            CaseHistory h = randomCase(r, n);
            CardSchedule s = CardSchedule.compute(h.facts(), DeadlinePolicy.defaults(), CaseHistory.CHINA);
            for (Card c : s.cards()) {
                s.closedAt().ifPresent(closed -> assertThat(c.instant).as("%s closed %s", c, Times.format(closed)).isLessThan(closed));
                assertThat(c.accepted).isNotNull().isLessThanOrEqualTo(c.instant);
                assertThat(Instant.ofEpochMilli(c.instant)).isAfter(Instant.parse("2026-01-01T00:00:00Z"));
            }
        }
    }
}
