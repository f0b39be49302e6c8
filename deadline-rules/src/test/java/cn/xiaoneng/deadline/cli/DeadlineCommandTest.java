package cn.xiaoneng.deadline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class DeadlineCommandTest {

    /** Runs {@code deadline <args>} in-process. */
    private static Run deadline(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DeadlineCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {}

    @Test
    void printsTheDueInstantOnOneLine() {
        Run run = deadline("due", "--accepted", "2026-02-13T10:00:00+08:00", "--limit", "5WD");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("2026-02-28T00:00:00+08:00" + System.lineSeparator());
        assertThat(run.err()).isEmpty();
    }

    @Test
    void worksOnAPlainPicocliCommandLineAsASubcommandWould() {
        // how the top-level xiaoneng command will host it: no handlers of ours on the root
        CommandLine cli = new CommandLine(new DeadlineCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("due", "--accepted", "2026-02-13T10:00:00+08:00", "--limit", "4WD")).isZero();
        assertThat(out.toString().strip()).isEqualTo("2026-02-27T00:00:00+08:00");
        assertThat(cli.execute("due", "--accepted", "yesterday", "--limit", "4WD")).isEqualTo(DeadlineCommand.BAD_INPUT);
        assertThat(err.toString().strip()).doesNotContain("\n").startsWith("deadline due: --accepted 'yesterday'");
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
        "2026-02-13T10:00:00+08:00, IMMEDIATE, 2026-02-14T00:00:00+08:00",
        "2026-02-15T10:00:00+08:00, IMMEDIATE, 2026-02-25T00:00:00+08:00",
        "2026-09-30T10:00:00+08:00, 3ND,       2026-10-09T00:00:00+08:00",
        "2026-02-13T02:00:00Z,      5WD,       2026-02-28T00:00:00+08:00",
        "2026-03-02T10:00:00+08:00, 20wd,      2026-03-31T00:00:00+08:00",
    })
    void printsInChinaTimeWhateverTheInputOffset(String accepted, String limit, String expected) {
        Run run = deadline("due", "--accepted", accepted, "--limit", limit);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo(expected);
    }

    @Test
    void pausesAreRepeatable() {
        Run run = deadline("due", "--accepted", "2026-03-02T10:00:00+08:00", "--limit", "5WD",
                "--pause", "2026-03-03T09:00:00+08:00/2026-03-03T12:00:00+08:00",
                "--pause", "2026-03-05T09:00:00+08:00/2026-03-05T14:00:00+08:00");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("2026-03-10T08:00:00+08:00");
    }

    @Test
    void extensionsAndWholeDayRounding() {
        Run extended = deadline("due", "--accepted", "2026-03-02T10:00:00+08:00", "--limit", "20WD",
                "--extension", "2026-03-25T10:00:00+08:00/10WD");
        assertThat(extended.out().strip()).isEqualTo("2026-04-15T00:00:00+08:00");

        Run late = deadline("due", "--accepted", "2026-03-02T10:00:00+08:00", "--limit", "20WD",
                "--extension", "2026-04-01T10:00:00+08:00/10WD");
        assertThat(late.exitCode()).isZero();
        assertThat(late.out().strip()).isEqualTo("2026-03-31T00:00:00+08:00");
        assertThat(late.err()).contains("overdue");

        Run rounded = deadline("due", "--accepted", "2026-03-02T10:00:00+08:00", "--limit", "5WD", "--whole-day",
                "--pause", "2026-03-04T09:00:00+08:00/2026-03-04T17:30:00+08:00");
        assertThat(rounded.out().strip()).isEqualTo("2026-03-11T00:00:00+08:00");
    }

    @Test
    void explainPrintsTheStepsAfterTheDueLine() {
        Run run = deadline("due", "--accepted", "2026-09-30T10:00:00+08:00", "--limit", "3ND", "--explain");
        String[] lines = run.out().split("\\R");
        assertThat(lines[0]).isEqualTo("2026-10-09T00:00:00+08:00");
        assertThat(run.out()).contains("民法典第二百零三条");
    }

    @Test
    void provisionalResultIsPrintedWithAWarning() {
        Run run = deadline("due", "--accepted", "2026-12-30T10:00:00+08:00", "--limit", "5WD");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("2027-01-07T00:00:00+08:00");
        assertThat(run.err()).contains("provisional");
    }

    @Test
    void centerOverridesApply() {
        Run run = deadline("due", "--accepted", "2026-07-07T10:00:00+08:00", "--limit", "1WD", "--center", "test-xiangxi");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("2026-07-10T00:00:00+08:00");
    }

    @Test
    void calendarFileOnTopOfTheNationalOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("closure.cal");
        Files.writeString(file, "closure 2026-03-03 停电闭厅 测试\n", StandardCharsets.UTF_8);
        Run run = deadline("due", "--accepted", "2026-03-02T10:00:00+08:00", "--limit", "1WD", "--calendar", file.toString());
        assertThat(run.out().strip()).isEqualTo("2026-03-05T00:00:00+08:00");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unparseable time|--accepted=2026-02-30T10:00:00+08:00|--limit=5WD|--accepted '2026-02-30T10:00:00+08:00' is not an ISO-8601",
        "time without offset|--accepted=2026-02-13T10:00:00|--limit=5WD|--accepted '2026-02-13T10:00:00' is not an ISO-8601",
        "negative limit|--accepted=2026-02-13T10:00:00+08:00|--limit=-5WD|limit '-5WD' is negative",
        "unknown unit|--accepted=2026-02-13T10:00:00+08:00|--limit=5XD|limit '5XD' must look like 20WD, 30ND or IMMEDIATE",
        "pause ending before it starts|--accepted=2026-02-13T10:00:00+08:00|--pause=2026-03-04T10:00:00+08:00/2026-03-04T09:00:00+08:00|pause '2026-03-04T10:00:00+08:00/2026-03-04T09:00:00+08:00' ends before it starts",
        "pause without slash|--accepted=2026-02-13T10:00:00+08:00|--pause=2026-03-04T10:00:00+08:00|must be two ISO-8601 instants joined by '/'",
        "bad extension|--accepted=2026-02-13T10:00:00+08:00|--extension=soon/10WD|extension approval 'soon'",
        "unknown center id|--accepted=2026-02-13T10:00:00+08:00|--center=../x|center id '../x'",
    })
    void badInputExitsNonZeroWithOneLineReason(String what, String first, String second, String reason) {
        String[] args = second.startsWith("--limit") ? new String[] {"due", first, second}
                : new String[] {"due", first, "--limit=5WD", second};
        Run run = deadline(args);
        assertThat(run.exitCode()).isEqualTo(DeadlineCommand.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("deadline due: ").contains(reason);
    }

    @Test
    void badCalendarFileNamesFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.cal");
        Files.writeString(file, "# ok\nclosure 2026-13-01 闭厅 测试\n", StandardCharsets.UTF_8);
        Run run = deadline("due", "--accepted", "2026-03-02T10:00:00+08:00", "--limit", "1WD", "--calendar", file.toString());
        assertThat(run.exitCode()).isEqualTo(DeadlineCommand.BAD_INPUT);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains(file + ":2: date '2026-13-01'");
    }

    @Test
    void missingOrUnknownOptionsExitNonZeroWithOneLine() {
        Run missing = deadline("due", "--limit", "5WD");
        assertThat(missing.exitCode()).isEqualTo(DeadlineCommand.BAD_INPUT);
        assertThat(missing.err().lines()).hasSize(1);
        assertThat(missing.err()).contains("--accepted");

        Run unknown = deadline("due", "--accepted", "2026-02-13T10:00:00+08:00", "--limit", "5WD", "--frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(DeadlineCommand.BAD_INPUT);
        assertThat(unknown.err().lines()).hasSize(1);
    }

    @Test
    void withoutASubcommandItShowsUsageAndFails() {
        Run run = deadline();
        assertThat(run.exitCode()).isEqualTo(DeadlineCommand.BAD_INPUT);
        assertThat(run.err()).contains("due");
    }
}
