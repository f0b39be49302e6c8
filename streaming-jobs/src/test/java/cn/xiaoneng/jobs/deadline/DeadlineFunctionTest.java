package cn.xiaoneng.jobs.deadline;

import static cn.xiaoneng.jobs.deadline.DeadlineFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.deadline.engine.Card;
import cn.xiaoneng.deadline.engine.CardKind;
import cn.xiaoneng.deadline.engine.CardStatus;
import cn.xiaoneng.deadline.engine.CaseTracker;
import cn.xiaoneng.deadline.engine.DeadlineEngine;
import cn.xiaoneng.deadline.engine.TrackingTable;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.EventType;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * {@link DeadlineFunction} in Flink's keyed operator harness: the engine's clock is the watermark the test sets.
 * Case C1: a 承诺件 with 5 WD accepted Monday 2026-03-02 10:00 → due 24:00 of Monday 2026-03-09 (counting starts on
 * Tuesday; no holiday in March 2026), printed 2026-03-10T00:00:00+08:00.
 */
class DeadlineFunctionTest {
    private static final CaseTracker TRACKER = CaseTracker.perCenter();
    private static final long DUE = local("2026-03-10T00:00:00");

    private static KeyedOneInputStreamOperatorTestHarness<String, CaseEvent, Card> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new DeadlineFunction(TRACKER, Duration.ofDays(400)), e -> e.caseId,
                Types.STRING);
    }

    private static CaseEvent accepted() {
        return event(EventType.ACCEPTED, "C1", "5WD", "2026-03-02T10:00:00");
    }

    private static List<Card> cards(KeyedOneInputStreamOperatorTestHarness<String, CaseEvent, Card> h) {
        return h.extractOutputValues();
    }

    @Test
    void aYellowCardFiresAtTheDueInstantWithNoFurtherEvent() throws Exception {
        try (var h = harness()) {
            h.processWatermark(new Watermark(local("2026-03-02T10:00:00")));
            h.processElement(accepted(), accepted().sourceCommitTime);
            h.processWatermark(new Watermark(DUE - 1));
            assertThat(cards(h)).extracting(c -> c.kind).doesNotContain(CardKind.YELLOW);

            h.processWatermark(new Watermark(DUE));

            Card yellow = cards(h).stream().filter(c -> c.kind == CardKind.YELLOW).findFirst().orElseThrow();
            assertThat(yellow.instant).isEqualTo(DUE);
            assertThat(yellow.status).isEqualTo(CardStatus.RAISED);
            assertThat(yellow.ruleVersion).isNotBlank();
            assertThat(h.numEventTimeTimers()).as("the next card (红牌) is scheduled").isEqualTo(1);
        }
    }

    @Test
    void stateAndTimersReturnToZeroOnceAClosedCaseHasOutlivedItsRetention() throws Exception {
        try (var h = harness()) {
            h.processWatermark(new Watermark(local("2026-03-02T10:00:00")));
            h.processElement(accepted(), accepted().sourceCommitTime);
            CaseEvent completed = event(EventType.COMPLETED, "C1", "5WD", "2026-03-04T15:00:00");
            h.processWatermark(new Watermark(completed.sourceCommitTime));
            h.processElement(completed, completed.sourceCommitTime);
            assertThat(h.numKeyedStateEntries()).isPositive();
            assertThat(h.numEventTimeTimers()).as("one timer: the clearing of the closed case").isEqualTo(1);

            h.processWatermark(new Watermark(Long.MAX_VALUE - 1));

            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(cards(h)).extracting(c -> c.kind).doesNotContain(CardKind.YELLOW, CardKind.RED);
            TrackingTable last = h.getSideOutput(DeadlineFunction.TRACKING).stream().reduce((a, b) -> b).orElseThrow().getValue();
            assertThat(last.outcome).isNotNull();
            assertThat(last.outcome.kind.name()).isEqualTo("ON_TIME");
        }
    }

    @Test
    void aCompletionEnteredLateRetractsTheYellowCardItPrevents() throws Exception {
        try (var h = harness()) {
            h.processWatermark(new Watermark(local("2026-03-02T10:00:00")));
            h.processElement(accepted(), accepted().sourceCommitTime);
            h.processWatermark(new Watermark(DUE + 60_000));
            Card yellow = cards(h).stream().filter(c -> c.kind == CardKind.YELLOW).findFirst().orElseThrow();

            // A paper completion on Friday 2026-03-06, entered into the system on Tuesday 2026-03-10.
            CaseEvent completed = enteredAt(event(EventType.COMPLETED, "C1", "5WD", "2026-03-06T16:00:00"), "2026-03-10T09:00:00");
            h.processElement(completed, completed.sourceCommitTime);

            Card retraction = cards(h).get(cards(h).size() - 1);
            assertThat(retraction.status).isEqualTo(CardStatus.RETRACTED);
            assertThat(retraction.cardId).isEqualTo(yellow.cardId);
            assertThat(h.numEventTimeTimers()).as("no 红牌 pending, only the clearing").isEqualTo(1);
        }
    }

    @Test
    void emitsWhatThePlainJavaEngineReplaysForTheSameHistory() throws Exception {
        List<CaseEvent> history = List.of(accepted(),
                event(EventType.SUPPLEMENT_REQUESTED, "C1", "5WD", "2026-03-03T11:00:00"),
                event(EventType.SUPPLEMENT_RECEIVED, "C1", "5WD", "2026-03-05T09:30:00"),
                event(EventType.COMPLETED, "C1", "5WD", "2026-03-16T10:00:00"));
        List<Card> expected = DeadlineEngine.replay(history, TRACKER, OptionalLong.empty());
        assertThat(expected).extracting(c -> c.kind).contains(CardKind.YELLOW);

        assertThat(run(history, null)).containsExactlyElementsOf(expected);
    }

    @Test
    void aRestoreFromASnapshotNeitherLosesNorRepeatsACard() throws Exception {
        List<CaseEvent> history = List.of(accepted(), event(EventType.COMPLETED, "C1", "5WD", "2026-03-16T10:00:00"));
        List<Card> uninterrupted = run(history, null);
        assertThat(run(history, 1)).containsExactlyElementsOf(uninterrupted);
    }

    /**
     * Feeds the history with the clock at each event's commit time, then to the end of time, like the replay command;
     * with {@code snapshotAfter} the harness is snapshotted after that many events and the rest runs in a restored one.
     */
    private static List<Card> run(List<CaseEvent> history, Integer snapshotAfter) throws Exception {
        var h = harness();
        List<Card> out = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < history.size(); i++) {
                if (snapshotAfter != null && i == snapshotAfter) {
                    OperatorSubtaskState snapshot = h.snapshot(1, 1);
                    out.addAll(cards(h));
                    h.close();
                    h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                            new DeadlineFunction(TRACKER, Duration.ofDays(400))), (CaseEvent c) -> c.caseId, Types.STRING);
                    h.initializeState(snapshot);
                    h.open();
                }
                CaseEvent e = history.get(i);
                h.processWatermark(new Watermark(e.sourceCommitTime));
                h.processElement(e, e.sourceCommitTime);
            }
            h.processWatermark(new Watermark(Long.MAX_VALUE - 1));
            out.addAll(cards(h));
        } finally {
            h.close();
        }
        out.sort(Card.BY_INSTANT);
        return out;
    }
}
