package cn.xiaoneng.deadline.engine;

import static cn.xiaoneng.deadline.engine.CaseHistory.millis;
import static cn.xiaoneng.deadline.engine.ScheduleAssertions.hours;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.model.EventType;
import cn.xiaoneng.model.LimitUnit;
import org.junit.jupiter.api.Test;

class TrackingTableTest {

    private static TrackingTable table(CaseHistory h, String asOf) {
        return TrackingTable.of(h.facts(), DeadlinePolicy.defaults(), CaseHistory.CHINA, millis(asOf));
    }

    /** 5WD from Mon 03-02 10:00: due 2026-03-10T00:00; 承办 60 h, 审核 36 h, 批准 24 h of budget. */
    static CaseHistory threeSteps() {
        return CaseHistory.committed("C-TT", "5WD").accepted("2026-03-02T10:00")
                .stepStarted("S1", "承办", "张伟", "2026-03-02T11:00")
                .stepCompleted("S1", "承办", "张伟", "2026-03-06T17:00")
                .stepStarted("S2", "审核", "王芳", "2026-03-06T17:00")
                .suspended("专家评审", "2026-03-09T00:00").resumed("2026-03-09T06:00")
                .stepCompleted("S2", "审核", "王芳", "2026-03-09T12:00")
                .stepStarted("S3", "批准", "李娜", "2026-03-09T12:00");
    }

    @Test
    void eachStepWithItsHolderTimesAndCountedTimeAgainstItsBudget() {
        TrackingTable t = table(threeSteps(), "2026-03-10T12:00");
        assertThat(t.caseId).isEqualTo("C-TT");
        assertThat(t.departmentId).isEqualTo("scjg");
        assertThat(t.windowId).isEqualTo("W02");
        assertThat(t.due).isEqualTo(millis("2026-03-10T06:00")); // the 6 h pause moved it
        assertThat(t.steps).hasSize(3);

        StepRow s1 = t.steps[0];
        assertThat(s1.stepName).isEqualTo("承办");
        assertThat(s1.departmentId).isEqualTo("scjg");
        assertThat(s1.windowId).isEqualTo("W02");
        assertThat(s1.handler).isEqualTo("张伟");
        assertThat(s1.started).isEqualTo(millis("2026-03-02T11:00"));
        assertThat(s1.ended).isEqualTo(millis("2026-03-06T17:00"));
        assertThat(s1.usedMillis).as("the 受理 day does not count").isEqualTo(hours(89));
        assertThat(s1.budget).isEqualTo("50%");
        assertThat(s1.budgetMillis).isEqualTo(hours(60));
        assertThat(s1.overBudgetMillis).isEqualTo(hours(29));
        assertThat(s1.measure).isEqualTo(LimitUnit.WORKING_DAYS);

        StepRow s2 = t.steps[1];
        assertThat(s2.usedMillis).as("7 h Fri + 12 h Mon − 6 h paused").isEqualTo(hours(13));
        assertThat(s2.overBudgetMillis).isZero();

        StepRow s3 = t.steps[2];
        assertThat(s3.open()).isTrue();
        assertThat(s3.usedMillis).as("open: up to the table's instant").isEqualTo(hours(24));
        assertThat(s3.overBudgetMillis).isZero();
        assertThat(t.usedMillis).as("Tue–Fri, Mon less 6 h paused, half of Tue").isEqualTo(hours(4 * 24 + 18 + 12));
        assertThat(t.remainingMillis).isEqualTo(-hours(6));
        assertThat(t.outcome).isNull();
    }

    @Test
    void aStepCompletedWithoutAStartStartsWhereThePreviousOneEnded() {
        CaseHistory h = CaseHistory.committed("C", "5WD").accepted("2026-03-02T10:00")
                .stepStarted("S1", "承办", "张伟", "2026-03-03T09:00").stepCompleted("S1", "承办", "张伟", "2026-03-03T12:00")
                .stepCompleted("S2", "审核", "王芳", "2026-03-04T12:00");
        StepRow s2 = table(h, "2026-03-05T00:00").steps[1];
        assertThat(s2.startInferred).isTrue();
        assertThat(s2.started).isEqualTo(millis("2026-03-03T12:00"));
        assertThat(s2.usedMillis).isEqualTo(hours(24));
    }

