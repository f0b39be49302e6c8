package cn.xiaoneng.jobs.incident;

import static cn.xiaoneng.jobs.incident.IncidentFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.deadline.engine.CardStatus;
import cn.xiaoneng.incident.FactType;
import cn.xiaoneng.incident.IncidentCardKind;
import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.engine.IncidentCard;
import cn.xiaoneng.incident.engine.IncidentReplay;
import cn.xiaoneng.incident.engine.IncidentTracker;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * {@link IncidentFunction} in the keyed operator harness; the clock is the watermark the test sets. The incident is the
 * 佛山高明 outage as a 重大 (Ⅱ) incident on Tuesday 2026-03-03: onset and detection 08:15, verbal report 08:25, response
 * 08:27, workaround 08:30, pause declared 08:35, service restored 10:00, closed 10:45, no written report.
 */
class IncidentFunctionTest {
    private static final IncidentTracker TRACKER = IncidentTracker.perCenter();
    private static final List<IncidentFact> GAOMING_FACTS = facts(opsLogRecords(gaomingEntries()));

    private static KeyedOneInputStreamOperatorTestHarness<String, IncidentFact, IncidentCard> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new IncidentFunction(TRACKER, Duration.ofDays(400)),
                f -> f.centerId + "/" + f.incidentId, Types.STRING);
    }

    private static IncidentFact fact(FactType type) {
        return GAOMING_FACTS.stream().filter(f -> f.factType == type).findFirst().orElseThrow();
    }

    private static void feed(KeyedOneInputStreamOperatorTestHarness<String, IncidentFact, IncidentCard> h, IncidentFact f) throws Exception {
        h.processElement(f, f.recordedAt);
    }

    @Test
    void theOverdueCardIsRaisedAtItsInstantWithNoFurtherFact() throws Exception {
        try (var h = harness()) {
            feed(h, fact(FactType.ONSET));
            feed(h, fact(FactType.DETECTED));
            assertThat(h.extractOutputValues()).extracting(c -> c.kind).containsExactly(IncidentCardKind.INCIDENT_RAISED);

            h.processWatermark(new Watermark(local("2026-03-03T08:45:00") - 1));
            assertThat(h.extractOutputValues()).extracting(c -> c.kind).doesNotContain(IncidentCardKind.VERBAL_REPORT_OVERDUE);
            h.processWatermark(new Watermark(local("2026-03-03T08:45:00")));

            List<IncidentCard> cards = h.extractOutputValues();
            assertThat(cards).extracting(c -> c.kind).contains(IncidentCardKind.VERBAL_REPORT_OVERDUE, IncidentCardKind.WORKAROUND_OVERDUE);
            IncidentCard verbal = cards.stream().filter(c -> c.kind == IncidentCardKind.VERBAL_REPORT_OVERDUE).findFirst().orElseThrow();
            assertThat(verbal.instant).isEqualTo(local("2026-03-03T08:45:00"));
            assertThat(verbal.status).isEqualTo(CardStatus.RAISED);
            assertThat(h.numEventTimeTimers()).as("the next deadline is scheduled").isEqualTo(1);
        }
    }

    @Test
    void aReportTypedInLateWithItsTrueTimeRetractsTheCard() throws Exception {
        try (var h = harness()) {
            feed(h, fact(FactType.ONSET));
            feed(h, fact(FactType.DETECTED));
            h.processWatermark(new Watermark(local("2026-03-03T09:00:00")));
            IncidentCard verbal = h.extractOutputValues().stream().filter(c -> c.kind == IncidentCardKind.VERBAL_REPORT_OVERDUE).findFirst()
                    .orElseThrow();

            IncidentFact report = fact(FactType.VERBAL_REPORT); // made 08:25, typed in at 09:05
            report.recordedAt = local("2026-03-03T09:05:00");
            feed(h, report);

            IncidentCard last = h.extractOutputValues().get(h.extractOutputValues().size() - 1);
            assertThat(last.cardId).isEqualTo(verbal.cardId);
            assertThat(last.status).isEqualTo(CardStatus.RETRACTED);
        }
    }

    @Test
    void emitsWhatThePlainJavaReplayEmitsAndClearsStateAndTimersAfterRetention() throws Exception {
        try (var h = harness()) {
            for (IncidentFact f : GAOMING_FACTS) {
                h.processWatermark(new Watermark(f.recordedAt - 1));
                feed(h, f);
            }
            assertThat(h.numKeyedStateEntries()).isPositive();
            assertThat(h.numEventTimeTimers()).as("one timer: the clearing after closed.retention").isEqualTo(1);

            h.processWatermark(new Watermark(Long.MAX_VALUE - 1));

            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            List<IncidentCard> expected = IncidentReplay.replay(GAOMING_FACTS, TRACKER, Long.MAX_VALUE - 1);
            assertThat(h.extractOutputValues()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(h.extractOutputValues()).filteredOn(c -> c.status == CardStatus.RAISED).extracting(c -> c.kind + "@" + c.instant)
                    .containsExactlyInAnyOrder("INCIDENT_RAISED@" + ONSET_TUESDAY_0815,
                            "WRITTEN_REPORT_OVERDUE@" + local("2026-03-03T10:15:00"));
        }
    }

    @Test
    void theDeclaredPauseIsSentOnceOpenAndAgainWhenServiceIsRestored() throws Exception {
        try (var h = harness()) {
            for (IncidentFact f : GAOMING_FACTS) {
                feed(h, f);
            }
            List<PauseRequest> pauses = h.getSideOutput(IncidentFunction.PAUSES).stream().map(StreamRecord::getValue).toList();

            assertThat(pauses).extracting(p -> p.departmentId + " " + p.from + ".." + p.to)
                    .containsExactly(DEPARTMENT + " " + ONSET_TUESDAY_0815 + "..null", DEPARTMENT + " " + ONSET_TUESDAY_0815 + ".." + RESTORED_1000);
            assertThat(pauses.get(1).approver).isEqualTo("中心主任 何平");
            assertThat(h.getSideOutput(IncidentFunction.TIMELINE)).hasSize(GAOMING_FACTS.size());
        }
    }

    @Test
    void theChecksSayWhichPlanDeadlinesWereMetOrMissed() throws Exception {
        try (var h = harness()) {
            for (IncidentFact f : GAOMING_FACTS) {
                feed(h, f);
            }
            int latest = GAOMING_FACTS.size();
            List<String> checks = h.getSideOutput(IncidentFunction.CHECKS).stream().map(StreamRecord::getValue).filter(c -> c.revision == latest)
                    .map(c -> c.qualifier + " " + c.status).toList();

            assertThat(checks).contains("verbalReport MET", "writtenReport UNMET", "response MET", "workaround MET", "restoration MET");
            IncidentRow last = h.getSideOutput(IncidentFunction.INCIDENTS).stream().reduce((a, b) -> b).orElseThrow().getValue();
            assertThat(last.status).isEqualTo("CLOSED");
            assertThat(last.level).isEqualTo("II");
        }
    }

    @Test
    void aRedeliveredFactChangesNothing() throws Exception {
        try (var h = harness()) {
            feed(h, fact(FactType.ONSET));
            int before = h.extractOutputValues().size();
            feed(h, fact(FactType.ONSET));
            assertThat(h.extractOutputValues()).hasSize(before);
            assertThat(h.getSideOutput(IncidentFunction.TIMELINE)).hasSize(1);
        }
    }
}
