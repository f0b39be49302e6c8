package cn.xiaoneng.alerting.cli;

import static cn.xiaoneng.alerting.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.deadline.engine.CardKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AlertingCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new AlertingCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void dryRunShowsEachCardsReceiversAndWhatHoldsThemBack() throws Exception {
        // the routing files' secrets resolve from the environment: a test sets none, so use a copy without secrets
        Path routing = Files.createDirectories(dir.resolve("routing"));
        for (String f : List.of("receivers.yaml", "routes.yaml", "silences.yaml")) {
            Files.writeString(routing.resolve(f), Files.readString(routingDir("center").resolve(f))
                    .replace("${env:HOOK_SECRET}", "${file:" + Files.writeString(dir.resolve("hook"), "s") + "}"));
        }
        Path cards = Files.write(dir.resolve("cards.jsonl"), List.of(json(card(CardKind.RED, "LC1", MON_0900)),
                json(card(CardKind.YELLOW, "LC1", MON_0900))));
        Run r = run("dry-run", "--routing", routing.toString(), cards.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("红牌 RED level 3 · LC1").contains("always jiancha (纪委监委派驻监察组, 监察机构) via [webhook, email]")
                .contains("+2h scjg-leader").contains("HELD: inhibition 红牌压制同案黄牌预警");
        assertThat(run("validate", routing.toString()).out()).contains("4 receivers, 3 escalation policies").contains("valid");
    }

    @Test
    void validateExitsWithTwoAndNamesFileAndKey() throws Exception {
        Path routing = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(routing.resolve("receivers.yaml"), "receivers:\n  x:\n    role: BOSS\n    channels: []\n");
        Files.writeString(routing.resolve("routes.yaml"), "route: {escalation: e}\nescalations: {e: [{receivers: [x]}]}\n");
        Run r = run("validate", routing.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("receivers.yaml: receivers.x.role: must be one of HANDLER");
    }
}
