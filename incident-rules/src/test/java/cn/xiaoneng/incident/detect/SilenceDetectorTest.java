package cn.xiaoneng.incident.detect;

import static cn.xiaoneng.incident.Instants.at;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.deadline.engine.Calendars;
import cn.xiaoneng.incident.FactSource;
import cn.xiaoneng.incident.FactType;
import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.IncidentLevel;
import cn.xiaoneng.incident.IncidentType;
import cn.xiaoneng.incident.Instants;
import cn.xiaoneng.incident.engine.IncidentCard;
import cn.xiaoneng.incident.engine.IncidentState;
import cn.xiaoneng.incident.engine.IncidentTracker;
import cn.xiaoneng.incident.engine.IncidentUpdate;
import cn.xiaoneng.incident.plan.IncidentPlan;
import cn.xiaoneng.incident.plan.IncidentPlans;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilenceDetectorTest {
    private static final String CENTER = "hn-cs-zwzx";
    private final SilenceDetector detector = new SilenceDetector(IncidentPlans.of(IncidentPlan.defaults()), Calendars.of(WorkCalendar.china()));

    private SourceWatch heardAt(String when) {
        return detector.onActivity(SourceWatch.of(CENTER, "lc", "scjg"), at(when), at(when)).state();
    }

    private static List<String> lines(List<IncidentFact> facts) {
        return facts.stream().map(f -> f.factType + " " + Instants.text(f.at)).toList();
    }

    @Test
    void aSourceSilentForTenMinutesOfOfficeTimeIsDetectedAtExactlyThatInstant() {
        SourceWatch w = heardAt("2026-03-03T10:00");
        Detection<SourceWatch> before = detector.advance(w, at("2026-03-03T10:09:59.999"));
        assertThat(before.facts()).isEmpty();
        assertThat(before.nextWakeUp()).hasValue(at("2026-03-03T10:10"));
        assertThat(before.changed()).isFalse();

        Detection<SourceWatch> d = detector.advance(w, at("2026-03-03T10:10"));
        assertThat(lines(d.facts())).containsExactly("ONSET 2026-03-03T10:00:00+08:00", "DETECTED 2026-03-03T10:10:00+08:00");
        IncidentFact onset = d.facts().get(0);
        assertThat(onset.incidentId).isEqualTo("auto-silence-lc-20260303T100000.000");
        assertThat(onset.incidentType).isEqualTo(IncidentType.SYSTEM_FAILURE);
        assertThat(onset.level).isEqualTo(IncidentLevel.IV);
        assertThat(onset.confirmedOrDefault()).isFalse();
        assertThat(onset.departmentIds).containsExactly("scjg");
        assertThat(onset.source).isEqualTo(FactSource.DETECTOR);
        assertThat(onset.rule).isEqualTo("source-silence");
        assertThat(onset.recordedAt).isEqualTo(at("2026-03-03T10:10"));
        assertThat(d.facts()).allSatisfy(IncidentFact::validate);
        assertThat(d.state().incidentOpen()).isTrue();
        assertThat(d.nextWakeUp()).isEmpty();
        assertThat(detector.advance(d.state(), at("2026-03-03T11:00")).facts()).as("one incident per silence").isEmpty();
    }

    @Test
    void heartbeatsKeepAQuietSourceAlive() {
        SourceWatch w = heardAt("2026-03-03T10:00");
        for (int s = 10; s < 3600; s += 10) {
            Detection<SourceWatch> d = detector.onActivity(w, at("2026-03-03T10:00") + s * 1000L, at("2026-03-03T10:00") + s * 1000L);
            assertThat(d.facts()).isEmpty();
            w = d.state();
        }
        assertThat(detector.advance(w, at("2026-03-03T11:00")).nextWakeUp()).hasValue(at("2026-03-03T11:09:50"));
    }

    @Test
    void theNextActivityRestoresAndClosesTheIncident() {
        Detection<SourceWatch> d = detector.advance(heardAt("2026-03-03T10:00"), at("2026-03-03T10:10"));
        Detection<SourceWatch> back = detector.onActivity(d.state(), at("2026-03-03T10:25"), at("2026-03-03T10:25"));
        assertThat(lines(back.facts())).containsExactly("SERVICE_RESTORED 2026-03-03T10:25:00+08:00", "CLOSED 2026-03-03T10:25:00+08:00");
        assertThat(back.facts()).allMatch(f -> f.incidentId.equals("auto-silence-lc-20260303T100000.000"));
        assertThat(back.state().incidentOpen()).isFalse();
        assertThat(back.nextWakeUp()).hasValue(at("2026-03-03T10:35"));
    }

    @Test
    void anActivityThatArrivesLateButPredatesTheDetectionDismissesIt() {
        Detection<SourceWatch> d = detector.advance(heardAt("2026-03-03T10:00"), at("2026-03-03T10:10"));
        Detection<SourceWatch> late = detector.onActivity(d.state(), at("2026-03-03T10:06"), at("2026-03-03T10:12"));
        assertThat(lines(late.facts())).containsExactly("DISMISSED 2026-03-03T10:06:00+08:00");
        assertThat(late.nextWakeUp()).hasValue(at("2026-03-03T10:16"));
    }

    @Test
    void lunchNightsWeekendsAndHolidaysDoNotCount() {
        assertThat(detector.advance(heardAt("2026-03-03T11:55"), at("2026-03-03T12:00")).nextWakeUp()).hasValue(at("2026-03-03T13:35"));
        assertThat(detector.advance(heardAt("2026-03-03T17:25"), at("2026-03-03T18:00")).nextWakeUp()).hasValue(at("2026-03-04T09:05"));
        assertThat(detector.advance(heardAt("2026-03-06T17:25"), at("2026-03-06T18:00")).nextWakeUp()).as("Fri → Mon")
                .hasValue(at("2026-03-09T09:05"));
        // 国庆 2026-10-01..07: silent since the last afternoon before the holiday, nothing until Thu 10-08
        SourceWatch beforeHoliday = heardAt("2026-09-30T17:25");
        for (String t : new String[] {"2026-10-01T10:00", "2026-10-03T15:00", "2026-10-07T17:00", "2026-10-08T09:04:59"}) {
            assertThat(detector.advance(beforeHoliday, at(t)).facts()).as(t).isEmpty();
        }
        Detection<SourceWatch> d = detector.advance(beforeHoliday, at("2026-10-08T09:05"));
        assertThat(lines(d.facts())).containsExactly("ONSET 2026-09-30T17:25:00+08:00", "DETECTED 2026-10-08T09:05:00+08:00");
    }

    @Test
    void aMakeUpSaturdayIsAWorkingDay() {
        // Sat 2026-10-10 is a 调休 working day: a silence during it is detected like on any weekday
        Detection<SourceWatch> d = detector.advance(heardAt("2026-10-10T10:00"), at("2026-10-10T10:10"));
        assertThat(lines(d.facts())).containsExactly("ONSET 2026-10-10T10:00:00+08:00", "DETECTED 2026-10-10T10:10:00+08:00");
        // and its evening runs on to Monday 10-12, skipping the ordinary Sunday
        assertThat(detector.advance(heardAt("2026-10-10T17:25"), at("2026-10-10T18:00")).nextWakeUp()).hasValue(at("2026-10-12T09:05"));
        // an ordinary Saturday detects nothing
        assertThat(detector.advance(heardAt("2026-10-17T10:00"), at("2026-10-17T16:00")).facts()).isEmpty();
    }

    @Test
    void theThresholdIsConfigurablePerSourceAndCanBeOff() {
        IncidentPlan plan = IncidentPlan.defaults().toBuilder().set("detection.source.silence", "PT20M")
                .set("detection.source.silence.legacy", "off").build();
        SilenceDetector custom = new SilenceDetector(IncidentPlans.of(plan), Calendars.of(WorkCalendar.china()));
        SourceWatch lc = custom.onActivity(SourceWatch.of(CENTER, "lc", "scjg"), at("2026-03-03T10:00"), at("2026-03-03T10:00")).state();
        assertThat(custom.advance(lc, at("2026-03-03T10:10")).nextWakeUp()).hasValue(at("2026-03-03T10:20"));
        SourceWatch legacy = custom.onActivity(SourceWatch.of(CENTER, "legacy", "old"), at("2026-03-03T10:00"), at("2026-03-03T10:00")).state();
        assertThat(custom.advance(legacy, at("2026-03-05T10:00")).facts()).isEmpty();
        assertThat(custom.advance(legacy, at("2026-03-05T10:00")).nextWakeUp()).isEmpty();
        assertThat(detector.advance(SourceWatch.of(CENTER, "new", "x"), at("2026-03-05T10:00")).facts()).as("never heard from").isEmpty();
    }

    @Test
    void theWatchEncodesCompactly() {
        SourceWatch open = detector.advance(heardAt("2026-03-03T10:00"), at("2026-03-03T10:10")).state();
        assertThat(SourceWatch.decode(open.encode())).isEqualTo(open);
        assertThat(SourceWatch.decode(heardAt("2026-03-03T10:00").encode())).isEqualTo(heardAt("2026-03-03T10:00"));
        assertThat(open.encode().length).isLessThan(80);
    }

    @Test
    void aDetectedSilenceRunsThroughThePlanAsASuspectedIncident() {
        IncidentTracker tracker = IncidentTracker.of(IncidentPlan.defaults(), WorkCalendar.china());
        Detection<SourceWatch> d = detector.advance(heardAt("2026-03-03T10:00"), at("2026-03-03T10:10"));
        IncidentState s = null;
        for (IncidentFact f : d.facts()) {
            s = tracker.onFact(s, f, f.recordedAt).state();
        }
        // nobody reacts; at 11:10 the 一般 response target (1 h from the detection) passes
        IncidentUpdate u = tracker.advance(s, at("2026-03-03T11:10"));
        assertThat(u.raised()).singleElement().satisfies(c -> {
            assertThat(c.kind.name()).isEqualTo("RESPONSE_OVERDUE");
            assertThat(c.confirmed).isFalse();
            assertThat(c.departmentIds).containsExactly("scjg");
        });
        // data flows again at 11:30: the detector closes it, no further card
        List<IncidentCard> later = new ArrayList<>();
        for (IncidentFact f : detector.onActivity(d.state(), at("2026-03-03T11:30"), at("2026-03-03T11:30")).facts()) {
            IncidentUpdate x = tracker.onFact(u.state(), f, f.recordedAt);
            later.addAll(x.emitted());
            u = x;
        }
        assertThat(later).isEmpty();
        assertThat(u.closed()).isTrue();
        assertThat(tracker.advance(u.state(), at("2026-03-04T00:00")).raised()).isEmpty();
        assertThat(tracker.schedule(u.state()).timeline().facts()).extracting(f -> f.factType)
                .containsExactly(FactType.ONSET, FactType.DETECTED, FactType.SERVICE_RESTORED, FactType.CLOSED);
    }
}
