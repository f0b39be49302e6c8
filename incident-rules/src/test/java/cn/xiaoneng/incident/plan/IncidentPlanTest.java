package cn.xiaoneng.incident.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xiaoneng.incident.IncidentCardKind;
import cn.xiaoneng.incident.IncidentLevel;
import cn.xiaoneng.incident.IncidentType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentPlanTest {

    @Test
    void theBuiltInPlanHasTheDomainDefaults() {
        IncidentPlan p = IncidentPlan.defaults();
        assertThat(p.center()).isEqualTo("hn-cs-zwzx");
        assertThat(p.ruleVersion()).isEqualTo("hn-cs-zwzx/incident-2026.1");
        for (IncidentLevel l : new IncidentLevel[] {IncidentLevel.I, IncidentLevel.II}) {
            assertThat(p.budget(l, PlanDeadline.VERBAL_REPORT)).isEqualTo(Duration.ofMinutes(30));
            assertThat(p.budget(l, PlanDeadline.WRITTEN_REPORT)).isEqualTo(Duration.ofHours(2));
            assertThat(p.budget(l, PlanDeadline.FOLLOW_UP)).isEqualTo(Duration.ofHours(12));
        }
        assertThat(p.budget(IncidentLevel.IV, PlanDeadline.WRITTEN_REPORT)).isEqualTo(Duration.ofHours(6));
        assertThat(p.budget(IncidentLevel.IV, PlanDeadline.FOLLOW_UP)).isNull();
        assertThat(p.counting(IncidentLevel.I)).isEqualTo(Counting.CLOCK);
        assertThat(p.clockStart()).isEqualTo(ClockStart.DETECTED);
        assertThat(p.raiseImmediately()).containsExactly(IncidentLevel.I, IncidentLevel.II);
        assertThat(p.applies(IncidentType.VISITOR_ILL_INJURED, PlanDeadline.RESTORATION)).isFalse();
        assertThat(p.applies(IncidentType.VISITOR_ILL_INJURED, PlanDeadline.VERBAL_REPORT)).isTrue();
        assertThat(p.officeHoursSessions()).isEqualTo(OfficeHours.STANDARD);
        assertThat(p.sourceSilence("lc")).isEqualTo(Duration.ofMinutes(10));
        assertThat(p.windowIdle()).isEqualTo(Duration.ofMinutes(30));
        assertThat(p.windowMinElsewhere()).isEqualTo(3);
        assertThat(p.clause(IncidentCardKind.INCIDENT_RAISED)).isEqualTo("4.5.2.5 附录C");
        assertThat(p.clause(IncidentCardKind.WRITTEN_REPORT_OVERDUE)).isEqualTo("附录C 信息报告");
    }

    @Test
    void theFileStatesEveryDefaultOfTheBuilder() {
        assertThat(IncidentPlan.builder("hn-cs-zwzx", "hn-cs-zwzx/incident-2026.1").set("clause.INCIDENT_RAISED", "4.5.2.5 附录C").build())
                .isEqualTo(IncidentPlan.defaults());
    }

    @Test
    void aCenterFileOverridesLevelsCountingOfficeHoursAndDetection() {
        IncidentPlan p = IncidentPlan.parse("gm.properties", String.join("\n",
                "center = fs-gm-zwzx", "ruleVersion = fs-gm/2022.1", "clock.start = ONSET", "level.IV.counting = OFFICE_HOURS",
                "level.II.verbalReport = PT15M", "level.III.restoration = off", "type.CROWD_DISTURBANCE.skip = workaround",
                "raiseImmediately = I", "officeHours = 08:30-12:00, 14:00-17:30", "detection.source.silence = PT5M",
                "detection.source.silence.legacy = off", "detection.window.idle = off", "clause.RESPONSE_OVERDUE = 预案 5.2"));
        assertThat(p.clockStart()).isEqualTo(ClockStart.ONSET);
        assertThat(p.counting(IncidentLevel.IV)).isEqualTo(Counting.OFFICE_HOURS);
        assertThat(p.counting(IncidentLevel.III)).isEqualTo(Counting.CLOCK);
        assertThat(p.budget(IncidentLevel.II, PlanDeadline.VERBAL_REPORT)).isEqualTo(Duration.ofMinutes(15));
        assertThat(p.budget(IncidentLevel.III, PlanDeadline.RESTORATION)).isNull();
        assertThat(p.applies(IncidentType.CROWD_DISTURBANCE, PlanDeadline.WORKAROUND)).isFalse();
        assertThat(p.raiseImmediately()).containsExactly(IncidentLevel.I);
        assertThat(p.officeHoursSessions().get(0).from()).isEqualTo(LocalTime.of(8, 30));
        assertThat(p.sourceSilence("lc")).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.sourceSilence("legacy")).isNull();
        assertThat(p.windowIdle()).isNull();
        assertThat(p.clause(IncidentCardKind.RESPONSE_OVERDUE)).isEqualTo("预案 5.2");
    }

    @Test
    void errorsNameTheFileTheLineAndTheKey() {
        assertError("center = x\nruleVersion = v1\nlevel.II.verbalReport = 30min",
                "p.properties:3: key 'level.II.verbalReport': '30min' is not an ISO-8601 duration, e.g. PT30M");
        assertError("center = x\nruleVersion = v1\nlevel.V.verbalReport = PT1H", "p.properties:3: key 'level.V.verbalReport': 'V' is not an incident level");
        assertError("center = x\nruleVersion = v1\nlevel.II.phoneReport = PT1H", "p.properties:3: key 'level.II.phoneReport': 'phoneReport' is not a plan deadline");
        assertError("center = x\nruleVersion = v1\nlevel.II.response = PT0M", "p.properties:3: key 'level.II.response': 'PT0M' must be more than zero");
        assertError("center = x\nruleVersion = v1\n\n# c\nwarning.ratios = 50%", "p.properties:5: key 'warning.ratios': unknown key; known keys:");
        assertError("center = x\nruleVersion = v1\ncounting = CLOCK\ncounting = CLOCK", "p.properties:4: key 'counting': given twice (also on line 3)");
        assertError("center = x\nruleVersion = v1\ncounting = WORKDAYS", "p.properties:3: key 'counting': 'WORKDAYS' is not CLOCK or OFFICE_HOURS");
        assertError("center = x\nruleVersion = v1\nofficeHours = 13:30-17:30, 09:00-12:00", "key 'officeHours': sessions 13:30-17:30 and 09:00-12:00 overlap");
        assertError("center = x\nruleVersion = v1\nofficeHours = 9-12", "key 'officeHours': '9-12' is not a session like 09:00-12:00");
        assertError("center = x\nruleVersion = v1\ntype.FLOOD.skip = workaround", "key 'type.FLOOD.skip': 'FLOOD' is not an incident type");
        assertError("center = x\nruleVersion = v1\ndetection.window.minElsewhere = 0", "key 'detection.window.minElsewhere': must be at least 1");
        assertError("center = x\nruleVersion = v1\nclause.YELLOW = 6.6.7", "key 'clause.YELLOW': 'YELLOW' is not an incident card kind");
        assertError("center = x\nruleVersion = v1\njust text", "p.properties:3: expected 'key = value', got 'just text'");
        assertError("center = x", "p.properties: key 'ruleVersion': is missing");
        assertError("ruleVersion = v1", "p.properties: key 'center': is missing");
        assertError("center = x y\nruleVersion = v1", "p.properties:1: key 'center': center 'x y' must be");
    }

    private static void assertError(String text, String message) {
        assertThatThrownBy(() -> IncidentPlan.parse("p.properties", text)).isInstanceOf(PlanFormatException.class).hasMessageContaining(message);
    }

    @Test
    void aCenterWithoutAFileGetsTheBuiltInPlanAndAFileMustNameItsCenter(@TempDir Path dir) throws Exception {
        assertThat(IncidentPlan.forCenter("nowhere")).isSameAs(IncidentPlan.defaults());
        assertThat(IncidentPlan.forCenter("bad id!")).isSameAs(IncidentPlan.defaults());
        Files.writeString(dir.resolve("gm.properties"), "center = other\nruleVersion = v1\n");
        Files.writeString(dir.resolve("ok.properties"), "center = ok\nruleVersion = ok/1\nlevel.IV.verbalReport = PT1H\n");
        String before = System.getProperty(IncidentPlan.DIR_PROPERTY);
        System.setProperty(IncidentPlan.DIR_PROPERTY, dir.toString());
        try {
            assertThatThrownBy(() -> IncidentPlan.forCenter("gm")).isInstanceOf(PlanFormatException.class)
                    .hasMessageContaining("gm.properties: key 'center': names center 'other' but is the file of center 'gm'");
            assertThat(IncidentPlan.forCenter("ok").budget(IncidentLevel.IV, PlanDeadline.VERBAL_REPORT)).isEqualTo(Duration.ofHours(1));
        } finally {
            if (before == null) {
                System.clearProperty(IncidentPlan.DIR_PROPERTY);
            } else {
                System.setProperty(IncidentPlan.DIR_PROPERTY, before);
            }
        }
        assertThatThrownBy(() -> IncidentPlan.load(dir.resolve("missing.properties"))).isInstanceOf(PlanFormatException.class)
                .hasMessageContaining("missing.properties: cannot read");
    }

    @Test
    void plansAndProvidersSurviveJavaSerialization() throws Exception {
        IncidentPlans plans = IncidentPlans.centers();
        plans.forCenter("hn-cs-zwzx");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(plans);
            out.writeObject(IncidentPlan.defaults());
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
            IncidentPlans back = (IncidentPlans) in.readObject();
            assertThat(back.forCenter("hn-cs-zwzx")).isEqualTo(IncidentPlan.defaults());
            assertThat(in.readObject()).isEqualTo(IncidentPlan.defaults());
        }
    }
}
