package cn.xiaoneng.deadline.engine;

import static cn.xiaoneng.deadline.engine.CaseHistory.millis;
import static cn.xiaoneng.deadline.engine.ScheduleAssertions.hours;
import static cn.xiaoneng.deadline.engine.ScheduleAssertions.only;
import static cn.xiaoneng.deadline.engine.ScheduleAssertions.schedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.EventType;
import cn.xiaoneng.model.LimitUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The clock stops on the 跟踪表 (附录E): every 补正, special procedure, 上报 and declared emergency pause (附录C) as a row
 * with its reason and who stopped the clock; a declared pause also with its incident, approver and approval time.
 */
class PauseRowsTest {
    static final String SUBSTATION = "SY-20260303-01";
    static final String DIRECTOR = "中心主任 周强";

    private static TrackingTable table(CaseHistory h, String asOf) {
        return TrackingTable.of(h.facts(), DeadlinePolicy.defaults(), CaseHistory.CHINA, millis(asOf));
    }

    /** 5WD from Mon 2026-03-02 10:00 (due 24:00 Mon 03-09), at 出入境-like window W02 of scjg. */
    private static CaseHistory acceptedMonday() {
        return CaseHistory.committed("C-P", "5WD").accepted("2026-03-02T10:00");
    }

    /** The substation outage (docs/incidents.md): paused Tue 14:00 → Wed 18:00, declared at 15:00, logged at 15:02. */
    private static CaseHistory substationPause(CaseHistory h) {
        return h.declaredPause(SUBSTATION, "停电", DIRECTOR, "2026-03-03T15:00", "2026-03-03T15:02", "2026-03-03T14:00", "2026-03-04T18:00");
    }

    @Test
    void aDeclaredPauseIsARowWithItsReasonIncidentApproverAndApprovalTime() {
        TrackingTable t = table(substationPause(acceptedMonday()), "2026-03-05T12:00");

        assertThat(t.pauses).singleElement().satisfies(p -> {
            assertThat(p.kind).isEqualTo(PauseRow.Kind.DECLARED);
            assertThat(p.kind.label()).isEqualTo("应急停表");
            assertThat(p.declared()).isTrue();
            assertThat(p.stepId).isEqualTo("incident:" + SUBSTATION);
            assertThat(p.from).isEqualTo(millis("2026-03-03T14:00"));
            assertThat(p.to).isEqualTo(millis("2026-03-04T18:00"));
            assertThat(p.open()).isFalse();
            assertThat(p.reason).isEqualTo("应急停表 SY-20260303-01 停电, 批准人 中心主任 周强 2026-03-03T15:00:00+08:00");
            assertThat(p.incidentId).isEqualTo(SUBSTATION);
            assertThat(p.approver).isEqualTo(DIRECTOR);
            assertThat(p.approvedAt).isEqualTo(millis("2026-03-03T15:00"));
            assertThat(p.handler).isEqualTo(DIRECTOR);
            assertThat(p.recordedAt).as("when the ops log recorded the declaration").isEqualTo(millis("2026-03-03T15:02"));
            assertThat(p.stoppedMillis).as("Tue 14:00–24:00 and Wed 00:00–18:00 of working time").isEqualTo(hours(28));
            assertThat(p.measure).isEqualTo(LimitUnit.WORKING_DAYS);
        });
        // ... and the clock did stop for it: 24:00 Mon 03-09 + 28 h of working time
        assertThat(t.due).isEqualTo(millis("2026-03-11T04:00"));
        assertThat(t.steps).as("a pause is no process step").isEmpty();
    }

