package cn.xiaoneng.incident.engine;

import static cn.xiaoneng.incident.Instants.at;
import static cn.xiaoneng.incident.engine.CardLines.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.incident.FactSource;
import cn.xiaoneng.incident.FactType;
import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.IncidentHistory;
import cn.xiaoneng.incident.IncidentLevel;
import cn.xiaoneng.incident.IncidentType;
import cn.xiaoneng.incident.plan.IncidentPlan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentTrackerTest {
    private final IncidentTracker tracker = IncidentTracker.of(IncidentPlan.defaults(), WorkCalendar.china());

    /** Feeds facts at their recordedAt, as a job whose clock follows the operations log. */
    private IncidentUpdate feed(List<IncidentFact> facts) {
        IncidentState s = null;
        IncidentUpdate u = null;
        for (IncidentFact f : facts) {
            u = tracker.onFact(s, f, f.recordedAt);
            s = u.state();
        }
        return u;
    }

    private static IncidentHistory seriousNetworkFailure() {
        return IncidentHistory.incident("INC-1").onset("2026-03-03T09:00", IncidentType.SYSTEM_FAILURE, IncidentLevel.II)
                .affecting(new String[] {"scjg"}, "W01").detected("2026-03-03T09:00").responseStarted("2026-03-03T09:05")
                .workaround("2026-03-03T09:20", "纸质受理");
    }

    @Test
    void aReportEnteredLateRetractsTheCardItPrevented() {
        IncidentHistory h = seriousNetworkFailure().verbalReport("2026-03-03T09:10", "值班长", "市中心");
        IncidentUpdate due = tracker.advance(feed(h.facts()).state(), at("2026-03-03T11:00"));
        assertThat(lines(due.raised())).containsExactly("WRITTEN_REPORT_OVERDUE writtenReport 2026-03-03T11:00:00+08:00");

        // the written report went out at 10:50 and was typed into the log at 11:20
        IncidentFact written = h.writtenReport("2026-03-03T10:50", "值班长", "市中心").enteredAt("2026-03-03T11:20").last();
        IncidentUpdate u = tracker.onFact(due.state(), written, written.recordedAt);
        assertThat(lines(u.retracted())).containsExactly("RETRACTED WRITTEN_REPORT_OVERDUE writtenReport 2026-03-03T11:00:00+08:00");
        assertThat(u.retracted().get(0).cardId).isEqualTo(due.raised().get(0).cardId);
        assertThat(u.retracted().get(0).summary).as("the retraction carries the card as it was").isEqualTo(due.raised().get(0).summary);
        assertThat(u.state().emitted()).extracting(EmittedIncidentCard::kind).doesNotContain(
                cn.xiaoneng.incident.IncidentCardKind.WRITTEN_REPORT_OVERDUE);
    }

    @Test
    void aReportMadeLateLeavesTheCardStanding() {
        IncidentHistory h = seriousNetworkFailure().writtenReport("2026-03-03T11:30", "值班长", "市中心");
        IncidentUpdate u = tracker.advance(feed(h.facts()).state(), at("2026-03-03T12:00"));
        assertThat(lines(u.state().emitted().stream().map(e -> tracker.schedule(u.state()).card(e.cardId("hn-cs-zwzx", "INC-1"))
                .orElseThrow()).toList())).contains("WRITTEN_REPORT_OVERDUE writtenReport 2026-03-03T11:00:00+08:00");
        assertThat(tracker.schedule(u.state()).deadline("writtenReport").orElseThrow().status()).isEqualTo(DeadlineCheck.Status.MET_LATE);
    }

    @Test
    void aDismissedSuspicionRetractsEverythingItRaised() {
        IncidentHistory h = IncidentHistory.incident("INC-S").suspectedOnset("2026-03-03T09:00", IncidentType.CROWD_DISTURBANCE, IncidentLevel.II)
                .detected("2026-03-03T09:00");
        IncidentUpdate opened = tracker.onFact(null, h.facts().get(0), at("2026-03-03T09:00"));
        assertThat(lines(opened.raised())).as("raised when the log records the onset")
                .containsExactly("INCIDENT_RAISED level=II 2026-03-03T09:00:00+08:00");
        opened = tracker.onFact(opened.state(), h.facts().get(1), at("2026-03-03T09:00"));
        IncidentUpdate raised = tracker.advance(opened.state(), at("2026-03-03T09:40"));
        assertThat(lines(raised.raised())).containsExactly(
                "RESPONSE_OVERDUE response 2026-03-03T09:15:00+08:00",
                "VERBAL_REPORT_OVERDUE verbalReport 2026-03-03T09:30:00+08:00",
                "WORKAROUND_OVERDUE workaround 2026-03-03T09:30:00+08:00");
        assertThat(raised.raised()).allMatch(c -> !c.confirmed);
        IncidentCard first = tracker.schedule(opened.state()).cards().get(0);
        assertThat(first.confirmed).isFalse();
        assertThat(first.summary).contains("群体性聚集/闹访事件(疑似)");

        IncidentFact dismissed = h.dismissed("2026-03-03T09:45").last();
        IncidentUpdate u = tracker.onFact(raised.state(), dismissed, dismissed.recordedAt);
        assertThat(lines(u.retracted())).containsExactly(
                "RETRACTED INCIDENT_RAISED level=II 2026-03-03T09:00:00+08:00",
                "RETRACTED RESPONSE_OVERDUE response 2026-03-03T09:15:00+08:00",
                "RETRACTED VERBAL_REPORT_OVERDUE verbalReport 2026-03-03T09:30:00+08:00",
                "RETRACTED WORKAROUND_OVERDUE workaround 2026-03-03T09:30:00+08:00");
        assertThat(u.state().emitted()).isEmpty();
        assertThat(u.closed()).isTrue();
        assertThat(u.nextInstant()).isEmpty();
        assertThat(u.clearAt()).hasValue(at("2026-03-10T09:45"));
    }

    @Test
    void aConfirmedSuspicionKeepsItsCardsAndLaterCardsSayConfirmed() {
        IncidentHistory h = IncidentHistory.incident("INC-C").suspectedOnset("2026-03-03T09:00", IncidentType.SYSTEM_FAILURE, IncidentLevel.IV)
                .detected("2026-03-03T09:10").confirmed("2026-03-03T09:20");
        IncidentUpdate u = tracker.advance(feed(h.facts()).state(), at("2026-03-03T17:00"));
        assertThat(lines(u.raised())).containsExactlyInAnyOrder(
                "RESPONSE_OVERDUE response 2026-03-03T10:10:00+08:00",
                "VERBAL_REPORT_OVERDUE verbalReport 2026-03-03T11:10:00+08:00",
                "WORKAROUND_OVERDUE workaround 2026-03-03T11:10:00+08:00",
                "WRITTEN_REPORT_OVERDUE writtenReport 2026-03-03T15:10:00+08:00");
        assertThat(u.raised()).allMatch(c -> c.confirmed);
    }

    @Test
    void aDuplicateFactChangesNothing() {
        IncidentHistory h = seriousNetworkFailure();
        IncidentUpdate first = tracker.advance(feed(h.facts()).state(), at("2026-03-03T09:05"));
        IncidentUpdate dup = tracker.onFact(first.state(), h.facts().get(0), at("2026-03-03T09:05"));
        assertThat(dup.state()).isSameAs(first.state());
        assertThat(dup.stateChanged()).isFalse();
        assertThat(dup.emitted()).isEmpty();
    }

    @Test
    void anUpgradeRaisesAtTheChangeAndMakesAnAlreadySpentBudgetDueAtOnce() {
        IncidentHistory h = IncidentHistory.incident("INC-U").onset("2026-03-03T09:00", IncidentType.FIRE_EVACUATION, IncidentLevel.IV)
                .detected("2026-03-03T09:00").responseStarted("2026-03-03T09:05").levelChanged("2026-03-03T09:40", IncidentLevel.II);
        IncidentSchedule s = tracker.schedule(feed(h.facts()).state());
        assertThat(lines(s.cards())).containsExactlyInAnyOrder(
                "INCIDENT_RAISED level=II 2026-03-03T09:40:00+08:00",
                // II gives 30 minutes from 09:00: spent by the time it is a 重大 incident
                "VERBAL_REPORT_OVERDUE verbalReport 2026-03-03T09:40:00+08:00",
                "WORKAROUND_OVERDUE workaround 2026-03-03T09:40:00+08:00",
                "RESTORATION_OVERDUE restoration 2026-03-03T13:00:00+08:00",
                "WRITTEN_REPORT_OVERDUE writtenReport 2026-03-03T11:00:00+08:00");
        assertThat(s.cards()).allMatch(c -> c.level == IncidentLevel.II);
        assertThat(s.cards()).filteredOn(c -> c.qualifier.equals("level=II")).singleElement()
                .satisfies(c -> assertThat(c.summary).contains("2026-03-03 09:40 定级为重大"));
    }

    @Test
    void aDowngradeEnteredLateRelaxesADeadlineAlreadyRaised() {
        IncidentHistory h = seriousNetworkFailure();
        IncidentUpdate raised = tracker.advance(feed(h.facts()).state(), at("2026-03-03T09:31"));
        assertThat(lines(raised.raised())).containsExactly("VERBAL_REPORT_OVERDUE verbalReport 2026-03-03T09:30:00+08:00");
        assertThat(raised.state().emitted()).hasSize(2);
        IncidentFact down = h.levelChanged("2026-03-03T09:20", IncidentLevel.IV).enteredAt("2026-03-03T09:50").last();
        IncidentUpdate u = tracker.onFact(raised.state(), down, down.recordedAt);
        assertThat(lines(u.retracted())).containsExactly("RETRACTED VERBAL_REPORT_OVERDUE verbalReport 2026-03-03T09:30:00+08:00");
        assertThat(u.raised()).isEmpty();
        assertThat(u.nextInstant()).as("一般: verbal within 2 h of 09:00").hasValue(at("2026-03-03T11:00"));
        assertThat(u.state().emitted()).extracting(EmittedIncidentCard::qualifier).containsExactly("level=II");
    }

    @Test
    void theStateCanBeEncodedAtAnyPointWithoutChangingTheOutcome() {
        List<IncidentFact> facts = OutageScenarioTest.substation().facts();
        IncidentState plain = null;
        IncidentState viaBytes = null;
        for (IncidentFact f : facts) {
            IncidentUpdate a = tracker.onFact(plain, f, f.recordedAt);
            IncidentUpdate b = tracker.onFact(viaBytes == null ? null : IncidentState.decode(viaBytes.encode()), f, f.recordedAt);
            assertThat(b.emitted()).isEqualTo(a.emitted());
            assertThat(b.state()).isEqualTo(a.state());
            assertThat(b.state().encode()).isEqualTo(a.state().encode());
            plain = a.state();
            viaBytes = b.state();
        }
    }

    @Test
    void aClosedIncidentIsClearedOnceItsRetentionHasPassed() {
        IncidentHistory h = seriousNetworkFailure().verbalReport("2026-03-03T09:10", "a", "b").workaround("2026-03-03T09:12", "w")
                .restored("2026-03-03T09:50").closed("2026-03-03T10:00").enteredAt("2026-03-03T10:30");
        IncidentUpdate u = feed(h.facts());
        assertThat(u.closed()).isTrue();
        assertThat(u.clearAt()).as("latest recordedAt + P7D").hasValue(at("2026-03-10T10:30"));
        assertThat(u.nextWakeUp()).hasValue(at("2026-03-10T10:30"));
        assertThat(u.clear()).isFalse();
        IncidentUpdate later = tracker.advance(u.state(), at("2026-03-10T10:30"));
        assertThat(later.clear()).isTrue();
        assertThat(later.nextWakeUp()).isEmpty();
    }

    @Test
    void aDetectorsClosureDoesNotCloseAnIncidentSomeoneConfirmed() {
        IncidentHistory h = IncidentHistory.incident("auto-x").suspectedOnset("2026-03-03T10:00", IncidentType.SYSTEM_FAILURE, IncidentLevel.IV)
                .detected("2026-03-03T10:10").confirmed("2026-03-03T10:30").restored("2026-03-03T10:40").closed("2026-03-03T10:40");
        h.last().by(FactSource.DETECTOR, "source-silence");
        IncidentSchedule s = tracker.schedule(feed(h.facts()).state());
        assertThat(s.closed()).isFalse();
        assertThat(lines(s.cards())).contains("VERBAL_REPORT_OVERDUE verbalReport 2026-03-03T12:10:00+08:00");

        IncidentHistory unconfirmed = IncidentHistory.incident("auto-y").suspectedOnset("2026-03-03T10:00", IncidentType.SYSTEM_FAILURE,
                IncidentLevel.IV).detected("2026-03-03T10:10").restored("2026-03-03T10:40").closed("2026-03-03T10:40");
        unconfirmed.last().by(FactSource.DETECTOR, "source-silence");
        IncidentSchedule u = tracker.schedule(feed(unconfirmed.facts()).state());
        assertThat(u.closed()).isTrue();
        assertThat(u.cards()).isEmpty();
    }

    @Test
    void aNewRuleVersionRetractsTheOldCardsAndRaisesTheNewOnes() {
        IncidentUpdate old = tracker.advance(feed(seriousNetworkFailure().facts()).state(), at("2026-03-03T09:31"));
        assertThat(old.state().emitted()).hasSize(2);
        IncidentTracker newRules = IncidentTracker.of(IncidentPlan.defaults().toBuilder().set("ruleVersion", "hn-cs-zwzx/incident-2026.2")
                .build(), WorkCalendar.china());
        IncidentUpdate u = newRules.advance(old.state(), at("2026-03-03T09:31"));
        assertThat(u.retracted()).hasSize(2).allMatch(c -> c.ruleVersion.equals("hn-cs-zwzx/incident-2026.1"))
                .as("alerting routes retractions by level too").allMatch(c -> c.level == IncidentLevel.II);
        assertThat(u.raised()).hasSize(2).allMatch(c -> c.ruleVersion.equals("hn-cs-zwzx/incident-2026.2"));
    }

    @Test
    void noOnsetAndNoDetectionMeansNoClock() {
        IncidentFact report = IncidentFact.of("hn-cs-zwzx", "INC-N", FactType.VERBAL_REPORT, at("2026-03-03T09:00"));
        IncidentUpdate u = tracker.onFact(null, report, at("2026-03-04T09:00"));
        assertThat(u.emitted()).isEmpty();
        assertThat(u.nextWakeUp()).isEmpty();
        assertThat(u.stateChanged()).isTrue();
    }

    @Test
    void aVisitorTakenIllHasReportsButNoRestorationTarget() {
        IncidentHistory h = IncidentHistory.incident("INC-V").onset("2026-03-03T10:00", IncidentType.VISITOR_ILL_INJURED, IncidentLevel.IV)
                .detected("2026-03-03T10:00").responseStarted("2026-03-03T10:02").verbalReport("2026-03-03T10:20", "a", "120");
        IncidentSchedule s = tracker.schedule(feed(h.facts()).state());
        assertThat(s.deadline("restoration").orElseThrow().status()).isEqualTo(DeadlineCheck.Status.NOT_APPLICABLE);
        assertThat(s.deadline("workaround").orElseThrow().status()).isEqualTo(DeadlineCheck.Status.NOT_APPLICABLE);
        assertThat(lines(s.cards())).containsExactly("WRITTEN_REPORT_OVERDUE writtenReport 2026-03-03T16:00:00+08:00");
    }

    @Test
    void factsOfAnotherIncidentOrInvalidFactsAreRefused() {
        IncidentState s = feed(seriousNetworkFailure().facts()).state();
        IncidentFact other = IncidentFact.of("hn-cs-zwzx", "INC-2", FactType.NOTE, at("2026-03-03T09:00"));
        assertThatThrownBy(() -> tracker.onFact(s, other, at("2026-03-03T09:00"))).hasMessageContaining("offered to the state of incident");
        IncidentFact bad = IncidentFact.of("hn-cs-zwzx", "INC-1", FactType.LEVEL_CHANGED, at("2026-03-03T09:00"));
        assertThatThrownBy(() -> tracker.onFact(s, bad, at("2026-03-03T09:00"))).hasMessageContaining("needs a level");
    }

    @Test
    void followUpsStopWhenServiceIsRestored() {
        IncidentHistory h = seriousNetworkFailure().writtenReport("2026-03-03T10:00", "a", "b").restored("2026-03-03T21:00");
        IncidentSchedule s = tracker.schedule(feed(h.facts()).state());
        assertThat(s.deadline("followUp#1")).isEmpty();
        IncidentHistory longer = seriousNetworkFailure().writtenReport("2026-03-03T10:00", "a", "b").followUp("2026-03-03T21:00")
                .followUp("2026-03-04T10:00").restored("2026-03-04T23:00");
        IncidentSchedule l = tracker.schedule(feed(longer.facts()).state());
        assertThat(CardLines.checks(l)).filteredOn(c -> c.startsWith("followUp")).containsExactly(
                "followUp#1 MET due 2026-03-03T22:00:00+08:00 actual 2026-03-03T21:00:00+08:00",
                "followUp#2 MET_LATE due 2026-03-04T09:00:00+08:00 actual 2026-03-04T10:00:00+08:00",
                "followUp#3 UNMET due 2026-03-04T22:00:00+08:00");
        assertThat(l.cards()).filteredOn(c -> c.qualifier.startsWith("followUp")).extracting(c -> c.qualifier)
                .containsExactly("followUp#2", "followUp#3");
        assertThat(Duration.ofMillis(l.cards().get(l.cards().size() - 1).instant - at("2026-03-04T10:00"))).isEqualTo(Duration.ofHours(12));
    }
}
