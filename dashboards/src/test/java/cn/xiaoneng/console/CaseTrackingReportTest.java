package cn.xiaoneng.console;

import static cn.xiaoneng.console.PauseFixtures.DIRECTOR;
import static cn.xiaoneng.console.PauseFixtures.HOUR;
import static cn.xiaoneng.console.PauseFixtures.REASON;
import static cn.xiaoneng.console.PauseFixtures.SUBSTATION;
import static cn.xiaoneng.console.PauseFixtures.at;
import static cn.xiaoneng.console.PauseFixtures.pausedCase;
import static cn.xiaoneng.console.ThroughputFixtures.CENTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import cn.xiaoneng.console.CaseTrackingReport.PauseView;
import cn.xiaoneng.console.ThroughputFacts.Names;
import cn.xiaoneng.deadline.engine.CaseFacts;
import cn.xiaoneng.deadline.engine.CaseTracker;
import cn.xiaoneng.deadline.engine.PauseRow;
import cn.xiaoneng.deadline.engine.TrackingTable;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.EventType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The case page's pause rows: made from the case's events by the deadline engine's rules, shaped with Chinese labels. */
class CaseTrackingReportTest {
    private static final Names NO_NAMES = new Names(Map.of(), Map.of(), Map.of());
    private static final CaseTracker TRACKER = CaseTracker.perCenter();

    private static CaseTrackingReport report(List<CaseEvent> events, Long engineAsOf) {
        List<PauseRow> pauses = CasePauses.of(events, engineAsOf, TRACKER);
        return CaseTrackingReport.of(new CaseTrackingFacts(CENTER, "LC-P-1", null, List.of(), pauses, List.of()), NO_NAMES);
    }

    @Test
    void aSupplementAndADeclaredPauseAreRowsWithChineseLabelsReasonsAndTheCountedTimeTheyHeldBack() {
        CaseTrackingReport r = report(pausedCase("LC-P-1", "2026-03-04T18:00"), at("2026-03-05T12:00"));

        assertThat(r.pauses()).extracting(PauseView::kind, PauseView::label, PauseView::from, PauseView::to, PauseView::open,
                PauseView::reason, PauseView::handler, PauseView::stoppedMillis).containsExactly(
                tuple("SUPPLEMENT", "补正", "2026-03-02T14:00:00+08:00", "2026-03-03T09:00:00+08:00", false, "营业执照复印件不清晰", "王芳",
                        9 * HOUR),
                tuple("DECLARED", "应急停表", "2026-03-03T14:00:00+08:00", "2026-03-04T18:00:00+08:00", false, REASON, DIRECTOR,
                        28 * HOUR));
        PauseView supplement = r.pauses().get(0);
        assertThat(supplement.stoppedDays()).as("9 h of 24 h days").isEqualByComparingTo("0.4");
        assertThat(supplement.recordedAt()).isEqualTo("2026-03-02T14:00:05+08:00");
        assertThat(supplement.measureLabel()).isEqualTo("工作日");
        assertThat(supplement.incidentId()).isNull();
        assertThat(supplement.incidentUrl()).isNull();
        assertThat(supplement.approver()).isNull();
        assertThat(supplement.approvedAt()).isNull();

        PauseView declared = r.pauses().get(1);
        assertThat(declared.stepId()).isEqualTo("incident:" + SUBSTATION);
        assertThat(declared.incidentId()).isEqualTo(SUBSTATION);
        assertThat(declared.incidentUrl()).isEqualTo("/incidents/" + CENTER + "/" + SUBSTATION);
        assertThat(declared.approver()).isEqualTo(DIRECTOR);
        assertThat(declared.approvedAt()).isEqualTo("2026-03-03T15:00:00+08:00");
        assertThat(declared.recordedAt()).as("when the ops log recorded the declaration").isEqualTo("2026-03-03T15:02:00+08:00");
        assertThat(declared.stoppedDays()).isEqualByComparingTo("1.2");
    }

    @Test
    void theFixturesClockRowIsWhatTheEngineComputes() {
        TrackingTable t = TRACKER.tracking(CaseFacts.of(pausedCase("LC-P-1", "2026-03-04T18:00")), at("2026-03-06T00:00"));
        assertThat(t.due).as("24:00 Mon 03-09 + 37 h stopped").isEqualTo(at("2026-03-11T13:00"));
        assertThat(t.usedMillis).isEqualTo(PauseFixtures.USED_BY_FRIDAY);
    }

    @Test
    void theDepartmentsResumedWithoutStepIdDoesNotEndTheDeclaredPause() {
        // The department's RESUMED at Wed 10:00 lies inside the declaration: the row still lasts while service is down.
        CaseTrackingReport r = report(pausedCase("LC-P-1", null), at("2026-03-04T12:00"));
        PauseView declared = r.pauses().get(1);
        assertThat(declared.open()).isTrue();
        assertThat(declared.to()).isNull();
        assertThat(declared.stoppedMillis()).as("Tue 14:00 → Wed 12:00").isEqualTo(22 * HOUR);
        assertThat(r.pauses()).hasSize(2);
    }

    @Test
    void anOpenPauseCountsUpToTheEnginesClockOrTheLatestEventWhenThatIsLater() {
        List<CaseEvent> events = pausedCase("LC-P-1", null).stream()
                .filter(e -> !(e.eventType == EventType.RESUMED && "lc".equals(e.sourceId)))
                .toList(); // the latest commit is the declaration's, logged Tue 15:02
        assertThat(report(events, at("2026-03-03T20:00")).pauses().get(1).stoppedMillis()).isEqualTo(6 * HOUR);
        // No clock row yet, or one older than the facts (the engine has not caught up): as of the latest commit.
        long toLatestCommit = at("2026-03-03T15:02") - at("2026-03-03T14:00");
        assertThat(report(events, null).pauses().get(1).stoppedMillis()).isEqualTo(toLatestCommit);
        assertThat(report(events, at("2026-03-03T15:00")).pauses().get(1).stoppedMillis()).isEqualTo(toLatestCommit);
    }

    @Test
    void aReplayedEventCountsOnceAndEventOrderDoesNotMatter() {
        List<CaseEvent> events = new ArrayList<>(pausedCase("LC-P-1", "2026-03-04T18:00"));
        List<CaseEvent> replayed = new ArrayList<>(events);
        replayed.addAll(events.subList(2, 5));
        java.util.Collections.reverse(replayed);
        assertThat(report(replayed, at("2026-03-05T12:00")).pauses()).isEqualTo(report(events, at("2026-03-05T12:00")).pauses());
    }

    @Test
    void aCaseWithoutEventsOrStopsHasNoPauseRowsAndTheJsonNamesItsFields() {
        assertThat(report(List.of(), null).pauses()).isEmpty();

        JsonNode json = new ObjectMapper().valueToTree(report(pausedCase("LC-P-1", "2026-03-04T18:00"), at("2026-03-05T12:00")));
        JsonNode declared = json.path("pauses").get(1);
        assertThat(declared.path("label").asText()).isEqualTo("应急停表");
        assertThat(declared.path("incidentId").asText()).isEqualTo(SUBSTATION);
        assertThat(declared.path("approver").asText()).isEqualTo(DIRECTOR);
        assertThat(declared.path("stoppedDays").decimalValue()).isEqualByComparingTo("1.2");
        assertThat(declared.path("measure").asText()).isEqualTo("WORKING_DAYS");
        assertThat(json.path("pauses").get(0).path("incidentId").isNull()).isTrue();
    }
}
