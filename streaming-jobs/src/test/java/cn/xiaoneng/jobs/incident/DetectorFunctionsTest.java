package cn.xiaoneng.jobs.incident;

import static cn.xiaoneng.jobs.incident.IncidentFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.incident.FactType;
import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.detect.SilenceDetector;
import cn.xiaoneng.incident.detect.WindowIdleDetector;
import cn.xiaoneng.model.CaseEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The two detectors in the keyed operator harness, on the built-in plan (office hours 09:00–12:00, 13:30–17:30; a source
 * is suspected after 10 minutes of silence, a window after 30 idle minutes). Tuesday 2026-03-03 is a working day.
 */
class DetectorFunctionsTest {
    private static final Map<String, SourceSilenceFunction.Owner> SOURCES = Map.of("lc", new SourceSilenceFunction.Owner(CENTER, DEPARTMENT));

    private static KeyedOneInputStreamOperatorTestHarness<String, SourceActivity, IncidentFact> silence() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new SourceSilenceFunction(SilenceDetector.perCenter(), SOURCES, Duration.ofDays(400)), a -> a.sourceId, Types.STRING);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, CaseEvent, IncidentFact> windows() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new WindowIdleFunction(WindowIdleDetector.perCenter(), Duration.ofDays(400)),
                e -> e.centerId + "/" + e.departmentId, Types.STRING);
    }

    private static List<String> facts(List<IncidentFact> facts) {
        return facts.stream().map(f -> f.factType + "@" + f.at).toList();
    }

    @Test
    void aSilentSourceIsSuspectedAtTenMinutesOfOfficeTimeWithNoRecordArriving() throws Exception {
        try (var h = silence()) {
            SourceActivity last = heartbeat("lc", "2026-03-03T10:00:00");
            h.processElement(last, last.at);
            h.processWatermark(new Watermark(local("2026-03-03T10:10:00") - 1));
            assertThat(h.extractOutputValues()).isEmpty();

            h.processWatermark(new Watermark(local("2026-03-03T10:10:00")));

            assertThat(facts(h.extractOutputValues())).containsExactly("ONSET@" + local("2026-03-03T10:00:00"),
                    "DETECTED@" + local("2026-03-03T10:10:00"));
            IncidentFact onset = h.extractOutputValues().get(0);
            assertThat(onset.incidentId).isEqualTo("auto-silence-lc-20260303T100000.000");
            assertThat(onset.departmentIds).containsExactly(DEPARTMENT);
            assertThat(onset.confirmed).isFalse();
            assertThat(h.numEventTimeTimers()).as("nothing to wait for until the source speaks again").isZero();

            SourceActivity back = heartbeat("lc", "2026-03-03T10:30:00");
            h.processElement(back, back.at);
            assertThat(facts(h.extractOutputValues())).endsWith("SERVICE_RESTORED@" + back.at, "CLOSED@" + back.at);
        }
    }

    @Test
    void onAReplayTheGapIsDetectedBeforeTheActivityThatEndsIt() throws Exception {
        try (var h = silence()) {
            SourceActivity last = heartbeat("lc", "2026-03-03T10:00:00");
            SourceActivity back = heartbeat("lc", "2026-03-03T10:30:00");
            h.processElement(last, last.at);
            h.processElement(back, back.at); // the watermark never passed 10:10 in between

            assertThat(h.extractOutputValues()).extracting(f -> f.factType)
                    .containsExactly(FactType.ONSET, FactType.DETECTED, FactType.SERVICE_RESTORED, FactType.CLOSED);
        }
    }

    @Test
    void nothingIsDetectedOvernightAndUnknownSourcesKeepNoState() throws Exception {
        try (var h = silence()) {
            SourceActivity evening = heartbeat("lc", "2026-03-03T17:25:00");
            h.processElement(evening, evening.at);
            h.processWatermark(new Watermark(local("2026-03-04T09:04:59")));
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark(new Watermark(local("2026-03-04T09:05:00")));
            assertThat(h.extractOutputValues()).extracting(f -> f.factType).containsExactly(FactType.ONSET, FactType.DETECTED);

            SourceActivity stranger = heartbeat("zz", "2026-03-04T09:06:00");
            h.processElement(stranger, stranger.at);
            assertThat(h.numKeyedStateEntries()).as("only lc is watched").isEqualTo(1);
        }
    }

    @Test
    void anIdleWindowIsSuspectedWhileItsDepartmentAcceptsElsewhereAndClosedByItsNextAcceptance() throws Exception {
        try (var h = windows()) {
            for (CaseEvent e : List.of(accepted("C1", "W01", "2026-03-03T09:05:00"), accepted("C2", "W02", "2026-03-03T09:10:00"),
                    accepted("C3", "W02", "2026-03-03T09:15:00"), accepted("C4", "W02", "2026-03-03T09:20:00"))) {
                h.processElement(e, e.sourceCommitTime);
            }
            h.processWatermark(new Watermark(local("2026-03-03T09:35:00")));

            assertThat(h.extractOutputValues()).extracting(f -> f.factType).containsExactly(FactType.ONSET, FactType.DETECTED);
            IncidentFact detected = h.extractOutputValues().get(1);
            assertThat(detected.at).isEqualTo(local("2026-03-03T09:35:00"));
            assertThat(detected.incidentId).startsWith("auto-window-" + DEPARTMENT + "-W01-");

            CaseEvent back = accepted("C5", "W01", "2026-03-03T10:00:00");
            h.processElement(back, back.sourceCommitTime);
            assertThat(h.extractOutputValues()).extracting(f -> f.factType).endsWith(FactType.SERVICE_RESTORED, FactType.CLOSED);
        }
    }
}
