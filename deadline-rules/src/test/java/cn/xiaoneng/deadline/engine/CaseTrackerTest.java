package cn.xiaoneng.deadline.engine;

import static cn.xiaoneng.deadline.engine.CaseHistory.millis;
import static cn.xiaoneng.deadline.engine.ScheduleAssertions.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.model.CaseEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseTrackerTest {
    private final CaseTracker tracker = CaseTracker.of(DeadlinePolicy.defaults(), WorkCalendar.china());

    /** Feeds events at their commit times, as the job would with a clock that follows them. */
    private Update feed(List<CaseEvent> events) {
        CaseFacts state = null;
        Update u = null;
        for (CaseEvent e : events) {
            u = tracker.onEvent(state, e, e.sourceCommitTime);
            state = u.state();
        }
        return u;
    }

    @Test
    void aCardFiresAtItsInstantWithNoFurtherEvent() {
        Update accepted = feed(CardScheduleTest.springFestivalCase().events());
        assertThat(accepted.raised()).isEmpty();
        assertThat(accepted.nextInstant()).hasValue(millis("2026-02-25T12:00"));
        assertThat(accepted.stateChanged()).isTrue();

        Update early = tracker.advance(accepted.state(), millis("2026-02-25T11:59:59.999"));
        assertThat(early.raised()).isEmpty();
        assertThat(early.stateChanged()).isFalse();
        assertThat(early.state()).isSameAs(accepted.state());

        Update onTime = tracker.advance(early.state(), millis("2026-02-25T12:00"));
        assertThat(lines(onTime.raised())).containsExactly("WARNING elapsed>=50% 2026-02-25T12:00:00+08:00");
        assertThat(onTime.nextInstant()).hasValue(millis("2026-02-26T18:00"));
        assertThat(onTime.state().emitted()).hasSize(1);

        Update again = tracker.advance(onTime.state(), millis("2026-02-25T13:00"));
        assertThat(again.raised()).as("a card is raised once").isEmpty();
    }

    @Test
    void aClockFarAheadRaisesEverythingDueInInstantOrder() {
        Update accepted = feed(CardScheduleTest.springFestivalCase().events());
        Update late = tracker.advance(accepted.state(), millis("2026-03-31T00:00"));
        assertThat(lines(late.raised())).containsExactly(
                "WARNING elapsed>=50% 2026-02-25T12:00:00+08:00",
                "WARNING elapsed>=75% 2026-02-26T18:00:00+08:00",
                "WARNING remaining<=1WD 2026-02-27T00:00:00+08:00",
                "YELLOW due 2026-02-28T00:00:00+08:00",
                "RED due+3WD 2026-03-04T00:00:00+08:00");
        assertThat(late.nextInstant()).isEmpty();
        assertThat(late.nextWakeUp()).isEmpty();
    }

    @Test
    void cardsOfOneInstantComeOutInCardIdOrder() {
        CaseHistory h = CaseHistory.committed("C-ST", "5WD").accepted("2026-03-02T10:00")
                .stepStarted("S1", "承办", "王芳", "2026-03-02T11:00");
        Update u = tracker.advance(feed(h.events()).state(), millis("2026-03-05T12:00"));
        assertThat(u.raised()).hasSize(2).allMatch(c -> c.instant == millis("2026-03-05T12:00"));
        assertThat(u.raised().get(0).cardId).isLessThan(u.raised().get(1).cardId);
    }

    @Test
    void aCompletionEnteredLateRetractsTheCardsItPrevented() {
        CaseHistory h = CaseHistory.committed("C-LATE", "5WD").accepted("2026-03-02T10:00");
        Update raised = tracker.advance(feed(h.events()).state(), millis("2026-03-10T09:00"));
        assertThat(lines(raised.raised())).containsExactly(
                "WARNING elapsed>=50% 2026-03-05T12:00:00+08:00",
                "WARNING elapsed>=75% 2026-03-06T18:00:00+08:00",
                "WARNING remaining<=1WD 2026-03-07T00:00:00+08:00",
                "YELLOW due 2026-03-10T00:00:00+08:00");

        // the completion happened Fri 03-06 17:00 on paper and is entered Tue 03-10 09:30
        CaseEvent completion = h.completed("2026-03-06T17:00").enteredAt("2026-03-10T09:30").last();
        Update u = tracker.onEvent(raised.state(), completion, completion.sourceCommitTime);
        assertThat(lines(u.retracted())).containsExactly(
                "RETRACTED WARNING elapsed>=75% 2026-03-06T18:00:00+08:00",
                "RETRACTED WARNING remaining<=1WD 2026-03-07T00:00:00+08:00",
                "RETRACTED YELLOW due 2026-03-10T00:00:00+08:00");
        assertThat(u.raised()).isEmpty();
        Card yellow = u.retracted().get(2);
        assertThat(yellow.cardId).isEqualTo(raised.raised().get(3).cardId);
        assertThat(yellow.holder).as("the retraction carries the card as it was").isNotNull();
        assertThat(u.state().emitted()).extracting(EmittedCard::qualifier).containsExactly("elapsed>=50%");
        assertThat(u.closed()).isTrue();
        assertThat(u.emitted()).hasSize(3);
    }

    @Test
    void aPauseEnteredLateRetractsAndRaisesTheMovedCard() {
        CaseHistory h = CaseHistory.committed("C-P", "5WD").accepted("2026-03-02T10:00");
        Update raised = tracker.advance(feed(h.events()).state(), millis("2026-03-10T01:00"));
        CaseEvent stop = h.suspended("检验", "2026-03-03T00:00").enteredAt("2026-03-10T02:00").last();
        CaseEvent go = h.resumed("2026-03-03T12:00").enteredAt("2026-03-10T02:00").last();
        Update afterStop = tracker.onEvent(raised.state(), stop, millis("2026-03-10T02:00"));
        Update afterGo = tracker.onEvent(afterStop.state(), go, millis("2026-03-10T02:00"));
        // the open pause withdrew everything after Tue 00:00; its end brings the cards back 12 h later
        assertThat(lines(afterStop.retracted())).hasSize(4);
        assertThat(lines(afterGo.raised())).containsExactly(
                "WARNING elapsed>=50% 2026-03-06T00:00:00+08:00",
                "WARNING elapsed>=75% 2026-03-09T06:00:00+08:00",
                "WARNING remaining<=1WD 2026-03-09T12:00:00+08:00");
        assertThat(afterGo.nextInstant()).hasValue(millis("2026-03-10T12:00")); // the yellow, 12 h later
    }

    @Test
    void aDuplicateEventChangesNothing() {
        CaseHistory h = CardScheduleTest.springFestivalCase();
        Update first = tracker.advance(feed(h.events()).state(), millis("2026-02-26T00:00"));
        Update dup = tracker.onEvent(first.state(), h.events().get(0), millis("2026-02-26T00:00"));
        assertThat(dup.state()).isSameAs(first.state());
        assertThat(dup.stateChanged()).isFalse();
        assertThat(dup.raised()).isEmpty();
        assertThat(dup.retracted()).isEmpty();
        assertThat(dup.nextInstant()).isEqualTo(first.nextInstant());
    }

    @Test
    void aPaperCaseEnteredHoursLaterRaisesWhatItsTrueTimesDemandAtOnce() {
        // an 即办件 accepted on paper at 10:00 and entered at 21:00 the same day
        CaseHistory h = CaseHistory.committed("C-PAPER", "IMMEDIATE").kind(cn.xiaoneng.model.CaseKind.IMMEDIATE)
                .accepted("2026-03-02T10:00").enteredAt("2026-03-02T21:00");
        Update u = feed(h.events());
        assertThat(lines(u.raised())).containsExactly(
                "WARNING elapsed>=50% 2026-03-02T17:00:00+08:00",
                "WARNING elapsed>=75% 2026-03-02T20:30:00+08:00");
        assertThat(u.nextInstant()).hasValue(millis("2026-03-03T00:00"));
    }

    @Test
    void aClosedCaseIsClearedAfterItsRetention() {
        CaseHistory h = CaseHistory.committed("C-CL", "5WD").accepted("2026-03-02T10:00").completed("2026-03-04T10:00");
        Update closed = feed(h.events());
        assertThat(closed.closed()).isTrue();
        long clearAt = millis("2026-03-11T10:00"); // closed + 7 days (policy closed.retention)
        assertThat(closed.clearAt()).hasValue(clearAt);
        assertThat(closed.clear()).isFalse();
        assertThat(closed.nextInstant()).isEmpty();
        assertThat(closed.nextWakeUp()).hasValue(clearAt);
        assertThat(tracker.advance(closed.state(), clearAt - 1).clear()).isFalse();
        Update done = tracker.advance(closed.state(), clearAt);
        assertThat(done.clear()).isTrue();
        assertThat(done.nextWakeUp()).isEmpty();
    }

    @Test
    void theRetentionRunsFromTheLatestCommitOfAnyFact() {
        CaseHistory h = CaseHistory.committed("C-CL", "5WD").accepted("2026-03-02T10:00").completed("2026-03-04T10:00")
                .delivered("2026-03-06T10:00").enteredAt("2026-03-09T10:00");
        assertThat(feed(h.events()).clearAt()).hasValue(millis("2026-03-09T10:00") + Duration.ofDays(7).toMillis());
    }

    @Test
    void anOpenCaseIsNeverCleared() {
        Update u = tracker.advance(feed(CardScheduleTest.springFestivalCase().events()).state(), Long.MAX_VALUE);
        assertThat(u.closed()).isFalse();
        assertThat(u.clearAt()).isEmpty();
        assertThat(u.clear()).isFalse();
    }

    @Test
    void theStateSurvivesEncodingMidWay() {
        CaseHistory h = CaseHistory.committed("C-ENC", "5WD").accepted("2026-03-02T10:00")
                .stepStarted("S1", "承办", "王芳", "2026-03-02T11:00");
        Update u = tracker.advance(feed(h.events()).state(), millis("2026-03-06T00:00"));
        CaseFacts restored = CaseFacts.decode(u.state().encode());
        assertThat(restored).isEqualTo(u.state());
        Update a = tracker.advance(u.state(), millis("2026-03-20T00:00"));
        Update b = tracker.advance(restored, millis("2026-03-20T00:00"));
        assertThat(b.raised()).isEqualTo(a.raised());
        assertThat(b.state().encode()).isEqualTo(a.state().encode());
    }

    @Test
    void aChangedPolicyRetractsTheOldVersionsCardsWithWhatTheStateKnows() {
        CaseHistory h = CaseHistory.committed("C-V", "5WD").accepted("2026-03-02T10:00");
        Update v1 = tracker.advance(feed(h.events()).state(), millis("2026-03-06T00:00"));
        CaseTracker v2 = CaseTracker.of(DeadlinePolicy.defaults().toBuilder().ruleVersion("hn-cs-zwzx/2026.2").build(), WorkCalendar.china());
        Update u = v2.advance(v1.state(), millis("2026-03-06T00:00"));
        assertThat(lines(u.retracted())).containsExactly("RETRACTED WARNING elapsed>=50% 2026-03-05T12:00:00+08:00");
        Card skeleton = u.retracted().get(0);
        assertThat(skeleton.ruleVersion).isEqualTo("hn-cs-zwzx/2026.1");
        assertThat(skeleton.cardId).isEqualTo(v1.raised().get(0).cardId);
        assertThat(skeleton.holder).isNull();
        assertThat(u.raised()).extracting(c -> c.ruleVersion).containsExactly("hn-cs-zwzx/2026.2");
    }

    @Test
    void anEventOfAnotherCaseIsRefused() {
        CaseFacts state = feed(CardScheduleTest.springFestivalCase().events()).state();
        CaseEvent other = CaseHistory.committed("OTHER", "5WD").accepted("2026-03-02T10:00").last();
        assertThatThrownBy(() -> tracker.onEvent(state, other, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTrackerServesTheTrackingTable() {
        CaseHistory h = CaseHistory.committed("C-T", "5WD").accepted("2026-03-02T10:00").stepStarted("S1", "承办", "王芳", "2026-03-03T00:00");
        TrackingTable t = tracker.tracking(feed(h.events()).state(), millis("2026-03-04T12:00"));
        assertThat(t.steps).hasSize(1);
        assertThat(t.steps[0].usedMillis).isEqualTo(Duration.ofHours(36).toMillis());
    }

    @Test
    void theSameFeedGivesTheSameUpdates() {
        List<Update> a = new ArrayList<>();
        List<Update> b = new ArrayList<>();
        for (List<Update> out : List.of(a, b)) {
            CaseFacts state = null;
            for (CaseEvent e : CaseFactsTest.typicalCase().events()) {
                Update u = tracker.onEvent(state, e, e.sourceCommitTime + 3_600_000);
                out.add(u);
                state = u.state();
            }
        }
        assertThat(a).isEqualTo(b);
    }
}