    @Test
    void aDeclaredPauseNotYetEndedCountsUpToTheTablesInstant() {
        CaseHistory h = acceptedMonday().declaredPause(SUBSTATION, "停电", DIRECTOR, "2026-03-03T15:00", "2026-03-03T15:02",
                "2026-03-03T14:00", null);
        PauseRow p = table(h, "2026-03-03T20:00").pauses[0];
        assertThat(p.open()).isTrue();
        assertThat(p.to).isNull();
        assertThat(p.stoppedMillis).isEqualTo(hours(6));
        assertThat(table(h, "2026-03-03T20:00").due).as("stopped for good if nothing more happens").isNull();
        // service restored: the incident job sends the RESUMED with the same step id and reason
        PauseRow ended = table(substationPause(acceptedMonday()), "2026-03-03T20:00").pauses[0];
        assertThat(ended.to).isEqualTo(millis("2026-03-04T18:00"));
        assertThat(ended.stoppedMillis).as("read at 20:00 Tue, it has held back six hours so far").isEqualTo(hours(6));
    }

    @Test
    void everyKindOfClockStopIsARowInOrderOfStart() {
        CaseHistory h = CaseHistory.committed("C-ALL", "5WD").submitted("2026-03-02T09:00").supplementRequested("2026-03-02T09:10")
                .accepted("2026-03-02T10:00")
                .suspended("专家评审", "2026-03-04T00:00").resumed("2026-03-04T06:00")
                .reportedUp("2026-03-05T00:00").resumed("2026-03-05T12:00");
        h = substationPause(h);
        TrackingTable t = table(h, "2026-03-06T00:00");

        assertThat(t.pauses).extracting(p -> p.kind, p -> p.from, p -> p.to, p -> p.reason, p -> p.stoppedMillis).containsExactly(
                tuple(PauseRow.Kind.SUPPLEMENT, millis("2026-03-02T09:10"), millis("2026-03-02T10:00"), "申请表未签字", 0L),
                tuple(PauseRow.Kind.DECLARED, millis("2026-03-03T14:00"), millis("2026-03-04T18:00"),
                        "应急停表 SY-20260303-01 停电, 批准人 中心主任 周强 2026-03-03T15:00:00+08:00", hours(28)),
                tuple(PauseRow.Kind.SUSPENDED, millis("2026-03-04T00:00"), millis("2026-03-04T06:00"), "专家评审", hours(6)),
                tuple(PauseRow.Kind.REPORTED_UP, millis("2026-03-05T00:00"), millis("2026-03-05T12:00"), "报省厅审批", hours(12)));
        assertThat(t.pauses).as("only a declared pause names an incident and an approval")
                .filteredOn(p -> !p.declared()).allSatisfy(p -> {
                    assertThat(p.incidentId).isNull();
                    assertThat(p.approver).isNull();
                    assertThat(p.approvedAt).isNull();
                });
        assertThat(t.pauses[0].kind.label()).isEqualTo("补正");
        assertThat(t.pauses[2].kind.label()).isEqualTo("暂停");
        assertThat(t.pauses[3].kind.label()).isEqualTo("上报");
        // The special procedure lies inside the declared pause: each row shows its full span, the clock stopped once.
        assertThat(t.due).isEqualTo(millis("2026-03-11T16:00"));
    }

    @Test
    void aStopWithoutAReasonShowsWhatKindItIs() {
        CaseHistory h = acceptedMonday().suspendedStep(null, null, "王芳", "2026-03-03T09:00").resumed("2026-03-03T11:00");
        PauseRow p = table(h, "2026-03-04T00:00").pauses[0];
        assertThat(p.kind).isEqualTo(PauseRow.Kind.SUSPENDED);
        assertThat(p.reason).isEqualTo("暂停");
        assertThat(p.handler).isEqualTo("王芳");
        assertThat(p.stoppedMillis).isEqualTo(hours(2));
    }

    @Test
    void aStopOnTheAcceptanceDayHoldsBackNoCountedTime() {
        // 民法典 Art. 201: counting starts 00:00 after the 受理 day, so a pause that day stops a clock not yet running
        CaseHistory h = acceptedMonday().declaredPause(SUBSTATION, "停电", DIRECTOR, "2026-03-02T15:00", "2026-03-02T15:00",
                "2026-03-02T14:00", "2026-03-03T02:00");
        PauseRow p = table(h, "2026-03-04T00:00").pauses[0];
        assertThat(p.stoppedMillis).as("only Tue 00:00–02:00 counts").isEqualTo(hours(2));
    }