    @Test
    void aStepStartedAgainAfterItsCompletionIsASecondInstance() {
        CaseHistory h = CaseHistory.committed("C", "5WD").accepted("2026-03-02T10:00")
                .stepStarted("S1", "承办", "张伟", "2026-03-03T09:00").stepCompleted("S1", "承办", "张伟", "2026-03-03T12:00")
                .stepStarted("S1", "承办", "张伟", "2026-03-04T09:00").stepStarted("S1", "承办", "张伟", "2026-03-04T09:30")
                .stepCompleted("S1", "承办", "张伟", "2026-03-04T10:00").stepCompleted("S1", "承办", "张伟", "2026-03-04T10:05");
        TrackingTable t = table(h, "2026-03-05T00:00");
        assertThat(t.steps).extracting(r -> r.key, r -> r.usedMillis)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("S1", hours(3)), org.assertj.core.groups.Tuple.tuple("S1#2", hours(1)));
    }

    @Test
    void stepsWithoutAnIdAreKeyedByNameAndDepartment() {
        CaseHistory h = CaseHistory.committed("C", "5WD").accepted("2026-03-02T10:00")
                .stepStarted(null, "承办", "张伟", "2026-03-03T09:00").stepCompleted(null, "承办", "张伟", "2026-03-03T12:00");
        assertThat(table(h, "2026-03-05T00:00").steps).extracting(r -> r.key).containsExactly("name:承办@scjg");
    }

    @Test
    void aStepOnTheAcceptanceDayUsesNoCountedTime() {
        // 民法典 Art. 201: counting starts 00:00 after the 受理 day
        CaseHistory h = CaseHistory.committed("C", "5WD").accepted("2026-03-02T10:00")
                .stepStarted("S1", "承办", "张伟", "2026-03-02T11:00").stepCompleted("S1", "承办", "张伟", "2026-03-02T16:00");
        assertThat(table(h, "2026-03-05T00:00").steps[0].usedMillis).isZero();
    }

    @Test
    void outcomeOnTime() {
        CaseOutcome o = table(CaseHistory.committed("C", "5WD").accepted("2026-03-02T10:00").completed("2026-03-09T23:00"), "2026-04-01T00:00").outcome;
        assertThat(o.kind).isEqualTo(CaseOutcome.Kind.ON_TIME);
        assertThat(o.kind.label()).isEqualTo("按期办结");
        assertThat(o.closedAt).isEqualTo(millis("2026-03-09T23:00"));
        assertThat(o.closingEvent).isEqualTo(EventType.COMPLETED);
        assertThat(o.result).isEqualTo("APPROVED");
        assertThat(o.overdueMillis).isZero();
    }

    @Test
    void outcomeOverdueByCountedTime() {
        // due Tue 03-10 00:00; closed Mon 03-16 10:00: Tue–Fri and 10 h of Monday, the weekend not counted
        CaseOutcome o = table(CaseHistory.committed("C", "5WD").accepted("2026-03-02T10:00").completed("2026-03-16T10:00"), "2026-04-01T00:00").outcome;
        assertThat(o.kind).isEqualTo(CaseOutcome.Kind.OVERDUE);
        assertThat(o.overdueMillis).isEqualTo(hours(4 * 24 + 10));
    }

    @Test
    void outcomeReturnedNotAcceptedWithdrawnUntimed() {
        assertThat(table(CaseHistory.committed("C", "5WD").accepted("2026-03-02T10:00").returned("2026-03-20T10:00"), "2026-04-01T00:00")
                .outcome.kind).isEqualTo(CaseOutcome.Kind.RETURNED);
        assertThat(table(CaseHistory.committed("C", "5WD").submitted("2026-03-02T09:00").notAccepted("2026-03-02T10:00"), "2026-04-01T00:00")
                .outcome.kind).isEqualTo(CaseOutcome.Kind.NOT_ACCEPTED);
        assertThat(table(CaseHistory.committed("C", "5WD").accepted("2026-03-02T10:00").withdrawn("2026-03-03T10:00"), "2026-04-01T00:00")
                .outcome.kind).isEqualTo(CaseOutcome.Kind.WITHDRAWN);
        TrackingTable untimed = table(CaseHistory.committed("C", "5WD").submitted("2026-03-02T09:00").completed("2026-03-20T10:00"), "2026-04-01T00:00");
        assertThat(untimed.outcome.kind).isEqualTo(CaseOutcome.Kind.UNTIMED);
        assertThat(untimed.due).isNull();
    }

    @Test
    void anApplicantWhoDidNotTurnUpCountsAsOnTime() {
        // 限时办结制度 (DOMAIN.md §1.2): even when recorded after the due instant
        TrackingTable t = table(CaseHistory.committed("C", "5WD").accepted("2026-03-02T10:00").completedApplicantAbsent("2026-03-12T10:00"),
                "2026-04-01T00:00");
        assertThat(t.outcome.kind).isEqualTo(CaseOutcome.Kind.ON_TIME);
        assertThat(t.outcome.applicantAbsent).isTrue();
        assertThat(t.outcome.overdueMillis).isZero();
    }

    @Test
    void aClosedCaseIsReadAtItsClose() {
        TrackingTable t = table(threeSteps().completed("2026-03-10T09:00"), "2026-12-31T00:00");
        assertThat(t.steps[2].usedMillis).as("批准 ran until the close").isEqualTo(hours(21));
        assertThat(t.remainingMillis).isEqualTo(-hours(3));
        assertThat(t.outcome.kind).isEqualTo(CaseOutcome.Kind.OVERDUE);
        assertThat(t.outcome.overdueMillis).isEqualTo(hours(3));
    }

    @Test
    void anOpenCaseCanBeReadAtTheEndOfTime() {
        TrackingTable t = TrackingTable.of(threeSteps().facts(), DeadlinePolicy.defaults(), CaseHistory.CHINA, Long.MAX_VALUE);
        assertThat(t.steps[2].open()).isTrue();
        assertThat(t.remainingMillis).isNegative();
    }
}
