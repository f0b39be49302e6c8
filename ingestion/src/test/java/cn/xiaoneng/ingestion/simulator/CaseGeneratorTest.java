package cn.xiaoneng.ingestion.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.Times;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class CaseGeneratorTest {
    /** Weekends off plus the 2026 National Day block, enough to prove holidays are skipped. */
    static final Predicate<LocalDate> WORKING = d -> d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY
            && !(d.getMonthValue() == 10 && d.getDayOfMonth() <= 7 && d.getYear() == 2026);
    static final OfficeHours HOURS = OfficeHours.standard(WORKING, Times.CHINA);
    static final Instant MONDAY_MORNING = Instant.parse("2026-09-28T00:00:00Z");

    private static List<CasePlan> generate(long seed, int n) {
        CaseGenerator g = new CaseGenerator(Department.builtIn(), HOURS, seed, MONDAY_MORNING, CaseGenerator.Profile.realistic());
        List<CasePlan> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(g.next());
        }
        return out;
    }

    @Test
    void sameSeedGivesTheSameCases() {
        List<CasePlan> a = generate(42, 300);
        List<CasePlan> b = generate(42, 300);
        assertThat(a).extracting(CasePlan::caseId).isEqualTo(b.stream().map(CasePlan::caseId).toList());
        assertThat(a).extracting(p -> p.actions().toString()).isEqualTo(b.stream().map(p -> p.actions().toString()).toList());
        assertThat(generate(43, 300)).extracting(p -> p.actions().toString()).isNotEqualTo(a.stream().map(p -> p.actions().toString()).toList());
    }

    @Test
    void everyActionHappensDuringOfficeHoursAndNoneIsWrittenBeforeItHappens() {
        for (CasePlan p : generate(7, 2000)) {
            long previous = Long.MIN_VALUE;
            for (CasePlan.Action a : p.actions()) {
                assertThat(HOURS.isOpen(Instant.ofEpochMilli(a.businessAt()))).as("%s %s", p.caseId(), a).isTrue();
                assertThat(a.writeAt()).isGreaterThanOrEqualTo(a.businessAt());
                assertThat(a.businessAt()).isGreaterThanOrEqualTo(previous);
                previous = a.businessAt();
            }
        }
    }

    @Test
    void casesArriveInTimeOrderAcrossDepartments() {
        List<CasePlan> plans = generate(9, 1000);
        for (int i = 1; i < plans.size(); i++) {
            assertThat(plans.get(i).actions().get(0).businessAt()).isGreaterThanOrEqualTo(plans.get(i - 1).actions().get(0).businessAt());
        }
    }

    @Test
    void mixLooksLikeARealHall() {
        List<CasePlan> plans = generate(11, 5000);
        long paper = plans.stream().filter(CasePlan::paperEntry).count();
        long immediate = plans.stream().filter(p -> p.kind() == CaseKind.IMMEDIATE).count();
        long supplements = plans.stream().filter(p -> p.actions().stream().anyMatch(a -> a.kind() == CasePlan.ActionKind.SUPPLEMENT_REQUEST)).count();
        long pauses = plans.stream().filter(p -> p.actions().stream().anyMatch(a -> a.kind() == CasePlan.ActionKind.PAUSE_START)).count();
        assertThat(paper).isBetween(100L, 350L);
        assertThat(immediate).isBetween(1500L, 3500L);
        assertThat(supplements).isBetween(150L, 600L);
        assertThat(pauses).isBetween(40L, 250L);
        assertThat(plans).extracting(p -> p.department().sourceId()).contains("lc", "xd", "ex");
        assertThat(plans.stream().map(CasePlan::caseId).distinct().count()).isEqualTo(plans.size());
    }

    @Test
    void paperCasesAreWrittenHoursAfterTheirTrueAcceptance() {
        CasePlan paper = generate(5, 3000).stream().filter(CasePlan::paperEntry).findFirst().orElseThrow();
        CasePlan.Action submit = paper.actions().get(0);
        assertThat(Duration.ofMillis(submit.writeAt() - submit.businessAt())).isGreaterThan(Duration.ofMinutes(20));
    }

    @Test
    void officeHoursSkipLunchNightsWeekendsAndHolidays() {
        Instant fridayBeforeHoliday = Instant.parse("2026-09-30T09:00:00Z"); // 17:00 +08:00, Wednesday 17:00 before 国庆
        Instant next = HOURS.plus(fridayBeforeHoliday, Duration.ofMinutes(60));
        // 30 minutes left that day; Oct 1–7 holiday; Oct 8 (Thu) opens 09:00, 30 more minutes.
        assertThat(Times.format(next.toEpochMilli())).isEqualTo("2026-10-08T09:30:00+08:00");
        Instant beforeLunch = Instant.parse("2026-09-29T03:50:00Z"); // 11:50
        assertThat(Times.format(HOURS.plus(beforeLunch, Duration.ofMinutes(20)).toEpochMilli())).isEqualTo("2026-09-29T13:40:00+08:00");
        assertThat(HOURS.isOpen(Instant.parse("2026-09-29T04:30:00Z"))).isFalse();
    }
}
