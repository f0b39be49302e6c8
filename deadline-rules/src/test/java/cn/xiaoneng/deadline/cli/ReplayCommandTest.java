package cn.xiaoneng.deadline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.deadline.engine.Card;
import cn.xiaoneng.deadline.engine.CardCodec;
import cn.xiaoneng.deadline.engine.CardStatus;
import cn.xiaoneng.model.Times;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {

    private static Run deadline(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DeadlineCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
        List<Card> cards() {
            CardCodec codec = new CardCodec();
            return out.lines().map(l -> codec.decode(l.getBytes(StandardCharsets.UTF_8))).toList();
        }

        List<String> summary() {
            return cards().stream().map(c -> (c.status == CardStatus.RETRACTED ? "RETRACTED " : "") + c.caseId.substring(c.caseId.length() - 1)
                    + " " + c.kind + " " + c.qualifier + " " + Times.format(c.instant)).toList();
        }
    }

    private static String resource(String name) throws URISyntaxException {
        return Path.of(ReplayCommandTest.class.getClassLoader().getResource(name).toURI()).toString();
    }

    @Test
    void printsTheCardsOfAnEventsFileAsJsonLinesInInstantOrder() throws Exception {
        Run run = deadline("replay", resource("replay/small-events.jsonl"));
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.summary()).containsExactly(
                "1 WARNING elapsed>=50% 2026-02-25T12:00:00+08:00",
                "1 STEP_OVERRUN LC20260213000001-1 2026-02-25T12:00:00+08:00",
                "1 WARNING elapsed>=75% 2026-02-26T18:00:00+08:00",
                "1 WARNING remaining<=1WD 2026-02-27T00:00:00+08:00",
                "1 STEP_OVERRUN LC20260213000001-2 2026-02-27T23:20:00+08:00",
                "1 YELLOW due 2026-02-28T00:00:00+08:00",
                "2 WARNING elapsed>=50% 2026-03-05T12:00:00+08:00",
                "2 WARNING elapsed>=75% 2026-03-06T18:00:00+08:00",
                "RETRACTED 2 WARNING elapsed>=75% 2026-03-06T18:00:00+08:00",
                "2 WARNING remaining<=1WD 2026-03-07T00:00:00+08:00",
                "RETRACTED 2 WARNING remaining<=1WD 2026-03-07T00:00:00+08:00",
                "2 YELLOW due 2026-03-10T00:00:00+08:00",
                "RETRACTED 2 YELLOW due 2026-03-10T00:00:00+08:00");
        Card yellow = run.cards().get(5);
        assertThat(yellow.holder.handler).isEqualTo("李娜");
        assertThat(yellow.attribution.steps).extracting(s -> s.stepName, s -> s.overMillis)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("承办", 23 * 3_600_000L),
                        org.assertj.core.groups.Tuple.tuple("审核", 40 * 60_000L));
        assertThat(run.out()).contains("\"instant\":\"2026-02-28T00:00:00+08:00\"");
    }

    @Test
    void replayingTwicePrintsTheSameBytes() throws Exception {
        assertThat(deadline("replay", resource("replay/small-events.jsonl")).out())
                .isEqualTo(deadline("replay", resource("replay/small-events.jsonl")).out());
    }

    @Test
    void untilStopsTheClock() throws Exception {
        Run run = deadline("replay", resource("replay/small-events.jsonl"), "--until", "2026-02-26T00:00:00+08:00");
        assertThat(run.exitCode()).isZero();
        assertThat(run.summary()).containsExactly(
                "1 WARNING elapsed>=50% 2026-02-25T12:00:00+08:00",
                "1 STEP_OVERRUN LC20260213000001-1 2026-02-25T12:00:00+08:00");
    }

    @Test
    void aPolicyFileAndACenterFilter() throws Exception {
        Run run = deadline("replay", resource("replay/small-events.jsonl"), "--policy", resource("policies/ladder-only.properties"),
                "--center", "hn-cs-zwzx");
        assertThat(run.exitCode()).isZero();
        assertThat(run.cards()).allMatch(c -> c.ruleVersion.equals("hn-cs-zwzx/test")).noneMatch(c -> c.kind.name().equals("WARNING"));
        Run other = deadline("replay", resource("replay/small-events.jsonl"), "--center", "hn-cd-zwzx");
        assertThat(other.exitCode()).isZero();
        assertThat(other.out()).isEmpty();
    }

    @Test
    void aMalformedLineIsNamedByFileAndLine(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(resource("replay/small-events.jsonl")), StandardCharsets.UTF_8);
        Path bad = dir.resolve("bad.jsonl");
        Files.write(bad, List.of(lines.get(0), "", lines.get(1).replace("\"ACCEPTED\"", "\"ACCEPTD\"")), StandardCharsets.UTF_8);
        Run run = deadline("replay", bad.toString());
        assertThat(run.exitCode()).isEqualTo(DeadlineCommand.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).doesNotContain("\n").startsWith("deadline replay: " + bad + ":3: ").contains("ACCEPTD");

        Files.write(bad, List.of(lines.get(0), "{not json"), StandardCharsets.UTF_8);
        assertThat(deadline("replay", bad.toString()).err()).startsWith("deadline replay: " + bad + ":2: ");

        Files.write(bad, List.of(lines.get(0).replace("2026-02-13T09:52:10+08:00", "2026-02-13 09:52")), StandardCharsets.UTF_8);
        assertThat(deadline("replay", bad.toString()).err()).startsWith("deadline replay: " + bad + ":1: ");

        Files.write(bad, List.of(lines.get(0).replace("\"caseId\":\"LC20260213000001\",", "")), StandardCharsets.UTF_8);
        assertThat(deadline("replay", bad.toString()).err().strip()).isEqualTo("deadline replay: " + bad + ":1: case event has no caseId");
    }

    @Test
    void badArgumentsExitWithOneLine(@TempDir Path dir) throws Exception {
        Run missing = deadline("replay", dir.resolve("none.jsonl").toString());
        assertThat(missing.exitCode()).isEqualTo(DeadlineCommand.BAD_INPUT);
        assertThat(missing.err().strip()).isEqualTo("deadline replay: " + dir.resolve("none.jsonl") + ": no such file");

        Run until = deadline("replay", resource("replay/small-events.jsonl"), "--until", "tomorrow");
        assertThat(until.exitCode()).isEqualTo(DeadlineCommand.BAD_INPUT);
        assertThat(until.err().strip()).startsWith("deadline replay: --until 'tomorrow' is not an ISO-8601");

        String badPolicy = resource("policies/bad-red.properties");
        Run policy = deadline("replay", resource("replay/small-events.jsonl"), "--policy", badPolicy);
        assertThat(policy.exitCode()).isEqualTo(DeadlineCommand.BAD_INPUT);
        assertThat(policy.err().strip()).isEqualTo("deadline replay: " + badPolicy
                + ":3: key 'red.afterYellow': 'soon' is not an amount: write e.g. 1WD, 0.5WD, 3ND, 4h or 50%");

        Run noFile = deadline("replay");
        assertThat(noFile.exitCode()).isEqualTo(DeadlineCommand.BAD_INPUT);
        assertThat(noFile.err().strip().lines().count()).isEqualTo(1);

        Path latin = dir.resolve("latin.jsonl");
        Files.write(latin, new byte[] {'{', (byte) 0xE9, '}'});
        assertThat(deadline("replay", latin.toString()).err().strip()).isEqualTo("deadline replay: " + latin + ": is not UTF-8 text");
    }

    @Test
    void anEmptyFilePrintsNothing(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n\n");
        Run run = deadline("replay", empty.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theHelpNamesTheSubcommand() {
        Run run = deadline("--help");
        assertThat(Arrays.asList(run.out().split("\\R"))).anyMatch(l -> l.strip().startsWith("replay"));
    }
}
