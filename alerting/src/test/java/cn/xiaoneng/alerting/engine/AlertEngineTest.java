package cn.xiaoneng.alerting.engine;

import static cn.xiaoneng.alerting.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.alerting.alert.Alert;
import cn.xiaoneng.deadline.engine.CardKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertEngineTest {
    private static final long HOUR = 3_600_000L;
    private final EngineHarness h = new EngineHarness(centerConfig(), MON_0900);

    @Test
    void aNewCardReachesTheFirstStepAfterTheGroupWait() {
        Alert yellow = raised(CardKind.YELLOW, "LC1", MON_0900);
        assertThat(h.feed(yellow)).isEqualTo(AlertEngine.Outcome.ROUTED);
        h.advanceTo(MON_0900_10S - 1);
        assertThat(h.sent).isEmpty();
        h.advanceTo(MON_0900_10S);
        assertThat(h.to("scjg-window")).singleElement().satisfies(s -> {
            assertThat(s.at()).isEqualTo(MON_0900_10S);
            assertThat(s.cards()).containsExactly(yellow.cardId());
            assertThat(s.types()).containsExactly(Item.Type.NEW);
            assertThat(s.notification().id).isEqualTo("scjg-window:1");
        });
        assertThat(h.sent).hasSize(1);
    }

    @Test
    void anUnacknowledgedCardEscalatesToTheLeaderAfterTwoHoursAndTheOfficeAfterADay() {
        Alert yellow = raised(CardKind.YELLOW, "LC1", MON_0900);
        h.feed(yellow);
        h.advanceTo(MON_1100 - 1);
        assertThat(h.to("scjg-leader")).isEmpty();
        // step 1 at +2h, then the leader's default group wait of 30 s
        h.advanceTo(MON_1100 + 30_000);
        assertThat(h.to("scjg-leader")).singleElement().satisfies(s -> {
            assertThat(s.at()).isEqualTo(MON_1100 + 30_000);
            assertThat(s.types()).containsExactly(Item.Type.ESCALATED);
            assertThat(s.channel()).isEqualTo("email");
        });
        assertThat(h.to("center-office")).isEmpty();
        h.advanceTo(TUE_0900 + 30_000);
        assertThat(h.to("center-office")).singleElement().satisfies(s -> assertThat(s.at()).isEqualTo(TUE_0900 + 30_000));
    }

    @Test
    void anAcknowledgementStopsEscalationAndRepeats() {
        Alert yellow = raised(CardKind.YELLOW, "LC1", MON_0900);
        h.feed(yellow);
        h.advanceTo(MON_0900 + HOUR);
        assertThat(h.ack(yellow.cardId(), "王芳")).isEqualTo(AlertEngine.AckOutcome.ACKNOWLEDGED);
        assertThat(h.ack(yellow.cardId(), "王芳")).isEqualTo(AlertEngine.AckOutcome.ALREADY_ACKNOWLEDGED);
        h.advanceTo(TUE_0900 + 10 * HOUR);
        assertThat(h.sent).extracting(EngineHarness.Sent::receiver).containsExactly("scjg-window");
        assertThat(h.audit(AuditEvent.Type.ACKNOWLEDGED)).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("王芳"));
        assertThat(h.engine.nextWakeUp()).isNull();
    }

    @Test
    void aRedCardAlwaysReachesTheSupervisoryBodyOnEveryChannelAtOnce() {
        Alert red = raised(CardKind.RED, "LC1", MON_0900);
        h.feed(red);
        h.advanceTo(MON_0900);
        assertThat(h.to("jiancha")).extracting(EngineHarness.Sent::channel).containsExactly("webhook", "email");
        assertThat(h.to("jiancha").get(0).cards()).containsExactly(red.cardId());
    }

    @Test
    void anAcknowledgementNeverHoldsBackTheSupervisoryBody() {
        var h2 = new EngineHarness(centerConfig(), MON_0900);
        // group wait 0 s for 监察: acknowledge in the same instant, before the tick that flushes
        Alert red = raised(CardKind.RED, "LC1", MON_0900);
        h2.engine.onAlert(red, MON_0900);
        h2.engine.ack(red.cardId(), "李娜", "api", MON_0900);
        h2.advanceTo(MON_0900 + 60_000);
        assertThat(h2.to("jiancha")).hasSize(2);
    }

    @Test
    void aRedCardDuringAClosureStillReachesTheSupervisoryBodyButNotTheWindow() {
        var h2 = new EngineHarness(centerConfig(), FESTIVAL_MON_1000);
        Alert red = raised(CardKind.RED, "LC1", FESTIVAL_MON_1000);
        h2.feed(red);
        h2.advanceTo(FESTIVAL_MON_1000 + HOUR);
        assertThat(h2.to("jiancha")).hasSize(2);
        assertThat(h2.to("scjg-window")).isEmpty();
        assertThat(h2.audit(AuditEvent.Type.SILENCED)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("spring-festival-closure"));
    }

    @Test
    void aSilencedCardIsToldWhenTheSilenceEnds() {
        var h2 = new EngineHarness(centerConfig(), FESTIVAL_MON_1000);
        Alert yellow = raised(CardKind.YELLOW, "LC1", FESTIVAL_MON_1000);
        h2.feed(yellow);
        h2.advanceTo(FESTIVAL_END - 1);
        assertThat(h2.sent).isEmpty();
        h2.advanceTo(FESTIVAL_END + 10_000);
        assertThat(h2.to("scjg-window")).singleElement().satisfies(s -> assertThat(s.at()).isEqualTo(FESTIVAL_END + 10_000));
        // the escalation steps that fell due during the closure follow at once after it, not 2 h later
        h2.advanceTo(FESTIVAL_END + 30_000);
        assertThat(h2.to("scjg-leader")).hasSize(1);
        assertThat(h2.to("center-office")).hasSize(1);
    }

    @Test
    void cardsArrivingWithinTheGroupWaitGoOutAsOneMessage() {
        Alert a = raised(CardKind.YELLOW, "LC1", MON_0900);
        Alert b = raised(CardKind.YELLOW, "LC2", MON_0900);
        h.feed(a);
        h.advanceTo(MON_0900 + 5_000);
        h.feed(b);
        h.advanceTo(MON_0900 + 60_000);
        assertThat(h.to("scjg-window")).singleElement().satisfies(s -> assertThat(s.cards()).containsExactlyInAnyOrder(
                a.cardId(), b.cardId()));
    }

    @Test
    void aReceiverGetsAtMostOneMessagePerGroupInterval() {
        h.feed(raised(CardKind.YELLOW, "LC1", MON_0900));
        h.advanceTo(MON_0900_10S);
        h.feed(raised(CardKind.YELLOW, "LC2", MON_0900_10S));
        h.advanceTo(MON_0900_10S + 20_000);
        h.feed(raised(CardKind.YELLOW, "LC3", MON_0900_10S + 20_000));
        h.advanceTo(MON_0900 + 120_000);
        // scjg-window: groupWait 10 s, groupInterval 1 m
        assertThat(h.to("scjg-window")).extracting(EngineHarness.Sent::at).containsExactly(MON_0900_10S, MON_0900_10S + 60_000);
        assertThat(h.to("scjg-window").get(1).cards()).hasSize(2);
    }

    @Test
    void theSameCardTwiceIsRoutedOnceAndItsWithdrawalTwiceIsToldOnce() {
        Alert y = raised(CardKind.YELLOW, "LC1", MON_0900);
        h.feed(y);
        assertThat(h.feed(y)).isEqualTo(AlertEngine.Outcome.DUPLICATE);
        h.advanceTo(MON_0900 + 60_000);
        assertThat(h.feed(retracted(y))).isEqualTo(AlertEngine.Outcome.RETRACTED);
        assertThat(h.feed(retracted(y))).isEqualTo(AlertEngine.Outcome.DUPLICATE);
        assertThat(h.feed(y)).isEqualTo(AlertEngine.Outcome.DUPLICATE);
        h.advanceTo(TUE_0900 + 10 * HOUR);
        assertThat(h.to("scjg-window")).extracting(EngineHarness.Sent::types)
                .containsExactly(List.of(Item.Type.NEW), List.of(Item.Type.RETRACTED));
        assertThat(h.to("scjg-leader")).isEmpty();
    }

    @Test
    void aCardWithdrawnBeforeItsMessageWentOutIsToldToNobody() {
        Alert y = raised(CardKind.YELLOW, "LC1", MON_0900);
        h.feed(y);
        h.advanceTo(MON_0900 + 5_000);
        h.feed(retracted(y));
        h.advanceTo(TUE_0900 + 10 * HOUR);
        assertThat(h.sent).isEmpty();
    }

    @Test
    void anUnacknowledgedCardIsRepeatedUpToMaxRepeats() {
        // a 预警 in scjg goes to the window only (deeper route), which repeats every 4 h at most twice
        Alert w = raised(CardKind.WARNING, "LC1", MON_0900);
        h.feed(w);
        h.advanceTo(MON_0900 + 24 * HOUR);
        assertThat(h.to("scjg-window")).extracting(EngineHarness.Sent::types).containsExactly(List.of(Item.Type.NEW),
                List.of(Item.Type.REPEAT), List.of(Item.Type.REPEAT));
        assertThat(h.to("scjg-window")).extracting(EngineHarness.Sent::at).containsExactly(MON_0900_10S,
                MON_0900 + 4 * HOUR + 10_000, MON_0900 + 8 * HOUR + 10_000);
        assertThat(h.sent).hasSize(3);
    }

    @Test
    void aRedCardInhibitsTheSameCasesYellowButNotOtherCases() {
        Alert red = raised(CardKind.RED, "LC1", MON_0900);
        h.feed(red);
        Alert yellowSameCase = raised(CardKind.YELLOW, "LC1", MON_0900);
        Alert yellowOther = raised(CardKind.YELLOW, "LC2", MON_0900);
        h.feed(yellowSameCase);
        h.feed(yellowOther);
        h.advanceTo(MON_0900 + 60_000);
        assertThat(h.to("scjg-window")).singleElement().satisfies(s -> assertThat(s.cards())
                .containsExactlyInAnyOrder(red.cardId(), yellowOther.cardId()));
        assertThat(h.audit(AuditEvent.Type.INHIBITED)).singleElement().satisfies(e -> {
            assertThat(e.cardIds()).containsExactly(yellowSameCase.cardId());
            assertThat(e.detail()).contains("红牌压制同案黄牌预警");
        });
    }

    @Test
    void anInhibitedCardIsToldOnceItsInhibitorIsWithdrawn() {
        Alert red = raised(CardKind.RED, "LC1", MON_0900);
        Alert yellow = raised(CardKind.YELLOW, "LC1", MON_0900);
        h.feed(red);
        h.feed(yellow);
        h.advanceTo(MON_0900 + HOUR);
        h.feed(retracted(red));
        h.advanceTo(MON_0900 + 2 * HOUR);
        assertThat(h.to("scjg-window")).anySatisfy(s -> assertThat(s.cards()).contains(yellow.cardId()));
    }

    @Test
    void aConfirmedCenterWideIncidentInhibitsCardsOfTheAffectedWindowsOnly() {
        h.feed(incident("inc-1", "RAISED", "II", MON_0900, true, List.of("W02")));
        Alert atW02 = raised(CardKind.YELLOW, "LC1", MON_0900);
        Alert atW05 = alert(card(CardKind.YELLOW, "LC2", MON_0900, "scjg", "W05"));
        h.feed(atW02);
        h.feed(atW05);
        h.advanceTo(MON_0900 + HOUR);
        assertThat(h.to("scjg-window")).flatExtracting(EngineHarness.Sent::cards).containsExactly(atW05.cardId());
        // the incident itself (level Ⅱ = 3) went to the office
        assertThat(h.to("center-office")).flatExtracting(EngineHarness.Sent::cards).containsExactly("inc-1");
    }

    @Test
    void aSuspectedIncidentInhibitsNothing() {
        h.feed(incident("inc-1", "RAISED", "II", MON_0900, false, List.of("W02")));
        Alert atW02 = raised(CardKind.YELLOW, "LC1", MON_0900);
        h.feed(atW02);
        h.advanceTo(MON_0900 + HOUR);
        assertThat(h.to("scjg-window")).flatExtracting(EngineHarness.Sent::cards).containsExactly(atW02.cardId());
    }

    @Test
    void anIncidentInhibitsForAtMostItsRulesDuration() {
        h.feed(incident("inc-1", "RAISED", "I", MON_0900, true, List.of()));
        Alert y = raised(CardKind.YELLOW, "LC1", MON_0900);
        h.feed(y);
        h.advanceTo(MON_0900 + 71 * HOUR);
        assertThat(h.to("scjg-window")).isEmpty();
        h.advanceTo(MON_0900 + 72 * HOUR + 10_000);
        assertThat(h.to("scjg-window")).flatExtracting(EngineHarness.Sent::cards).containsExactly(y.cardId());
    }

    @Test
    void beyondTheRateLimitMessagesWaitAndBecomeASummary() {
        // center-office: at most 2 messages per hour, a summary above 3 cards; 30 s group wait, 5 m interval
        for (int i = 0; i < 2; i++) {
            h.feed(alert(card(CardKind.YELLOW, "LCX" + i, MON_0900, "rsj", "W09")));
            h.advanceTo(h.now + 6 * 60_000);
        }
        assertThat(h.to("center-office")).hasSize(2);
        long t = h.now;
        for (int i = 0; i < 6; i++) {
            h.feed(alert(card(CardKind.YELLOW, "LCY" + i, MON_0900, "rsj", "W09")));
        }
        h.advanceTo(t + 30 * 60_000);
        assertThat(h.to("center-office")).hasSize(2);
        assertThat(h.audit(AuditEvent.Type.RATE_LIMITED)).isNotEmpty();
        h.advanceTo(MON_0900 + 2 * HOUR);
        assertThat(h.to("center-office")).hasSize(3);
        EngineHarness.Sent third = h.to("center-office").get(2);
        assertThat(third.at()).isEqualTo(MON_0900 + HOUR + 30_000);
        assertThat(third.cards()).hasSize(6);
        assertThat(third.notification().summary).isTrue();
    }

    @Test
    void aFailingChannelIsRetriedWithBackoffThenDeadLettered() {
        h.down.add("scjg-window");
        h.feed(raised(CardKind.WARNING, "LC1", MON_0900));
        h.advanceTo(MON_0900 + 60_000);
        // webhook: 5 attempts, 1 s doubling: at +10 s, +11, +13, +17, +25
        assertThat(h.audit(AuditEvent.Type.ATTEMPT_FAILED)).extracting(AuditEvent::at).containsExactly(MON_0900_10S,
                MON_0900_10S + 1000, MON_0900_10S + 3000, MON_0900_10S + 7000);
        assertThat(h.audit(AuditEvent.Type.DEAD_LETTERED)).singleElement().satisfies(e -> {
            assertThat(e.at()).isEqualTo(MON_0900_10S + 15_000);
            assertThat(e.attempt()).isEqualTo(5);
        });
        assertThat(h.deadLetters).hasSize(1);
        assertThat(h.engine.outbox()).isEmpty();
    }

    @Test
    void aReceiverDownForAWhileGetsTheMessageOnceItRecovers() {
        h.down.add("scjg-window");
        Alert w = raised(CardKind.WARNING, "LC1", MON_0900);
        h.feed(w);
        h.advanceTo(MON_0900_10S + 5_000);
        h.down.clear();
        h.advanceTo(MON_0900 + 60_000);
        assertThat(h.to("scjg-window")).singleElement().satisfies(s -> assertThat(s.at()).isEqualTo(MON_0900_10S + 7_000));
        assertThat(h.audit(AuditEvent.Type.DELIVERED)).singleElement().satisfies(e -> assertThat(e.attempt()).isEqualTo(4));
    }

    @Test
    void aRestartedEngineKnowsWhatItSentAndContinuesTheEscalation() {
        Alert y = raised(CardKind.YELLOW, "LC1", MON_0900);
        h.feed(y);
        h.advanceTo(MON_0900 + HOUR);
        h.restart();
        assertThat(h.feed(y)).isEqualTo(AlertEngine.Outcome.DUPLICATE);
        h.advanceTo(MON_1100 + 30_000);
        assertThat(h.sent).extracting(EngineHarness.Sent::receiver).containsExactly("scjg-window", "scjg-leader");
        assertThat(h.to("scjg-leader").get(0).notification().id).isEqualTo("scjg-leader:1");
    }

    @Test
    void aRestartResendsWhatWasInTheOutboxWithTheSameIdempotencyKey() {
        h.down.add("scjg-window");
        h.feed(raised(CardKind.WARNING, "LC1", MON_0900));
        h.advanceTo(MON_0900_10S);
        h.down.clear();
        h.restart();
        h.advanceTo(MON_0900 + 60_000);
        assertThat(h.to("scjg-window")).singleElement().satisfies(s -> assertThat(s.notification().id).isEqualTo("scjg-window:1"));
    }

    @Test
    void aWithdrawalOfACardNeverSeenIsRememberedSoALateRaiseIsDropped() {
        Alert y = raised(CardKind.YELLOW, "LC1", MON_0900);
        assertThat(h.feed(retracted(y))).isEqualTo(AlertEngine.Outcome.RETRACTED_UNKNOWN);
        assertThat(h.feed(y)).isEqualTo(AlertEngine.Outcome.DUPLICATE);
        h.advanceTo(TUE_0900);
        assertThat(h.sent).isEmpty();
    }

    @Test
    void stateOfAQuietCardIsDroppedAfterTheRetention() {
        Alert y = raised(CardKind.YELLOW, "LC1", MON_0900);
        h.feed(y);
        h.ack(y.cardId(), "王芳");
        h.advanceTo(MON_0900 + 46L * 24 * HOUR);
        assertThat(h.engine.alert(y.cardId())).isNull();
        assertThat(h.store).doesNotContainKey(AlertEngine.ALERT + y.cardId());
    }

    @Test
    void aDryRunShowsReceiversAndWhatHoldsThemBackWithoutChangingState() {
        h.feed(raised(CardKind.RED, "LC1", MON_0900));
        Alert yellow = raised(CardKind.YELLOW, "LC1", MON_0900);
        var dry = h.engine.dryRun(yellow, MON_0900);
        assertThat(dry.decision().plan()).extracting(p -> p.receiver).containsExactly("scjg-window", "scjg-leader",
                "center-office");
        assertThat(dry.holds().get("scjg-window").reason()).contains("红牌压制同案黄牌预警");
        assertThat(h.engine.alert(yellow.cardId())).isNull();
    }

    @Test
    void aSilenceRemovedEarlyReleasesTheCardsItHeldAtOnce() {
        var h2 = new EngineHarness(centerConfig(), FESTIVAL_MON_1000);
        Alert yellow = raised(CardKind.YELLOW, "LC1", FESTIVAL_MON_1000);
        h2.feed(yellow);
        h2.advanceTo(FESTIVAL_MON_1000 + HOUR);
        assertThat(h2.sent).isEmpty();
        h2.engine.setConfig(h2.config.withSilences(List.of()), h2.now);
        h2.advanceTo(FESTIVAL_MON_1000 + HOUR + 10_000);
        assertThat(h2.to("scjg-window")).singleElement().satisfies(s -> assertThat(s.at()).isEqualTo(FESTIVAL_MON_1000 + HOUR + 10_000));
    }
}
