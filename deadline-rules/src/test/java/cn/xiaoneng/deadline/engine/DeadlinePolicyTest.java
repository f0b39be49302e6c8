package cn.xiaoneng.deadline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xiaoneng.deadline.Rounding;
import cn.xiaoneng.model.Limit;
import cn.xiaoneng.model.LimitUnit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadlinePolicyTest {

    private static final String MINIMAL = "center = test-center\nruleVersion = test/1\n";

    @Test
    void theBuiltInPolicyIsTheDocumentedDefault() {
        DeadlinePolicy p = DeadlinePolicy.defaults();
        assertThat(p.center()).isEqualTo("hn-cs-zwzx");
        assertThat(p.ruleVersion()).isEqualTo("hn-cs-zwzx/2026.1");
        assertThat(p.source()).isEqualTo("policies/hn-cs-zwzx.properties");
        assertThat(p.warningRemaining()).isEqualTo(Amount.parse("1WD"));
        assertThat(p.warningRatios()).containsExactly(new BigDecimal("50"), new BigDecimal("75"));
        assertThat(p.redAfterYellow()).isEqualTo(Amount.parse("3WD"));
        assertThat(p.stepBudget("承办")).isEqualTo(Amount.parse("50%"));
        assertThat(p.stepBudget("审核")).isEqualTo(Amount.parse("30%"));
        assertThat(p.stepBudget("批准")).isEqualTo(Amount.parse("20%"));
        assertThat(p.stepBudget("办理")).isEqualTo(Amount.parse("100%"));
        assertThat(p.stepBudget("制证")).isEqualTo(Amount.parse("10WD"));
        assertThat(p.stepBudget("现场勘查")).isNull();
        assertThat(p.jointPartLimit("xf")).isEqualTo(Amount.parse("7WD"));
        assertThat(p.urgentLimit()).isNull();
        assertThat(p.closedRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(p.rounding()).isEqualTo(Rounding.EXACT);
        assertThat(p.clause(CardKind.DEEMED_CONSENT)).isEqualTo("6.5.4");
    }

    @Test
    void aMinimalFileTakesTheDefaultsOfEveryOtherKey() {
        DeadlinePolicy p = DeadlinePolicy.parse("min.properties", MINIMAL);
        assertThat(p.warningRemaining()).isEqualTo(Amount.parse("1WD"));
        assertThat(p.redAfterYellow()).isEqualTo(Amount.parse("3WD"));
        assertThat(p.stepBudgets()).isEmpty();
        assertThat(p.jointPartLimit()).isEqualTo(Amount.parse("7WD"));
    }

    @Test
    void everyKeyIsRead() {
        DeadlinePolicy p = DeadlinePolicy.parse("all.properties", """
                # a comment
                ! another comment
                center = test-center
                ruleVersion = test-center/2026.2
                warning.remaining = 4h
                warning.ratios = 75%, 50%, 87.5%
                red.afterYellow = 5WD
                step.budget.承办 = 2WD
                step.defaultBudget = 1WD
                joint.partLimit = 10WD
                joint.partLimit.xf = 5WD
                urgent.limit = 1WD
                item.XK-SCJG-001.limit = 3WD
                closed.retention = PT36H
                due.rounding = whole_day
                clause.YELLOW = 6.6.7 承诺时限报警
                """);
        assertThat(p.warningRemaining()).isEqualTo(Amount.parse("4h"));
        assertThat(p.warningRatios()).containsExactly(new BigDecimal("50"), new BigDecimal("75"), new BigDecimal("87.5"));
        assertThat(p.redAfterYellow()).isEqualTo(Amount.parse("5WD"));
        assertThat(p.stepBudget("承办")).isEqualTo(Amount.parse("2WD"));
        assertThat(p.stepBudget("anything")).isEqualTo(Amount.parse("1WD"));
        assertThat(p.jointPartLimit("xf")).isEqualTo(Amount.parse("5WD"));
        assertThat(p.jointPartLimit("zrzy")).isEqualTo(Amount.parse("10WD"));
        assertThat(p.urgentLimit()).isEqualTo(Limit.workingDays(1));
        assertThat(p.itemLimit("XK-SCJG-001")).isEqualTo(Limit.workingDays(3));
        assertThat(p.closedRetention()).isEqualTo(Duration.ofHours(36));
        assertThat(p.rounding()).isEqualTo(Rounding.WHOLE_DAY);
        assertThat(p.clause(CardKind.YELLOW)).isEqualTo("6.6.7 承诺时限报警");
        assertThat(p.clause(CardKind.RED)).isEqualTo("6.6.7");
    }

    @Test
    void warningsCanBeTurnedOff() {
        DeadlinePolicy p = DeadlinePolicy.parse("off.properties", MINIMAL + "warning.remaining = off\nwarning.ratios = off\n");
        assertThat(p.warningRemaining()).isNull();
        assertThat(p.warningRatios()).isEmpty();
        CardSchedule s = ScheduleAssertions.schedule(CaseHistory.committed("C", "5WD").accepted("2026-03-02T10:00"), p);
        assertThat(s.cards()).extracting(c -> c.kind).containsExactly(CardKind.YELLOW, CardKind.RED);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "warning.remaining | 50%     | the warning window is counted time",
        "warning.remaining | soon    | 'soon' is not an amount",
        "warning.ratios    | 50      | '50' is not an amount",
        "warning.ratios    | 1WD     | '1WD' is not a percentage",
        "warning.ratios    | 100%    | must be above 0% and below 100%",
        "warning.ratios    | 50%,50% | 50% is listed twice",
        "red.afterYellow   | 0WD     | must be more than zero",
        "red.afterYellow   | -1WD    | is not an amount",
        "step.budget.承办   | 2 days  | is not an amount",
        "step.budget.      | 2WD     | names no step name",
        "joint.partLimit   | 0%      | must be more than zero",
        "urgent.limit      | fast    | must look like 20WD, 30ND or IMMEDIATE",
        "item.X.limit      | -3WD    | is negative",
        "closed.retention  | 7 days  | is not an ISO-8601 duration",
        "due.rounding      | UP      | is not EXACT or WHOLE_DAY",
        "clause.PURPLE     | x       | is not a card kind",
        "warning.remainder | 1WD     | unknown key",
        "ruleVersion       | a b     | rule version 'a b' must be",
    })
    void aBadValueNamesTheFileTheLineAndTheKey(String key, String value, String reason) {
        String text = "center = test-center\n" + (key.equals("ruleVersion") ? "" : "ruleVersion = test/1\n") + key + " = " + value + "\n";
        int line = key.equals("ruleVersion") ? 2 : 3;
        assertThatThrownBy(() -> DeadlinePolicy.parse("policies/test-center.properties", text))
                .isInstanceOf(PolicyFormatException.class)
                .hasMessageStartingWith("policies/test-center.properties:" + line + ": key '" + key + "': ")
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((PolicyFormatException) e).key()).isEqualTo(key));
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        assertThatThrownBy(() -> DeadlinePolicy.parse("p.properties", MINIMAL + "red.afterYellow = 3WD\n\nred.afterYellow = 4WD\n"))
                .hasMessage("p.properties:5: key 'red.afterYellow': given twice (also on line 3)");
    }

    @Test
    void theCenterAndTheRuleVersionAreRequired() {
        assertThatThrownBy(() -> DeadlinePolicy.parse("p.properties", "center = x\n"))
                .hasMessage("p.properties: key 'ruleVersion': is missing (it is written on every card)");
        assertThatThrownBy(() -> DeadlinePolicy.parse("p.properties", "ruleVersion = x/1\n"))
                .hasMessage("p.properties: key 'center': is missing (the center this file is for)");
    }

    @Test
    void aLineWithoutEqualsIsRefused() {
        assertThatThrownBy(() -> DeadlinePolicy.parse("p.properties", MINIMAL + "warning.remaining 1WD\n"))
                .hasMessage("p.properties:3: expected 'key = value', got 'warning.remaining 1WD'");
    }

    @Test
    void loadingAFileNamesIt(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.properties");
        Files.writeString(f, MINIMAL + "red.afterYellow = soon\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> DeadlinePolicy.load(f)).hasMessageStartingWith(f + ":3: key 'red.afterYellow': ");
        Path latin = dir.resolve("latin.properties");
        Files.write(latin, new byte[] {'c', '=', (byte) 0xE9});
        assertThatThrownBy(() -> DeadlinePolicy.load(latin)).hasMessage(latin + ": is not UTF-8 text");
        assertThatThrownBy(() -> DeadlinePolicy.load(dir.resolve("none.properties"))).hasMessageContaining("cannot read");
    }

    @Test
    void aCenterFileInThePolicyDirectoryWinsAndMustNameItsCenter(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("test-center.properties"), MINIMAL + "red.afterYellow = 5WD\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("other.properties"), MINIMAL, StandardCharsets.UTF_8);
        String before = System.getProperty(DeadlinePolicy.DIR_PROPERTY);
        System.setProperty(DeadlinePolicy.DIR_PROPERTY, dir.toString());
        try {
            assertThat(DeadlinePolicy.forCenter("test-center").redAfterYellow()).isEqualTo(Amount.parse("5WD"));
            assertThatThrownBy(() -> DeadlinePolicy.forCenter("other"))
                    .hasMessageContaining("key 'center': names center 'test-center' but is the file of center 'other'");
            assertThat(DeadlinePolicy.forCenter("no-such-center")).isSameAs(DeadlinePolicy.defaults());
            assertThat(DeadlinePolicy.forCenter("../etc")).isSameAs(DeadlinePolicy.defaults());
        } finally {
            if (before == null) {
                System.clearProperty(DeadlinePolicy.DIR_PROPERTY);
            } else {
                System.setProperty(DeadlinePolicy.DIR_PROPERTY, before);
            }
        }
    }

    @Test
    void policiesAndProvidersAreSerializableForTheStreamingJob() throws Exception {
        DeadlinePolicy p = DeadlinePolicy.defaults();
        assertThat(roundTrip(p)).isEqualTo(p);
        Policies perCenter = roundTrip(Policies.centers());
        assertThat(perCenter.forCenter("hn-cs-zwzx")).isEqualTo(p);
        Calendars cals = roundTrip(Calendars.centers());
        assertThat(cals.forCenter("hn-cs-zwzx").isWorkingDay(java.time.LocalDate.of(2026, 2, 14))).isTrue();
        CaseTracker tracker = roundTrip(CaseTracker.perCenter());
        assertThat(tracker.policy("hn-cs-zwzx")).isEqualTo(p);
    }

    @Test
    void amountsResolveToCountedTime() {
        assertThat(Amount.parse("0.5wd").resolve(LimitUnit.NATURAL_DAYS, 0)).isEqualTo(new Amount.Counted(43_200_000L, LimitUnit.WORKING_DAYS));
        assertThat(Amount.parse("3ND").resolve(LimitUnit.WORKING_DAYS, 0)).isEqualTo(new Amount.Counted(259_200_000L, LimitUnit.NATURAL_DAYS));
        assertThat(Amount.parse("4h").resolve(LimitUnit.NATURAL_DAYS, 0)).isEqualTo(new Amount.Counted(14_400_000L, LimitUnit.NATURAL_DAYS));
        assertThat(Amount.parse("4H").resolve(LimitUnit.IMMEDIATE, 0)).isEqualTo(new Amount.Counted(14_400_000L, LimitUnit.WORKING_DAYS));
        assertThat(Amount.parse("33.333%").resolve(LimitUnit.WORKING_DAYS, 1000)).isEqualTo(new Amount.Counted(333, LimitUnit.WORKING_DAYS));
        assertThat(Amount.parse(" 1.500 WD ").toString()).isEqualTo("1.5WD");
        assertThat(Amount.parse("10WD").toString()).isEqualTo("10WD");
        assertThatThrownBy(() -> Amount.parse("1.2345WD")).hasMessageContaining("is not an amount");
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
