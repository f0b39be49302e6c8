package cn.xiaoneng.jobs.throughput;

import static cn.xiaoneng.jobs.throughput.ThroughputFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.EventType;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class CaseEnricherTest {
    static final Duration RETENTION = ThroughputJob.enricherRetention(Duration.ofDays(3));

    private static KeyedOneInputStreamOperatorTestHarness<String, CaseEvent, ThroughputFact> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new CaseEnricher(RETENTION, Duration.ofDays(60)), e -> e.caseId, Types.STRING);
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, CaseEvent, ThroughputFact> h, CaseEvent... events) throws Exception {
        for (CaseEvent e : events) {
            h.processElement(e, e.businessTime);
        }
    }

    @Test
    void aRepeatedEventIdIsCountedOnce() throws Exception {
        try (var h = harness()) {
            CaseEvent accepted = accepted("C1", W01, MON_0930_10);
            send(h, accepted, completed("C1", MON_0945_10), accepted);

            assertThat(h.extractOutputValues()).extracting(f -> f.eventType).containsExactly(EventType.ACCEPTED, EventType.COMPLETED);
        }
    }

    @Test
    void attributeLessEventsTakeTheCaseAttributesFromEarlierEvents() throws Exception {
        try (var h = harness()) {
            send(h, accepted("C1", W02, MON_0930_10), supplementRequested("C1", MON_0950));

            ThroughputFact supplement = h.extractOutputValues().get(1);
            assertThat(supplement.departmentId).isEqualTo(SCJG);
            assertThat(supplement.windowId).isEqualTo(W02);
            assertThat(supplement.caseKind).isEqualTo("COMMITTED");
            assertThat(supplement.centerId).isEqualTo(CENTER);
        }
    }

    @Test
    void anEventsOwnAttributeWinsAndIsRememberedForLaterEvents() throws Exception {
        try (var h = harness()) {
            CaseEvent movedWindow = supplementRequested("C1", MON_0950);
            movedWindow.windowId = W02;
            send(h, accepted("C1", W01, MON_0930_10), movedWindow, completed("C1", MON_1005));

            assertThat(h.extractOutputValues()).extracting(f -> f.windowId).containsExactly(W01, W02, W02);
        }
    }

    @Test
    void unknownAttributesAreEmptyNotNull() throws Exception {
        try (var h = harness()) {
            send(h, completed("C1", MON_1005));

            ThroughputFact f = h.extractOutputValues().get(0);
            assertThat(f.departmentId).isEmpty();
            assertThat(f.windowId).isEmpty();
            assertThat(f.caseKind).isEmpty();
        }
    }

    @Test
    void handlingTimeIsCompletionMinusAcceptanceInSeconds() throws Exception {
        try (var h = harness()) {
            send(h, accepted("C1", W01, MON_0930_10), completed("C1", MON_0945_10));

            assertThat(h.extractOutputValues()).extracting(f -> f.handlingSeconds).containsExactly(ThroughputFact.UNKNOWN, 15 * 60L);
        }
    }

    @Test
    void completionWithoutKnownAcceptanceHasUnknownHandlingTime() throws Exception {
        try (var h = harness()) {
            send(h, completed("C1", MON_0945_10), accepted("C1", W01, MON_0930_10));

            assertThat(h.extractOutputValues().get(0).handlingSeconds).isEqualTo(ThroughputFact.UNKNOWN);
        }
    }

    @Test
    void onlyCountedTypesBecomeFacts() throws Exception {
        try (var h = harness()) {
            send(h, event(EventType.SUBMITTED, "C1", MON_0930_10), accepted("C1", W01, MON_0930_30), event(EventType.STEP_STARTED, "C1", MON_0931_00),
                    stepCompleted("C1", MON_0945_10), supplementRequested("C1", MON_0950), event(EventType.SUSPENDED, "C1", MON_1005),
                    returned("C1", MON_1010), event(EventType.DELIVERED, "C1", MON_1100));

            assertThat(h.extractOutputValues()).extracting(f -> f.eventType)
                    .containsExactly(EventType.ACCEPTED, EventType.SUPPLEMENT_REQUESTED, EventType.RETURNED);
        }
    }

    @Test
    void stateAndTimerOfAClosedCaseAreGoneOnceItsBucketsStopTakingCorrections() throws Exception {
        try (var h = harness()) {
            send(h, accepted("C1", W01, MON_0930_10), completed("C1", MON_0945_10));
            assertThat(h.numEventTimeTimers()).isEqualTo(1);

            long cleanup = CaseEnricher.cleanupTime(MON_0945_10, RETENTION.toMillis());
            h.processWatermark(cleanup - 1);
            assertThat(h.numKeyedStateEntries()).as("still there while a bucket may take a replay").isEqualTo(1);

            h.processWatermark(cleanup);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aLaterEventOfAClosedCaseMovesItsSingleTimer() throws Exception {
        try (var h = harness()) {
            send(h, accepted("C1", W01, MON_0930_10), withdrawn("C1", MON_0945_10), event(EventType.DELIVERED, "C1", MON_1100));
            assertThat(h.numEventTimeTimers()).isEqualTo(1);

            h.processWatermark(CaseEnricher.cleanupTime(MON_0945_10, RETENTION.toMillis()));
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
            h.processWatermark(CaseEnricher.cleanupTime(MON_1100, RETENTION.toMillis()));
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void eventIdFingerprintsTellApartIdsThatDifferInOneCharacter() {
        CaseState s = new CaseState();
        java.util.Set<Long> fingerprints = new java.util.HashSet<>();
        String base = cn.xiaoneng.model.EventIds.of("lc", "approval.business_step", "42", "lsn:1", 3);
        for (int i = 0; i < base.length(); i++) {
            for (char c : "0123456789abcdef".toCharArray()) {
                fingerprints.add(CaseState.fingerprint(base.substring(0, i) + c + base.substring(i + 1)));
            }
        }
        assertThat(fingerprints).hasSize(1 + base.length() * 15);
        assertThat(s.markSeen(base)).isTrue();
        assertThat(s.markSeen(base)).isFalse();
        assertThat(s.seenEventIds).hasSize(1);
    }

    @Test
    void theStateBytesGiveBackEveryField() {
        CaseState empty = CaseState.decode(new CaseState().encode());
        assertThat(empty).usingRecursiveComparison().isEqualTo(new CaseState());

        CaseState s = new CaseState();
        s.centerId = "hn-cs-zwzx";
        s.departmentId = "市场监管局";
        s.windowId = null;
        s.caseKind = "COMMITTED";
        s.acceptedAt = MON_0930_10;
        s.maxBusinessTime = MON_1100;
        s.closed = true;
        s.cleanupAt = MON_1100 + RETENTION.toMillis();
        s.markSeen("e1");
        s.markSeen("e2");
        byte[] bytes = s.encode();
        assertThat(bytes[0]).isEqualTo(CaseState.FORMAT);
        assertThat(CaseState.decode(bytes)).usingRecursiveComparison().isEqualTo(s);

        s.acceptedAt = null;
        s.cleanupAt = null;
        s.closed = false;
        s.windowId = "W-07";
        s.centerId = null;
        assertThat(CaseState.decode(s.encode())).usingRecursiveComparison().isEqualTo(s);
    }

    @Test
    void aStateOfAnotherFormatIsRefused() {
        byte[] bytes = new CaseState().encode();
        bytes[0] = 9;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CaseState.decode(bytes)).hasMessageContaining("format 9");
    }

    @Test
    void anOpenCaseKeepsItsStateAndHasNoTimer() throws Exception {
        try (var h = harness()) {
            send(h, accepted("C1", W01, MON_0930_10));
            h.processWatermark(MON_0930_10 + Duration.ofDays(30).toMillis());

            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(h.numKeyedStateEntries()).as("until the TTL backstop (one value per case)").isEqualTo(1);
            List<ThroughputFact> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
        }
    }
}
