package cn.xiaoneng.incident.engine;

import static cn.xiaoneng.incident.Instants.at;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.deadline.engine.CardSchedule;
import cn.xiaoneng.deadline.engine.Calendars;
import cn.xiaoneng.deadline.engine.CardKind;
import cn.xiaoneng.deadline.engine.CaseFacts;
import cn.xiaoneng.deadline.engine.DeadlinePolicy;
import cn.xiaoneng.deadline.engine.PauseRow;
import cn.xiaoneng.deadline.engine.TrackingTable;
import cn.xiaoneng.incident.IncidentHistory;
import cn.xiaoneng.incident.IncidentLevel;
import cn.xiaoneng.incident.IncidentType;
import cn.xiaoneng.incident.plan.IncidentPlan;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.EventType;
import cn.xiaoneng.model.Limit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeclaredPauseTest {

    private static Timeline timeline(IncidentHistory h) {
        return IncidentSchedule.compute(IncidentHistory.CENTER, h.incidentId(), sorted(h), IncidentPlan.defaults(), WorkCalendar.china()).timeline();
    }

    private static List<cn.xiaoneng.incident.IncidentFact> sorted(IncidentHistory h) {
        List<cn.xiaoneng.incident.IncidentFact> f = new ArrayList<>(h.facts());
        f.sort(cn.xiaoneng.incident.IncidentFact.ORDER);
        return f;
    }

    @Test
    void aConfirmedIncidentsPauseRunsUntilServiceIsRestoredWhenItNamesNoEnd() {
        IncidentHistory h = OutageScenarioTest.substation().pauseDeclared("2026-03-03T15:00", "中心主任 周强", "2026-03-03T14:00", null);
        List<DeclaredPause> pauses = timeline(h).declaredPauses();
        assertThat(pauses).singleElement().satisfies(p -> {
            assertThat(p.from()).isEqualTo(at("2026-03-03T14:00"));
            assertThat(p.to()).isEqualTo(at("2026-03-04T18:00"));
            assertThat(p.approver()).isEqualTo("中心主任 周强");
            assertThat(p.approvedAt()).isEqualTo(at("2026-03-03T15:00"));
            assertThat(p.departmentIds()).containsExactly("crj");
        });
    }

    @Test
    void aSuspectedOrDismissedIncidentPausesNothing() {
        IncidentHistory suspected = IncidentHistory.incident("S").suspectedOnset("2026-03-03T10:00", IncidentType.SYSTEM_FAILURE, IncidentLevel.IV)
                .pauseDeclared("2026-03-03T10:30", "主任", "2026-03-03T10:00", "2026-03-03T12:00");
        assertThat(timeline(suspected).declaredPauses()).isEmpty();
        assertThat(timeline(suspected.confirmed("2026-03-03T10:20")).declaredPauses()).hasSize(1);
        assertThat(timeline(suspected.dismissed("2026-03-03T11:00")).declaredPauses()).isEmpty();
    }

    @Test
    void theDeadlineEngineStopsAnAffectedCaseClockForThePause() {
        IncidentHistory h = OutageScenarioTest.substation().pauseDeclared("2026-03-03T15:00", "中心主任 周强", "2026-03-03T14:00", null);
        DeclaredPause pause = timeline(h).declaredPauses().get(0);

        List<CaseEvent> events = new ArrayList<>();
        CaseEvent accepted = new CaseEvent();
        accepted.eventId = "0123456789abcdef0123456789abcdef";
        accepted.caseId = "CRJ-1";
        accepted.centerId = IncidentHistory.CENTER;
        accepted.departmentId = "crj";
        accepted.windowId = "W11";
        accepted.caseKind = CaseKind.COMMITTED;
        accepted.eventType = EventType.ACCEPTED;
        accepted.committedLimit = Limit.parse("5WD");
        accepted.businessTime = at("2026-03-02T10:00");
        accepted.sourceCommitTime = accepted.businessTime;
        events.add(accepted);
        List<CaseEvent> pauseEvents = PauseEvents.forCase(pause, "CRJ-1", "crj");
        assertThat(pauseEvents).extracting(e -> e.eventType).containsExactly(EventType.SUSPENDED, EventType.RESUMED);
        assertThat(pauseEvents.get(0).reason).isEqualTo("应急停表 SY-20260303-01 停电, 批准人 中心主任 周强 2026-03-03T15:00:00+08:00");
        assertThat(pauseEvents.get(0).sourceCommitTime).as("known once recorded").isEqualTo(at("2026-03-03T15:00"));
        assertThat(PauseEvents.forCase(pause, "CRJ-1", "crj").get(0).eventId).isEqualTo(pauseEvents.get(0).eventId);

        long without = yellow(CaseFacts.of(events));
        events.addAll(pauseEvents);
        long with = yellow(CaseFacts.of(events));
        // 5WD from Mon 03-02 is due 24:00 Mon 03-09; the pause Tue 14:00 → Wed 18:00 is 28 h of working time
        assertThat(without).isEqualTo(at("2026-03-10T00:00"));
        assertThat(with).isEqualTo(at("2026-03-11T04:00"));
    }

    @Test
    void theCasesTrackingTableShowsThePauseWithItsReasonIncidentApproverAndApprovalTime() {
        IncidentHistory h = OutageScenarioTest.substation().pauseDeclared("2026-03-03T15:00", "中心主任 周强", "2026-03-03T14:00", null);
        DeclaredPause pause = timeline(h).declaredPauses().get(0);
        List<CaseEvent> events = new ArrayList<>(List.of(acceptedMonday()));
        events.addAll(PauseEvents.forCase(pause, "CRJ-1", "crj"));

        TrackingTable t = TrackingTable.of(CaseFacts.of(events), DeadlinePolicy.defaults(), WorkCalendar.china(), at("2026-03-05T00:00"));
        assertThat(t.pauses).singleElement().satisfies(row -> {
            assertThat(row.kind).isEqualTo(PauseRow.Kind.DECLARED);
            assertThat(row.incidentId).isEqualTo("SY-20260303-01");
            assertThat(row.approver).isEqualTo("中心主任 周强");
            assertThat(row.approvedAt).isEqualTo(at("2026-03-03T15:00"));
            assertThat(row.reason).isEqualTo(PauseEvents.forCase(pause, "CRJ-1", "crj").get(0).reason);
            assertThat(row.from).isEqualTo(at("2026-03-03T14:00"));
            assertThat(row.to).isEqualTo(at("2026-03-04T18:00"));
            assertThat(row.recordedAt).isEqualTo(pause.recordedAt());
            assertThat(row.stoppedMillis).isEqualTo(28 * 3_600_000L);
        });
    }

    private static CaseEvent acceptedMonday() {
        CaseEvent accepted = new CaseEvent();
        accepted.eventId = "0123456789abcdef0123456789abcdef";
        accepted.caseId = "CRJ-1";
        accepted.centerId = IncidentHistory.CENTER;
        accepted.departmentId = "crj";
        accepted.windowId = "W11";
        accepted.caseKind = CaseKind.COMMITTED;
        accepted.eventType = EventType.ACCEPTED;
        accepted.committedLimit = Limit.parse("5WD");
        accepted.businessTime = at("2026-03-02T10:00");
        accepted.sourceCommitTime = accepted.businessTime;
        return accepted;
    }

    private static long yellow(CaseFacts facts) {
        return CardSchedule.compute(facts, DeadlinePolicy.defaults(), Calendars.of(WorkCalendar.china())).cards().stream()
                .filter(c -> c.kind == CardKind.YELLOW).findFirst().orElseThrow().instant;
    }
}