    @Test
    void aCaseNotYetAcceptedShowsItsStopsWithoutCountedTime() {
        CaseHistory h = CaseHistory.committed("C-NA", "5WD").submitted("2026-03-02T09:00").supplementRequested("2026-03-02T09:10");
        TrackingTable t = table(h, "2026-03-04T00:00");
        assertThat(t.pauses).singleElement().satisfies(p -> {
            assertThat(p.kind).isEqualTo(PauseRow.Kind.SUPPLEMENT);
            assertThat(p.open()).isTrue();
            assertThat(p.stoppedMillis).isZero();
            assertThat(p.measure).isNull();
        });
    }

    @Test
    void theDepartmentsOwnResumeNeverEndsTheCentersDeclaredPause() {
        // declared 14:00 → Wed 18:00; the department's own special procedure 16:00 → 17:00 (no step id, as lc reports it)
        CaseHistory h = substationPause(acceptedMonday()).suspended("检验检测", "2026-03-03T16:00").resumed("2026-03-03T17:00");
        TrackingTable t = table(h, "2026-03-05T00:00");
        assertThat(t.pauses).extracting(p -> p.kind, p -> p.from, p -> p.to).containsExactly(
                tuple(PauseRow.Kind.DECLARED, millis("2026-03-03T14:00"), millis("2026-03-04T18:00")),
                tuple(PauseRow.Kind.SUSPENDED, millis("2026-03-03T16:00"), millis("2026-03-03T17:00")));
        // a stray RESUMED while only the declared pause is open is ignored, not taken as the end of the declaration
        CaseHistory stray = substationPause(acceptedMonday()).resumed("2026-03-03T16:00");
        assertThat(table(stray, "2026-03-05T00:00").pauses).singleElement()
                .satisfies(p -> assertThat(p.to).isEqualTo(millis("2026-03-04T18:00")));
        assertThat(table(stray, "2026-03-05T00:00").due).isEqualTo(millis("2026-03-11T04:00"));
    }

    @Test
    void aDeclaredPausesResumeEndsOnlyItsOwnPause() {
        // a departmental suspension opened first and still open: the declaration's RESUMED must not end it
        CaseHistory h = acceptedMonday().suspended("专家评审", "2026-03-03T10:00");
        h = substationPause(h);
        TrackingTable t = table(h, "2026-03-05T00:00");
        assertThat(t.pauses).extracting(p -> p.kind, p -> p.to).containsExactly(
                tuple(PauseRow.Kind.SUSPENDED, null), tuple(PauseRow.Kind.DECLARED, millis("2026-03-04T18:00")));
    }

    @Test
    void twoIncidentsPausingOneCaseAreTwoRowsEachEndedByItsOwnResume() {
        CaseHistory h = acceptedMonday()
                .declaredPause("GM-20260303-01", "网络/业务系统故障", "大厅值班长 梁敏", "2026-03-03T08:35", "2026-03-03T08:37", "2026-03-03T08:15",
                        "2026-03-03T15:00");
        h = substationPause(h);
        TrackingTable t = table(h, "2026-03-05T00:00");
        assertThat(t.pauses).extracting(p -> p.incidentId, p -> p.from, p -> p.to, p -> p.approver).containsExactly(
                tuple("GM-20260303-01", millis("2026-03-03T08:15"), millis("2026-03-03T15:00"), "大厅值班长 梁敏"),
                tuple(SUBSTATION, millis("2026-03-03T14:00"), millis("2026-03-04T18:00"), DIRECTOR));
        assertThat(t.due).as("overlapping stops stop the clock once: 08:15 Tue to 18:00 Wed").isEqualTo(millis("2026-03-11T09:45"));
    }

