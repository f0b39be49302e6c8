package cn.xiaoneng.deadline.engine;

import static cn.xiaoneng.deadline.engine.CaseHistory.millis;
import static cn.xiaoneng.deadline.engine.ScheduleAssertions.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.model.CaseEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeadlineEngineTest {
    private static final Calendars CHINA = Calendars.of(WorkCalendar.china());

    static List<CaseEvent> severalCases() {
        List<CaseEvent> all = new ArrayList<>();
        all.addAll(CardScheduleTest.springFestivalCase().events());
        all.addAll(CaseFactsTest.typicalCase().events());
        all.addAll(CaseHistory.committed("C-LATE", "5WD").accepted("2026-03-02T10:00")
                .completed("2026-03-06T17:00").enteredAt("2026-03-10T09:30").events());
        all.addAll(CaseHistory.joint("C-LB", "20WD", "zjj", "zrzy", "xf").accepted("2026-03-02T10:00")
                .stepStartedBy("xf", "X1", "消防审查", "冯涛", "2026-03-04T09:00").absent("zrzy", "Z1", "2026-03-05T10:00").events());
        return all;
    }

    @Test
    void replayingTheSameEventsTwiceGivesIdenticalCards() {
        List<Card> first = DeadlineEngine.replay(severalCases(), DeadlinePolicy.defaults(), CHINA);
        List<Card> second = DeadlineEngine.replay(severalCases(), DeadlinePolicy.defaults(), CHINA);
        assertThat(second).isEqualTo(first);
        CardCodec codec = new CardCodec();
        assertThat(second.stream().map(codec::encodeToString).toList()).isEqualTo(first.stream().map(codec::encodeToString).toList());
    }

    @Test
    void theOrderOfTheEventsInTheFileDoesNotMatter() {
        List<Card> sorted = DeadlineEngine.replay(severalCases(), DeadlinePolicy.defaults(), CHINA);
        List<CaseEvent> shuffled = new ArrayList<>(severalCases());
        Collections.shuffle(shuffled, new Random(42));
        assertThat(DeadlineEngine.replay(shuffled, DeadlinePolicy.defaults(), CHINA)).isEqualTo(sorted);
    }

    @Test
    void cardsComeOutInInstantOrderWithRetractionsAfterTheirRaise() {
        List<Card> cards = DeadlineEngine.replay(severalCases(), DeadlinePolicy.defaults(), CHINA);
        assertThat(cards).isSortedAccordingTo(Card.BY_INSTANT);
        assertThat(lines(cards.stream().filter(c -> c.caseId.equals("C-LATE")).toList())).containsExactly(
                "WARNING elapsed>=50% 2026-03-05T12:00:00+08:00",
                "WARNING elapsed>=75% 2026-03-06T18:00:00+08:00",
                "RETRACTED WARNING elapsed>=75% 2026-03-06T18:00:00+08:00",
                "WARNING remaining<=1WD 2026-03-07T00:00:00+08:00",
                "RETRACTED WARNING remaining<=1WD 2026-03-07T00:00:00+08:00",
                "YELLOW due 2026-03-10T00:00:00+08:00",
                "RETRACTED YELLOW due 2026-03-10T00:00:00+08:00");
    }

    @Test
    void theReplayEndsWithWhatTheScheduleSays() {
        List<Card> cards = DeadlineEngine.replay(severalCases(), DeadlinePolicy.defaults(), CHINA);
        List<Card> springFestival = cards.stream().filter(c -> c.caseId.equals("C-SF")).toList();
        assertThat(springFestival).isEqualTo(ScheduleAssertions.schedule(CardScheduleTest.springFestivalCase()).cards());
        assertThat(lines(cards.stream().filter(c -> c.caseId.equals("C-LB")).toList())).contains(
                "ABSENCE_DEFAULT zrzy 2026-03-05T10:00:00+08:00",
                "DEEMED_CONSENT xf 2026-03-12T00:00:00+08:00");
    }

    @Test
    void untilStopsTheClockAndIgnoresLaterCommits() {
        CaseTracker tracker = new CaseTracker(Policies.of(DeadlinePolicy.defaults()), CHINA);
        List<Card> cards = DeadlineEngine.replay(severalCases(), tracker, OptionalLong.of(millis("2026-03-07T00:00")));
        assertThat(cards).allMatch(c -> c.instant <= millis("2026-03-07T00:00"));
        // C-LATE's completion is committed only on 03-10: by 03-07 its cards stood
        assertThat(lines(cards.stream().filter(c -> c.caseId.equals("C-LATE")).toList())).containsExactly(
                "WARNING elapsed>=50% 2026-03-05T12:00:00+08:00",
                "WARNING elapsed>=75% 2026-03-06T18:00:00+08:00",
                "WARNING remaining<=1WD 2026-03-07T00:00:00+08:00");
    }

    @Test
    void aCardIdIsStableAcrossBuildsAndReplays() {
        // hex(SHA-256("hn-cs-zwzx␁C-SF␁YELLOW␁due␁1772208000000␁hn-cs-zwzx/2026.1")), computed outside Java
        String expected = "4fd5a3548d74cc4e92a12d4ff15610121978eac42ccb414baf3b4daebd366adb";
        assertThat(CardIds.of("hn-cs-zwzx", "C-SF", CardKind.YELLOW, "due", millis("2026-02-28T00:00"), "hn-cs-zwzx/2026.1"))
                .isEqualTo(expected);
        assertThat(DeadlineEngine.replay(severalCases(), DeadlinePolicy.defaults(), CHINA))
                .filteredOn(c -> c.caseId.equals("C-SF") && c.kind == CardKind.YELLOW).extracting(c -> c.cardId).containsExactly(expected);
    }

    @Test
    void eventsWithoutIdentityAreRefused() {
        CaseEvent e = CardScheduleTest.springFestivalCase().last();
        e.eventId = null;
        assertThatThrownBy(() -> DeadlineEngine.replay(List.of(e), DeadlinePolicy.defaults(), CHINA))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSameCaseIdInTwoCentersIsTwoCases() {
        List<CaseEvent> a = CardScheduleTest.springFestivalCase().events();
        List<CaseEvent> b = CardScheduleTest.springFestivalCase().events();
        b.forEach(e -> e.centerId = "hn-cd-zwzx");
        List<CaseEvent> both = new ArrayList<>(a);
        both.addAll(b);
        List<Card> cards = DeadlineEngine.replay(both, DeadlinePolicy.defaults(), CHINA);
        assertThat(cards).hasSize(10);
        assertThat(cards.stream().map(c -> c.cardId).distinct()).hasSize(10);
    }
}
