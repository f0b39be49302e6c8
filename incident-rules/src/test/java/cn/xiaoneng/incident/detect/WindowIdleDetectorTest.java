package cn.xiaoneng.incident.detect;

import static cn.xiaoneng.incident.Instants.at;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.deadline.engine.Calendars;
import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.IncidentType;
import cn.xiaoneng.incident.Instants;
import cn.xiaoneng.incident.plan.IncidentPlan;
import cn.xiaoneng.incident.plan.IncidentPlans;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.EventType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowIdleDetectorTest {
    private final WindowIdleDetector detector = new WindowIdleDetector(IncidentPlans.of(IncidentPlan.defaults()),
            Calendars.of(WorkCalendar.china()));
    private final List<IncidentFact> published = new ArrayList<>();

    private DepartmentWindows accept(DepartmentWindows s, String window, String when) {
        Detection<DepartmentWindows> d = detector.onAcceptance(s, window, at(when), at(when));
        published.addAll(d.facts());
        return d.state();
    }

    private static List<String> lines(List<IncidentFact> facts) {
        return facts.stream().map(f -> f.factType + " " + f.windowIds[0] + " " + Instants.text(f.at)).toList();
    }

    /** W02 accepts at 10:00 and then nothing; W01 and W03 keep accepting. */
    private DepartmentWindows busyDepartment() {
        DepartmentWindows s = DepartmentWindows.of("hn-cs-zwzx", "scjg");
        s = accept(s, "W01", "2026-03-03T09:50");
        s = accept(s, "W03", "2026-03-03T09:55");
        s = accept(s, "W02", "2026-03-03T10:00");
        s = accept(s, "W01", "2026-03-03T10:05");
        s = accept(s, "W03", "2026-03-03T10:12");
        s = accept(s, "W01", "2026-03-03T10:20");
        return s;
    }

    @Test
    void aWindowIdleWhileItsDepartmentAcceptsElsewhereIsSuspectedAfterThirtyMinutes() {
        DepartmentWindows s = busyDepartment();
        assertThat(published).isEmpty();
        Detection<DepartmentWindows> early = detector.advance(s, at("2026-03-03T10:29:59.999"));
        assertThat(early.facts()).isEmpty();
        assertThat(early.nextWakeUp()).hasValue(at("2026-03-03T10:30"));
        Detection<DepartmentWindows> d = detector.advance(s, at("2026-03-03T10:30"));
        assertThat(lines(d.facts())).containsExactly("ONSET W02 2026-03-03T10:00:00+08:00", "DETECTED W02 2026-03-03T10:30:00+08:00");
        IncidentFact onset = d.facts().get(0);
        assertThat(onset.incidentId).isEqualTo("auto-window-scjg-W02-20260303T100000.000");
        assertThat(onset.incidentType).isEqualTo(IncidentType.EQUIPMENT_FAILURE);
        assertThat(onset.confirmedOrDefault()).isFalse();
        assertThat(onset.departmentIds).containsExactly("scjg");
        assertThat(d.facts()).allSatisfy(IncidentFact::validate);
        assertThat(DepartmentWindows.decode(d.state().encode())).isEqualTo(d.state());

        Detection<DepartmentWindows> back = detector.onAcceptance(d.state(), "W02", at("2026-03-03T11:00"), at("2026-03-03T11:00"));
        assertThat(lines(back.facts())).containsExactly("SERVICE_RESTORED W02 2026-03-03T11:00:00+08:00", "CLOSED W02 2026-03-03T11:00:00+08:00");
    }

    @Test
    void aQuietHallIsNotAnIncidentUntilTheDepartmentIsSeenWorking() {
        DepartmentWindows s = DepartmentWindows.of("hn-cs-zwzx", "scjg");
        s = accept(s, "W01", "2026-03-03T09:50");
        s = accept(s, "W02", "2026-03-03T10:00");
        s = accept(s, "W01", "2026-03-03T10:05");
        assertThat(detector.advance(s, at("2026-03-03T11:00")).facts()).as("only one acceptance elsewhere").isEmpty();
        s = accept(s, "W01", "2026-03-03T11:10");
        assertThat(published).isEmpty();
        s = accept(s, "W01", "2026-03-03T11:20");
        assertThat(lines(published)).as("the third acceptance elsewhere decides, at its instant")
                .containsExactly("ONSET W02 2026-03-03T10:00:00+08:00", "DETECTED W02 2026-03-03T11:20:00+08:00");
    }

    @Test
    void idleTimeRestartsEachMorningAndSkipsLunch() {
        DepartmentWindows s = DepartmentWindows.of("hn-cs-zwzx", "scjg");
        s = accept(s, "W02", "2026-03-03T16:00");
        s = accept(s, "W01", "2026-03-04T09:01");
        s = accept(s, "W01", "2026-03-04T09:02");
        s = accept(s, "W01", "2026-03-04T09:03");
        assertThat(published).as("W02 idle since yesterday: it gets 30 minutes from today's opening").isEmpty();
        Detection<DepartmentWindows> d = detector.advance(s, at("2026-03-04T09:30"));
        assertThat(lines(d.facts())).containsExactly("ONSET W02 2026-03-04T09:00:00+08:00", "DETECTED W02 2026-03-04T09:30:00+08:00");

        DepartmentWindows lunch = DepartmentWindows.of("hn-cs-zwzx", "scjg");
        lunch = accept(lunch, "W02", "2026-03-05T11:50");
        lunch = accept(lunch, "W01", "2026-03-05T11:51");
        lunch = accept(lunch, "W01", "2026-03-05T11:52");
        lunch = accept(lunch, "W01", "2026-03-05T11:53");
        assertThat(detector.advance(lunch, at("2026-03-05T12:30")).nextWakeUp()).hasValue(at("2026-03-05T13:50"));
    }

    @Test
    void nothingIsDetectedOnAHolidayEvenWhenSomeoneAcceptsCases() {
        DepartmentWindows s = DepartmentWindows.of("hn-cs-zwzx", "scjg");
        s = accept(s, "W02", "2026-10-02T10:00");
        s = accept(s, "W01", "2026-10-02T10:05");
        s = accept(s, "W01", "2026-10-02T10:06");
        s = accept(s, "W01", "2026-10-02T10:07");
        Detection<DepartmentWindows> d = detector.advance(s, at("2026-10-02T16:00"));
        assertThat(d.facts()).isEmpty();
        assertThat(published).isEmpty();
        // the 调休 Saturday 2026-10-10 works like a weekday
        DepartmentWindows sat = DepartmentWindows.of("hn-cs-zwzx", "scjg");
        sat = accept(sat, "W02", "2026-10-10T10:00");
        sat = accept(sat, "W01", "2026-10-10T10:05");
        sat = accept(sat, "W01", "2026-10-10T10:06");
        sat = accept(sat, "W01", "2026-10-10T10:07");
        assertThat(lines(detector.advance(sat, at("2026-10-10T10:30")).facts()))
                .containsExactly("ONSET W02 2026-10-10T10:00:00+08:00", "DETECTED W02 2026-10-10T10:30:00+08:00");
    }

    @Test
    void acceptanceEventsAreReadAtTheirCommitTime() {
        CaseEvent e = new CaseEvent();
        e.eventType = EventType.ACCEPTED;
        e.centerId = "hn-cs-zwzx";
        e.departmentId = "scjg";
        e.windowId = "W02";
        e.businessTime = at("2026-03-03T09:00");
        e.sourceCommitTime = at("2026-03-03T10:40");
        assertThat(Observations.acceptance(e)).hasValue(new Observations.Acceptance("hn-cs-zwzx", "scjg", "W02", at("2026-03-03T10:40")));
        assertThat(Observations.activityAt(e)).isEqualTo(at("2026-03-03T10:40"));
        e.eventType = EventType.COMPLETED;
        assertThat(Observations.acceptance(e)).isEmpty();
    }
}
