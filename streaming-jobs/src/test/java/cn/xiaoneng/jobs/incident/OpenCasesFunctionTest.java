package cn.xiaoneng.jobs.incident;

import static cn.xiaoneng.jobs.incident.IncidentFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.engine.IncidentTracker;
import cn.xiaoneng.incident.engine.PauseEvents;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.EventType;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenCasesFunction} in the keyed two-input harness: the 高明 pause (Tuesday 08:15 until service is restored at
 * 10:00, declared 08:35 and recorded 08:37) reaches exactly the scjg cases open at 08:15.
 */
class OpenCasesFunctionTest {
    private static final long DECLARED_RECORDED = local("2026-03-03T08:37:00");

    /** The two pause requests the tracker sends for the 高明 timeline: open-ended, then with its end. */
    private static List<PauseRequest> pauseRequests() throws Exception {
        List<IncidentFact> facts = facts(opsLogRecords(gaomingEntries()));
        try (KeyedOneInputStreamOperatorTestHarness<String, IncidentFact, ?> h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new IncidentFunction(IncidentTracker.perCenter(), Duration.ofDays(400)), f -> f.incidentId, Types.STRING)) {
            for (IncidentFact f : facts) {
                h.processElement(f, f.recordedAt);
            }
            return h.getSideOutput(IncidentFunction.PAUSES).stream().map(StreamRecord::getValue).toList();
        }
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, CaseEvent, PauseRequest, CaseEvent> harness() throws Exception {
        var h = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new OpenCasesFunction(Duration.ofDays(7), Duration.ofDays(400))),
                (CaseEvent e) -> e.centerId + "/" + e.departmentId, (PauseRequest p) -> p.centerId + "/" + p.departmentId, Types.STRING);
        h.open();
        return h;
    }

    private static void caseFact(KeyedTwoInputStreamOperatorTestHarness<String, CaseEvent, PauseRequest, CaseEvent> h, CaseEvent e) throws Exception {
        h.processElement1(new StreamRecord<>(e, e.sourceCommitTime));
    }

    private static List<String> pauses(KeyedTwoInputStreamOperatorTestHarness<String, CaseEvent, PauseRequest, CaseEvent> h) {
        return h.extractOutputValues().stream().map(e -> e.caseId + " " + e.eventType + "@" + e.businessTime).distinct().toList();
    }

    @Test
    void thePauseReachesTheCasesOpenAtItsStartOnceTheClockPassesItsDeclaration() throws Exception {
        List<PauseRequest> requests = pauseRequests();
        try (var h = harness()) {
            caseFact(h, accepted("OPEN-MON", "W01", "2026-03-02T10:00:00"));
            caseFact(h, accepted("CLOSED-MON", "W02", "2026-03-02T09:30:00"));
            caseFact(h, completed("CLOSED-MON", "2026-03-02T15:00:00"));
            h.processElement2(new StreamRecord<>(requests.get(0), DECLARED_RECORDED));
            assertThat(h.extractOutputValues()).as("answered only once the clock passed the declaration").isEmpty();

            h.processWatermark1(new Watermark(DECLARED_RECORDED));
            h.processWatermark2(new Watermark(DECLARED_RECORDED));
            assertThat(pauses(h)).containsExactly("OPEN-MON SUSPENDED@" + ONSET_TUESDAY_0815);

            caseFact(h, accepted("AFTER-ONSET", "W01", "2026-03-03T09:00:00"));
            CaseEvent lateEntry = accepted("PAPER-MON", "W02", "2026-03-02T16:00:00"); // accepted Monday, entered Tuesday 09:10
            lateEntry.sourceCommitTime = local("2026-03-03T09:10:00");
            caseFact(h, lateEntry);
            h.processElement2(new StreamRecord<>(requests.get(1), requests.get(1).knownAt));
            h.processWatermark1(new Watermark(requests.get(1).knownAt));
            h.processWatermark2(new Watermark(requests.get(1).knownAt));

            assertThat(pauses(h)).containsExactlyInAnyOrder("OPEN-MON SUSPENDED@" + ONSET_TUESDAY_0815, "PAPER-MON SUSPENDED@" + ONSET_TUESDAY_0815,
                    "OPEN-MON RESUMED@" + RESTORED_1000, "PAPER-MON RESUMED@" + RESTORED_1000);
            CaseEvent resumed = h.extractOutputValues().stream().filter(e -> e.eventType == EventType.RESUMED).findFirst().orElseThrow();
            assertThat(resumed.stepId).isEqualTo("incident:" + GAOMING);
            assertThat(resumed.sourceId).isEqualTo(PauseEvents.SOURCE_ID);
            assertThat(resumed.reason).contains("应急停表", GAOMING, "中心主任 何平");
        }
    }

    @Test
    void stateReturnsToZeroOnceCasesClosedAndThePauseEndedLongerThanTheRetentionAgo() throws Exception {
        List<PauseRequest> requests = pauseRequests();
        try (var h = harness()) {
            caseFact(h, accepted("OPEN-MON", "W01", "2026-03-02T10:00:00"));
            h.processElement2(new StreamRecord<>(requests.get(1), requests.get(1).knownAt));
            caseFact(h, completed("OPEN-MON", "2026-03-05T10:00:00"));
            assertThat(h.numKeyedStateEntries()).isPositive();

            h.processWatermark1(new Watermark(Long.MAX_VALUE - 1));
            h.processWatermark2(new Watermark(Long.MAX_VALUE - 1));

            assertThat(pauses(h)).hasSize(2);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void ourOwnPauseEventsReadBackFromTheCanonicalTopicAreIgnored() throws Exception {
        try (var h = harness()) {
            CaseEvent own = accepted("X", "W01", "2026-03-02T10:00:00");
            own.sourceId = PauseEvents.SOURCE_ID;
            caseFact(h, own);
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }
}