    @Test
    void aDeclaredPauseWithAReasonInAnotherFormStillNamesItsIncidentAndApprover() {
        // e.g. published by another system onto the canonical topic: the step id and handler still say what matters
        CaseHistory h = acceptedMonday().suspendedStep("incident:GM-1", "系统故障停表", "中心主任", "2026-03-03T09:00")
                .resumedStep("incident:GM-1", "2026-03-03T10:00");
        PauseRow p = table(h, "2026-03-04T00:00").pauses[0];
        assertThat(p.kind).isEqualTo(PauseRow.Kind.DECLARED);
        assertThat(p.incidentId).isEqualTo("GM-1");
        assertThat(p.reason).isEqualTo("系统故障停表");
        assertThat(p.approver).isEqualTo("中心主任");
        assertThat(p.approvedAt).as("the reason does not say").isNull();
    }

    @Test
    void aDepartmentalStepIdIsNoDeclaredPause() {
        CaseHistory h = acceptedMonday().suspendedStep("S-INC-1", "专家评审", "王芳", "2026-03-03T09:00").resumedStep("S-INC-1", "2026-03-03T10:00");
        PauseRow p = table(h, "2026-03-04T00:00").pauses[0];
        assertThat(p.kind).isEqualTo(PauseRow.Kind.SUSPENDED);
        assertThat(p.incidentId).isNull();
    }

    @Test
    void theApproverOfADeclaredPauseIsNotNamedAsTheCasesHandler() {
        // 6.6.7: a card names who held the case; the approver declared a pause for the whole hall, not a step of this case
        CaseHistory h = substationPause(acceptedMonday());
        Card yellow = only(schedule(h), CardKind.YELLOW);
        assertThat(yellow.holder).isEqualTo(new Holder("scjg", "W02", "张伟", null, null));
    }

    @Test
    void theRowsAreTheSameWhateverOrderTheEventsArrivedInAndAfterTheStateRoundTrip() {
        CaseHistory h = substationPause(acceptedMonday().suspended("专家评审", "2026-03-03T16:00").resumed("2026-03-03T17:00"));
        TrackingTable expected = table(h, "2026-03-05T00:00");
        List<CaseEvent> shuffled = new ArrayList<>(h.events());
        Collections.reverse(shuffled);
        CaseFacts reversed = CaseFacts.of(shuffled);
        assertThat(TrackingTable.of(reversed, DeadlinePolicy.defaults(), CaseHistory.CHINA, millis("2026-03-05T00:00"))).isEqualTo(expected);
        // the state format is unchanged (version 1): every field a pause row reads is already stored with the facts
        byte[] blob = h.facts().encode();
        assertThat(blob[0]).isEqualTo((byte) 1);
        TrackingTable decoded = TrackingTable.of(CaseFacts.decode(blob), DeadlinePolicy.defaults(), CaseHistory.CHINA, millis("2026-03-05T00:00"));
        assertThat(decoded).isEqualTo(expected);
        assertThat(decoded.pauses).hasSize(2);
    }

    @Test
    void theTrackerShowsThePauseRowAsTheEventsArrive() {
        CaseTracker tracker = CaseTracker.of(DeadlinePolicy.defaults(), CaseHistory.CHINA);
        CaseHistory h = substationPause(acceptedMonday());
        CaseFacts state = null;
        for (CaseEvent e : h.events()) {
            state = tracker.onEvent(state, e, e.sourceCommitTime).state();
            if (e.eventType == EventType.SUSPENDED) {
                TrackingTable during = tracker.tracking(state, millis("2026-03-03T16:00"));
                assertThat(during.pauses).singleElement().satisfies(p -> {
                    assertThat(p.open()).isTrue();
                    assertThat(p.incidentId).isEqualTo(SUBSTATION);
                    assertThat(p.stoppedMillis).isEqualTo(hours(2));
                });
            }
        }
        assertThat(tracker.tracking(state, millis("2026-03-05T00:00")).pauses).singleElement()
                .satisfies(p -> assertThat(p.to).isEqualTo(millis("2026-03-04T18:00")));
    }
}
