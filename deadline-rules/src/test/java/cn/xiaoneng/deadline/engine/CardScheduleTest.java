package cn.xiaoneng.deadline.engine;

import static cn.xiaoneng.deadline.engine.CaseHistory.millis;
import static cn.xiaoneng.deadline.engine.ScheduleAssertions.hours;
import static cn.xiaoneng.deadline.engine.ScheduleAssertions.lines;
import static cn.xiaoneng.deadline.engine.ScheduleAssertions.only;
import static cn.xiaoneng.deadline.engine.ScheduleAssertions.schedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.Limit;
import cn.xiaoneng.model.LimitUnit;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CardScheduleTest {

    /** Fri 2026-02-13, 5WD: counted days Sat 14 (调休上班), then 春节 15–23, then Tue 24, 25, 26, Fri 27. */
    static CaseHistory springFestivalCase() {
        return CaseHistory.committed("C-SF", "5WD").accepted("2026-02-13T10:00");
    }

    @Nested
    class TheLadder {
        @Test
        void everyCardOfAnOpenCaseAtItsExactInstantAcrossTheSpringFestival() {
            assertThat(lines(schedule(springFestivalCase()))).containsExactly(
                    "WARNING elapsed>=50% 2026-02-25T12:00:00+08:00",      // 2.5 WD: Sat 14, Tue 24, half of Wed 25
                    "WARNING elapsed>=75% 2026-02-26T18:00:00+08:00",      // 3.75 WD
                    "WARNING remaining<=1WD 2026-02-27T00:00:00+08:00",    // 4 WD used, Fri 27 left
                    "YELLOW due 2026-02-28T00:00:00+08:00",                // deadline-counting.md rule 2
                    "RED due+3WD 2026-03-04T00:00:00+08:00");              // Sat 28 (调休上班), Mon 2, Tue 3
        }

        @Test
        void cardsCarryTheClockTheRuleAndTheHolder() {
            CardSchedule s = schedule(springFestivalCase());
            Card yellow = only(s, CardKind.YELLOW);
            assertThat(yellow.label()).isEqualTo("黄牌");
            assertThat(yellow.due).isEqualTo(millis("2026-02-28T00:00"));
            assertThat(yellow.accepted).isEqualTo(millis("2026-02-13T10:00"));
            assertThat(yellow.remainingMillis).isZero();
            assertThat(yellow.limit).isEqualTo(Limit.workingDays(5));
            assertThat(yellow.limitBasis).isEqualTo(LimitBasis.COMMITTED);
            assertThat(yellow.limitClause).isEqualTo("6.6.7 承诺时限");
            assertThat(yellow.measure).isEqualTo(LimitUnit.WORKING_DAYS);
            assertThat(yellow.ruleVersion).isEqualTo("hn-cs-zwzx/2026.1");
            assertThat(yellow.clause).isEqualTo("6.6.7");
            assertThat(yellow.caseKind).isEqualTo(CaseKind.COMMITTED);
            assertThat(yellow.itemCode).isEqualTo("XK-SCJG-001");
            assertThat(yellow.holder).isEqualTo(new Holder("scjg", "W02", "张伟", null, null));
            assertThat(yellow.provisional).isFalse();
            assertThat(yellow.cardId).hasSize(64).isEqualTo(CardIds.of("hn-cs-zwzx", "C-SF", CardKind.YELLOW, "due",
                    millis("2026-02-28T00:00"), "hn-cs-zwzx/2026.1"));

            Card red = only(s, CardKind.RED);
            assertThat(red.remainingMillis).isEqualTo(-hours(72));
            assertThat(red.remainingDays()).isEqualByComparingTo(new BigDecimal("-3"));
            Card half = s.cards().get(0);
            assertThat(half.remainingMillis).isEqualTo(hours(60)); // 2.5 WD of 5 left
        }

        @Test
        void aCompletionBeforeACardsInstantRemovesIt() {
            assertThat(lines(schedule(springFestivalCase().completed("2026-02-25T11:59:59")))).isEmpty();
            assertThat(lines(schedule(springFestivalCase().completed("2026-02-26T09:00"))))
                    .containsExactly("WARNING elapsed>=50% 2026-02-25T12:00:00+08:00");
        }

        @Test
        void aCaseClosedExactlyAtAnInstantIsNoLongerOpenThen() {
            // open at t means not closed at or before t: completing at 24:00 of the last day is on time
            CardSchedule atDue = schedule(springFestivalCase().completed("2026-02-28T00:00"));
            assertThat(lines(atDue)).doesNotContain("YELLOW due 2026-02-28T00:00:00+08:00").hasSize(3);
            assertThat(atDue.outcome().orElseThrow().kind).isEqualTo(CaseOutcome.Kind.ON_TIME);

            CardSchedule justAfter = schedule(springFestivalCase().completed("2026-02-28T00:00:00.001"));
            assertThat(lines(justAfter)).contains("YELLOW due 2026-02-28T00:00:00+08:00").hasSize(4);
            assertThat(justAfter.outcome().orElseThrow().kind).isEqualTo(CaseOutcome.Kind.OVERDUE);
        }

        @Test
        void aDeliveryDoesNotCloseTheCase() {
            assertThat(lines(schedule(springFestivalCase().delivered("2026-02-25T09:00")))).hasSize(5);
        }

        @Test
        void noAcceptanceNoClockNoCards() {
            CardSchedule s = schedule(CaseHistory.committed("C-NA", "5WD").submitted("2026-02-13T09:00"));
            assertThat(s.cards()).isEmpty();
            assertThat(s.clock()).isEmpty();
            CardSchedule refused = schedule(CaseHistory.committed("C-NA", "5WD").submitted("2026-02-13T09:00").notAccepted("2026-02-13T09:30"));
            assertThat(refused.cards()).isEmpty();
            assertThat(refused.outcome().orElseThrow().kind).isEqualTo(CaseOutcome.Kind.NOT_ACCEPTED);
        }

        @Test
        void anImmediateCaseWarnsWithinItsDayAndHasNoOneDayWindow() {
            // 即办: due 24:00 of the 受理 day; the budget is the 14 h left of it, so 50 % is 7 h later
            CaseHistory h = CaseHistory.committed("C-JB", "IMMEDIATE").kind(CaseKind.IMMEDIATE).accepted("2026-03-02T10:00");
            assertThat(lines(schedule(h))).containsExactly(
                    "WARNING elapsed>=50% 2026-03-02T17:00:00+08:00",
                    "WARNING elapsed>=75% 2026-03-02T20:30:00+08:00",
                    "YELLOW due 2026-03-03T00:00:00+08:00",
                    "RED due+3WD 2026-03-06T00:00:00+08:00");
            assertThat(lines(schedule(h.completed("2026-03-02T10:15")))).isEmpty();
        }

        @Test
        void aNaturalDayLimitRollsOffTheWeekendAndTheRedCountsWorkingDays() {
            // 20ND from Mon 03-02: the 20th day is Sun 03-22 → 24:00 Mon 03-23 (民法典 Art. 203)
            CardSchedule s = schedule(CaseHistory.committed("C-ND", "20ND").accepted("2026-03-02T10:00"));
            assertThat(lines(s)).containsExactly(
                    "WARNING elapsed>=50% 2026-03-13T00:00:00+08:00",
                    "WARNING elapsed>=75% 2026-03-18T00:00:00+08:00",
                    // the window is 1 WD of working time: from Sat 03-21 only Mon 03-23 is left to work
                    "WARNING remaining<=1WD 2026-03-21T00:00:00+08:00",
                    "YELLOW due 2026-03-24T00:00:00+08:00",
                    "RED due+3WD 2026-03-27T00:00:00+08:00");
            assertThat(only(s, CardKind.YELLOW).measure).isEqualTo(LimitUnit.NATURAL_DAYS);
        }

        @Test
        void theDefaultLimitIs20WorkingDaysForOneDepartment() {
            CardSchedule s = schedule(CaseHistory.withoutLimits("C-DEF").accepted("2026-03-02T10:00"));
            Card yellow = only(s, CardKind.YELLOW);
            assertThat(yellow.instant).isEqualTo(millis("2026-03-31T00:00"));
            assertThat(yellow.limitBasis).isEqualTo(LimitBasis.DEFAULT);
            assertThat(yellow.limitClause).isEqualTo("6.5.4");
        }
    }

    @Nested
    class Limits {
        @Test
        void theCommittedLimitWinsOverTheLegalOne() {
            assertThat(schedule(CaseHistory.committed("C", "5WD").legal("20WD").accepted("2026-03-02T10:00")).clock().orElseThrow().limit())
                    .isEqualTo(Limit.workingDays(5));
        }

        @Test
        void theLegalLimitAppliesWithoutACommittedOne() {
            CaseClock clock = schedule(CaseHistory.withoutLimits("C").legal("20WD").accepted("2026-03-02T10:00")).clock().orElseThrow();
            assertThat(clock.basis()).isEqualTo(LimitBasis.LEGAL);
            assertThat(clock.due()).isEqualTo(millis("2026-03-31T00:00"));
        }

        @Test
        void aJointCaseWithoutLimitsGets45WorkingDays() {
            // 6.5.4: 45 WD for more than one department; from Mon 2026-09-14 → 2026-11-21 (deadline-counting.md rule 2)
            List<CaseEvent> events = CaseHistory.joint("CJ", "1WD", "zjj", "xf").accepted("2026-09-14T10:00").events();
            events.forEach(e -> {
                e.committedLimit = null;
                e.legalLimit = null;
            });
            CaseClock clock = CardSchedule.compute(CaseFacts.of(events), DeadlinePolicy.defaults(), CaseHistory.CHINA).clock().orElseThrow();
            assertThat(clock.basis()).isEqualTo(LimitBasis.DEFAULT);
            assertThat(clock.limit()).isEqualTo(Limit.workingDays(45));
            assertThat(clock.due()).isEqualTo(millis("2026-11-21T00:00"));
        }

        @Test
        void anImmediateKindWithoutALimitIsImmediate() {
            CaseClock clock = schedule(CaseHistory.withoutLimits("C").kind(CaseKind.IMMEDIATE).accepted("2026-03-02T10:00")).clock().orElseThrow();
            assertThat(clock.basis()).isEqualTo(LimitBasis.IMMEDIATE_KIND);
            assertThat(clock.due()).isEqualTo(millis("2026-03-03T00:00"));
        }

        @Test
        void aPolicyItemLimitWinsOverEverything() {
            DeadlinePolicy p = DeadlinePolicy.defaults().toBuilder().itemLimit("XK-SCJG-001", Limit.workingDays(2)).build();
            CaseClock clock = schedule(CaseHistory.committed("C", "5WD").accepted("2026-03-02T10:00"), p).clock().orElseThrow();
            assertThat(clock.basis()).isEqualTo(LimitBasis.ITEM_POLICY);
            assertThat(clock.due()).isEqualTo(millis("2026-03-05T00:00"));
        }

        @Test
        void theUrgentLimitAppliesToUrgentCasesOnly() {
            DeadlinePolicy p = DeadlinePolicy.defaults().toBuilder().urgentLimit(Limit.workingDays(1)).build();
            CaseClock urgent = schedule(CaseHistory.committed("C", "5WD").kind(CaseKind.URGENT).accepted("2026-03-02T10:00"), p)
                    .clock().orElseThrow();
            assertThat(urgent.basis()).isEqualTo(LimitBasis.URGENT_POLICY);
            assertThat(urgent.due()).isEqualTo(millis("2026-03-04T00:00"));
            CaseClock ordinary = schedule(CaseHistory.committed("C", "5WD").accepted("2026-03-02T10:00"), p).clock().orElseThrow();
            assertThat(ordinary.basis()).isEqualTo(LimitBasis.COMMITTED);
        }

        @Test
        void theEarliestAcceptanceStartsTheClock() {
            CaseHistory h = CaseHistory.committed("C", "5WD").accepted("2026-03-02T10:00").accepted("2026-03-04T10:00");
            assertThat(schedule(h).clock().orElseThrow().due()).isEqualTo(millis("2026-03-10T00:00"));
        }
    }

    @Nested
    class Pauses {
        @Test
        void aPauseSpanningTheSpringFestivalMovesEveryCard() {
            // deadline-counting.md rule 5: Sat 02-14 12:00 → Tue 02-24 12:00 stops 24 h of working time
            CaseHistory h = springFestivalCase().suspended("专家评审", "2026-02-14T12:00").resumed("2026-02-24T12:00");
            assertThat(lines(schedule(h))).containsExactly(
                    "WARNING elapsed>=50% 2026-02-26T12:00:00+08:00",
                    "WARNING elapsed>=75% 2026-02-27T18:00:00+08:00",
                    "WARNING remaining<=1WD 2026-02-28T00:00:00+08:00",
                    "YELLOW due 2026-03-01T00:00:00+08:00",
                    "RED due+3WD 2026-03-05T00:00:00+08:00");
        }

        @Test
        void aSupplementAfterAcceptanceStopsTheClock() {
            // 补正 Wed 03-04 09:00–17:30 (8.5 h): due 2026-03-10T08:30 (deadline-counting.md rule 5)
            CaseHistory h = CaseHistory.committed("C", "5WD").accepted("2026-03-02T10:00")
                    .supplementRequested("2026-03-04T09:00").supplementReceived("2026-03-04T17:30");
            assertThat(only(schedule(h), CardKind.YELLOW).instant).isEqualTo(millis("2026-03-10T08:30"));
        }

        @Test
        void aSupplementBeforeAcceptanceChangesNothing() {
            // 行政许可法 Art. 32: the clock starts at 受理, after the complete materials came in
            CaseHistory h = CaseHistory.committed("C", "5WD").submitted("2026-02-27T09:00").supplementRequested("2026-02-27T09:10")
                    .supplementReceived("2026-03-02T09:30").accepted("2026-03-02T10:00");
            assertThat(only(schedule(h), CardKind.YELLOW).instant).isEqualTo(millis("2026-03-10T00:00"));
        }

        @Test
        void anAcceptanceEndsASupplementLeftOpenBeforeIt() {
            CaseHistory h = CaseHistory.committed("C", "5WD").supplementRequested("2026-02-27T09:10").accepted("2026-03-02T10:00");
            CardSchedule s = schedule(h);
            assertThat(s.clock().orElseThrow().stoppedSince()).isNull();
            assertThat(only(s, CardKind.YELLOW).instant).isEqualTo(millis("2026-03-10T00:00"));
        }

        @Test
        void waitingOnAHigherLevelStopsTheClockUntilResumed() {
            CaseHistory h = CaseHistory.committed("C", "5WD").accepted("2026-03-02T10:00")
                    .reportedUp("2026-03-03T00:00").resumed("2026-03-05T00:00");
            assertThat(only(schedule(h), CardKind.YELLOW).instant).isEqualTo(millis("2026-03-12T00:00"));
        }

        @Test
        void aPauseThatHasNotEndedKeepsOnlyTheCardsReachedBeforeIt() {
            // counted by Thu 02-26 12:00: Sat 14, Tue 24, Wed 25 and half of Thu = 3.5 WD; then the clock stops
            CaseHistory h = springFestivalCase().suspended("检验", "2026-02-26T12:00");
            CardSchedule s = schedule(h);
            assertThat(lines(s)).containsExactly("WARNING elapsed>=50% 2026-02-25T12:00:00+08:00");
            Card half = s.cards().get(0);
            assertThat(half.due).as("no due instant while the clock is stopped").isNull();
            assertThat(half.remainingMillis).isEqualTo(hours(60));
            CaseClock clock = s.clock().orElseThrow();
            assertThat(clock.due()).isNull();
            assertThat(clock.stoppedSince()).isEqualTo(millis("2026-02-26T12:00"));

            // resumed a day later (Thu 12:00 → Fri 12:00 is 24 h of working time): Fri 12–24 and Sat 28 finish it
            CardSchedule resumed = schedule(h.resumed("2026-02-27T12:00"));
            assertThat(only(resumed, CardKind.YELLOW).instant).isEqualTo(millis("2026-03-01T00:00"));
            assertThat(resumed.clock().orElseThrow().stoppedSince()).isNull();
        }

        @Test
        void aResumeEndsTheSuspensionOfItsOwnStep() {
            CaseHistory h = CaseHistory.committed("C", "5WD").accepted("2026-03-02T10:00");
            h.suspended("检验", "2026-03-03T00:00").last().stepId = "S1";
            h.suspended("专家评审", "2026-03-03T12:00").last().stepId = "S2";
            h.resumed("2026-03-04T00:00").last().stepId = "S2";
            // S1 is still open: the clock stopped at Tue 00:00 and stays stopped
            CardSchedule s = schedule(h);
            assertThat(s.clock().orElseThrow().stoppedSince()).isEqualTo(millis("2026-03-03T00:00"));
            assertThat(s.cards()).isEmpty();
        }

        @Test
        void anExtensionBeforeTheDueInstantMovesTheYellowAndARedAfterIt() {
            // rule 7: 20WD from Mon 03-02, +10WD approved 03-25 → 2026-04-15 (skips 清明 04-04..06)
            CaseHistory h = CaseHistory.committed("C", "20WD").accepted("2026-03-02T10:00").extension(null, "2026-03-25T10:00");
            CardSchedule s = schedule(h);
            assertThat(only(s, CardKind.YELLOW).instant).isEqualTo(millis("2026-04-15T00:00"));
            assertThat(s.clock().orElseThrow().budgetMillis()).isEqualTo(hours(30 * 24));
            assertThat(lines(s)).contains("WARNING elapsed>=50% 2026-03-24T00:00:00+08:00"); // 15 WD of 30
        }

        @Test
        void anExtensionStatesItsSizeInTheResult() {
            CaseHistory h = CaseHistory.committed("C", "20WD").accepted("2026-03-02T10:00").extension("5WD", "2026-03-25T10:00");
            assertThat(only(schedule(h), CardKind.YELLOW).instant).isEqualTo(millis("2026-04-08T00:00"));
        }

        @Test
        void anExtensionApprovedAfterTheDueInstantMovesNothingAndCountsAsOverdue() {
            CaseHistory h = CaseHistory.committed("C", "20WD").accepted("2026-03-02T10:00").extension(null, "2026-04-01T10:00")
                    .completed("2026-04-10T10:00");
            CardSchedule s = schedule(h);
            assertThat(only(s, CardKind.YELLOW).instant).isEqualTo(millis("2026-03-31T00:00"));
            CaseOutcome o = s.outcome().orElseThrow();
            assertThat(o.kind).isEqualTo(CaseOutcome.Kind.OVERDUE);
            assertThat(o.lateExtension).isTrue();
            assertThat(s.clock().orElseThrow().lateExtension()).isTrue();
        }
    }

    @Nested
    class Steps {
        /** 5WD from Mon 03-02 10:00: counting starts Tue 00:00, due Tue 03-10 00:00; 承办 has 50 % = 60 h. */
        CaseHistory fiveDayCase() {
            return CaseHistory.committed("C-ST", "5WD").accepted("2026-03-02T10:00");
        }

        @Test
        void aStepOverrunFiresWhileTheCaseIsOnTime() {
            CaseHistory h = fiveDayCase()
                    .stepStarted("S1", "承办", "王芳", "2026-03-02T11:00")
                    .stepCompleted("S1", "承办", "王芳", "2026-03-06T09:00")
                    .completed("2026-03-06T15:00");
            CardSchedule s = schedule(h);
            assertThat(lines(s)).containsExactlyInAnyOrder(
                    "WARNING elapsed>=50% 2026-03-05T12:00:00+08:00",
                    "STEP_OVERRUN S1 2026-03-05T12:00:00+08:00"); // 60 h from Tue 00:00 (the 受理 day does not count)
            Card overrun = only(s, CardKind.STEP_OVERRUN);
            assertThat(overrun.label()).isEqualTo("环节超时");
            assertThat(overrun.holder).isEqualTo(new Holder("scjg", "W02", "王芳", "S1", "承办"));
            assertThat(overrun.remainingMillis).as("the case itself has 2.5 WD left").isEqualTo(hours(60));
            assertThat(s.outcome().orElseThrow().kind).isEqualTo(CaseOutcome.Kind.ON_TIME);
        }

        @Test
        void aStepFinishedWithinItsBudgetRaisesNothing() {
            CaseHistory h = fiveDayCase().stepStarted("S1", "承办", "王芳", "2026-03-02T11:00")
                    .stepCompleted("S1", "承办", "王芳", "2026-03-05T12:00"); // exactly at the budget's end
            assertThat(schedule(h).cards()).noneMatch(c -> c.kind == CardKind.STEP_OVERRUN);
        }

        @Test
        void aStepBudgetIsCountedOnTheCaseClockSoPausesStopIt() {
            CaseHistory h = fiveDayCase().stepStarted("S1", "承办", "王芳", "2026-03-03T00:00")
                    .suspended("检测", "2026-03-04T00:00").resumed("2026-03-05T00:00");
            assertThat(only(schedule(h), CardKind.STEP_OVERRUN).instant).isEqualTo(millis("2026-03-06T12:00"));
        }

        @Test
        void aStepWithoutABudgetRaisesNothing() {
            CaseHistory h = fiveDayCase().stepStarted("S9", "现场勘查", "王芳", "2026-03-03T00:00");
            assertThat(schedule(h).cards()).noneMatch(c -> c.kind == CardKind.STEP_OVERRUN);
        }

        @Test
        void anAbsoluteBudgetCountsWorkingDays() {
            // 制证 10WD (行政许可法 Art. 44) from Thu 03-05: Fri 6 … Thu 19 → 2026-03-20T00:00
            CaseHistory h = CaseHistory.committed("C", "20WD").accepted("2026-03-02T10:00")
                    .stepStarted("S4", "制证", "刘洋", "2026-03-05T00:00");
            assertThat(only(schedule(h), CardKind.STEP_OVERRUN).instant).isEqualTo(millis("2026-03-19T00:00"));
        }

        @Test
        void anOverdueCaseIsAttributedToTheStepsOverTheirBudgets() {
            CaseHistory h = fiveDayCase()
                    .stepStarted("S1", "承办", "张伟", "2026-03-02T11:00")
                    .stepCompleted("S1", "承办", "张伟", "2026-03-06T17:00")  // used Tue–Thu + 17 h = 89 h of 60
                    .stepStarted("S2", "审核", "王芳", "2026-03-06T17:00")
                    .stepCompleted("S2", "审核", "王芳", "2026-03-09T12:00")  // 7 h + 12 h = 19 h of 36
                    .stepStarted("S3", "批准", "李娜", "2026-03-09T12:00")
                    .completed("2026-03-13T10:00");
            CardSchedule s = schedule(h);
            assertThat(lines(s)).contains(
                    "STEP_OVERRUN S1 2026-03-05T12:00:00+08:00",
                    "STEP_OVERRUN S3 2026-03-10T12:00:00+08:00",   // 批准 20 % = 24 h from Mon 12:00
                    "YELLOW due 2026-03-10T00:00:00+08:00",
                    "RED due+3WD 2026-03-13T00:00:00+08:00");

            Card yellow = only(s, CardKind.YELLOW);
            assertThat(yellow.holder).isEqualTo(new Holder("scjg", "W02", "李娜", "S3", "批准"));
            assertThat(yellow.attribution.basis).isEqualTo(Attribution.Basis.STEPS_OVER_BUDGET);
            assertThat(yellow.attribution.steps).hasSize(1);
            AttributedStep s1 = yellow.attribution.steps[0];
            assertThat(s1.stepId).isEqualTo("S1");
            assertThat(s1.handler).isEqualTo("张伟");
            assertThat(s1.usedMillis).isEqualTo(hours(89));
            assertThat(s1.budgetMillis).isEqualTo(hours(60));
            assertThat(s1.overMillis).isEqualTo(hours(29));

            Card red = only(s, CardKind.RED);
            assertThat(red.attribution.steps).extracting(a -> a.stepId, a -> a.overMillis)
                    .containsExactly(tuple("S3", hours(60)), tuple("S1", hours(29)));

            CaseOutcome o = s.outcome().orElseThrow();
            assertThat(o.kind).isEqualTo(CaseOutcome.Kind.OVERDUE);
            assertThat(o.overdueMillis).isEqualTo(hours(82)); // Tue, Wed, Thu and 10 h of Fri
        }

        @Test
        void withNoStepOverBudgetTheHolderOfRecordAnswers() {
            CardSchedule s = schedule(CaseHistory.committed("C", "5WD").accepted("2026-03-02T10:00"));
            Attribution a = only(s, CardKind.YELLOW).attribution;
            assertThat(a.basis).isEqualTo(Attribution.Basis.HOLDER_OF_RECORD);
            assertThat(a.steps).isEmpty();
            assertThat(a.holder).isEqualTo(new Holder("scjg", "W02", "张伟", null, null));
        }

        @Test
        void theHolderIsTheStepInProgressElseWhoeverActedLast() {
            CaseHistory h = fiveDayCase().stepStarted("S1", "承办", "王芳", "2026-03-03T09:00")
                    .stepCompleted("S1", "承办", "王芳", "2026-03-04T09:00");
            CaseEvaluation ev = new CaseEvaluation(new CaseView(h.facts()), DeadlinePolicy.defaults(), CaseHistory.CHINA);
            assertThat(ev.holderAt(millis("2026-03-03T08:59"))).isEqualTo(new Holder("scjg", "W02", "张伟", null, null));
            assertThat(ev.holderAt(millis("2026-03-03T09:00"))).isEqualTo(new Holder("scjg", "W02", "王芳", "S1", "承办"));
            assertThat(ev.holderAt(millis("2026-03-04T09:00"))).isEqualTo(new Holder("scjg", "W02", "王芳", null, null));
        }
    }

    @Nested
    class JointCases {
        /** 联办件 20WD, lead 住建 (zjj) with 自然资源 (zrzy) and 消防 (xf); part limit 7WD → 24:00 Wed 03-11. */
        CaseHistory jointCase() {
            return CaseHistory.joint("C-LB", "20WD", "zjj", "zrzy", "xf").accepted("2026-03-02T10:00");
        }

        @Test
        void aDepartmentThatHasNotFinishedItsPartIsDeemedToConsent() {
            CaseHistory h = jointCase()
                    .stepStartedBy("zrzy", "Z1", "会审", "陈静", "2026-03-03T09:00")
                    .stepCompletedBy("zrzy", "Z1", "会审", "陈静", "2026-03-06T16:00")
                    .stepStartedBy("xf", "X1", "消防审查", "冯涛", "2026-03-04T09:00");
            CardSchedule s = schedule(h);
            Card deemed = only(s, CardKind.DEEMED_CONSENT);
            assertThat(deemed.label()).isEqualTo("超时默许");
            assertThat(deemed.qualifier).isEqualTo("xf");
            assertThat(deemed.instant).isEqualTo(millis("2026-03-12T00:00"));
            assertThat(deemed.holder).isEqualTo(new Holder("xf", null, "冯涛", "X1", "消防审查"));
            assertThat(deemed.attribution.basis).isEqualTo(Attribution.Basis.HOLDER_OF_RECORD);
            assertThat(deemed.attribution.holder.departmentId).isEqualTo("xf");
            assertThat(deemed.clause).isEqualTo("6.5.4");
        }

        @Test
        void aDepartmentWithNoStepAtAllIsDeemedToConsentAndTheLeadNever() {
            CardSchedule s = schedule(jointCase());
            assertThat(lines(s)).contains("DEEMED_CONSENT zrzy 2026-03-12T00:00:00+08:00", "DEEMED_CONSENT xf 2026-03-12T00:00:00+08:00")
                    .noneMatch(l -> l.contains("DEEMED_CONSENT zjj"));
            assertThat(s.cards().stream().filter(c -> c.kind == CardKind.DEEMED_CONSENT).map(c -> c.holder.departmentId))
                    .containsExactlyInAnyOrder("zrzy", "xf");
        }

        @Test
        void deemedConsentIsAttributedToThatDepartmentsStepsOverBudget() {
            // 审核 has 30 % of 20 WD = 6 WD; xf's step started Tue 00:00 is 0.5 WD over by Wed 03-11 12:00… at the part
            // deadline (Thu 00:00) it used 7 WD: 1 WD over
            CaseHistory h = jointCase()
                    .stepStartedBy("zrzy", "Z1", "会审", "陈静", "2026-03-03T09:00")
                    .stepCompletedBy("zrzy", "Z1", "会审", "陈静", "2026-03-04T09:00")
                    .stepStartedBy("xf", "X1", "审核", "冯涛", "2026-03-03T00:00")
                    .stepStartedBy("zjj", "J1", "承办", "吴刚", "2026-03-03T00:00"); // the lead's step is not xf's fault
            Card deemed = only(schedule(h), CardKind.DEEMED_CONSENT);
            assertThat(deemed.attribution.basis).isEqualTo(Attribution.Basis.STEPS_OVER_BUDGET);
            assertThat(deemed.attribution.steps).extracting(a -> a.stepId, a -> a.departmentId, a -> a.overMillis)
                    .containsExactly(tuple("X1", "xf", hours(24)));
        }

        @Test
        void thePartDeadlineNeverFallsAfterTheCaseDeadline() {
            CaseHistory h = CaseHistory.joint("C-LB5", "5WD", "zjj", "xf").accepted("2026-03-02T10:00");
            assertThat(only(schedule(h), CardKind.DEEMED_CONSENT).instant).isEqualTo(millis("2026-03-10T00:00"));
        }

        @Test
        void anAbsenceReportedByTheSourceIsADefaultAgainstThatDepartment() {
            CaseHistory h = jointCase()
                    .stepStartedBy("zrzy", "Z1", "会审", "陈静", "2026-03-03T09:00")
                    .stepCompletedBy("zrzy", "Z1", "会审", "陈静", "2026-03-04T09:00")
                    .absent("xf", "X1", "2026-03-05T10:00");
            CardSchedule s = schedule(h);
            Card absent = only(s, CardKind.ABSENCE_DEFAULT);
            assertThat(absent.label()).isEqualTo("缺席默认");
            assertThat(absent.qualifier).isEqualTo("xf");
            assertThat(absent.instant).isEqualTo(millis("2026-03-05T10:00"));
            assertThat(absent.holder.departmentId).isEqualTo("xf");
            assertThat(s.cards()).noneMatch(c -> c.kind == CardKind.DEEMED_CONSENT); // the absence settled xf's part
        }

        @Test
        void aJointCaseIsOneWithMoreThanOneDepartmentListed() {
            CaseHistory single = CaseHistory.committed("C", "20WD").kind(CaseKind.JOINT).accepted("2026-03-02T10:00");
            assertThat(schedule(single).cards()).noneMatch(c -> c.kind == CardKind.DEEMED_CONSENT);
        }
    }

    @Nested
    class Provisional {
        @Test
        void aCardDependingOnAYearWithoutACalendarIsProvisional() {
            // 5WD from Wed 2026-12-30: 2027 has no published calendar (deadline-counting.md)
            CardSchedule s = schedule(CaseHistory.committed("C", "5WD").accepted("2026-12-30T10:00"));
            assertThat(only(s, CardKind.YELLOW).instant).isEqualTo(millis("2027-01-07T00:00"));
            assertThat(s.cards()).allMatch(c -> c.provisional);
            assertThat(s.clock().orElseThrow().provisional()).isTrue();
        }

        @Test
        void aCountEndingAt24OnNewYearsEveIsNotProvisional() {
            // 5WD from Mon 2026-12-21 → 2026-12-29; red 3 WD later ends at 24:00 of 2026-12-31
            CardSchedule s = schedule(CaseHistory.committed("C", "5WD").accepted("2026-12-21T10:00"));
            Card red = only(s, CardKind.RED);
            assertThat(red.instant).isEqualTo(millis("2027-01-01T00:00"));
            assertThat(s.cards()).noneMatch(c -> c.provisional);
        }
    }

    @Test
    void aLateFactWithAnEarlierBusinessTimeSimplyChangesTheSchedule() {
        CaseHistory h = springFestivalCase();
        CardSchedule before = schedule(h);
        CardSchedule after = schedule(h.completed("2026-02-26T09:00").enteredAt("2026-03-05T09:00"));
        assertThat(before.cards()).hasSize(5);
        assertThat(lines(after)).containsExactly("WARNING elapsed>=50% 2026-02-25T12:00:00+08:00");
        assertThat(after.card(before.cards().get(0).cardId)).isPresent(); // same instant, same id
    }

    @Test
    void theScheduleIsAPureFunctionOfTheFacts() {
        CaseHistory h = springFestivalCase().stepStarted("S1", "承办", "王芳", "2026-02-14T09:00");
        CardSchedule a = schedule(h);
        CardSchedule b = schedule(h);
        assertThat(a.cards()).isEqualTo(b.cards());
        List<CaseEvent> reversed = new java.util.ArrayList<>(h.events());
        java.util.Collections.reverse(reversed);
        assertThat(CardSchedule.compute(CaseFacts.of(reversed), DeadlinePolicy.defaults(), CaseHistory.CHINA).cards()).isEqualTo(a.cards());
    }
}
