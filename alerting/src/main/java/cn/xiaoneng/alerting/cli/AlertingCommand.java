package cn.xiaoneng.alerting.cli;

import cn.xiaoneng.alerting.alert.Alert;
import cn.xiaoneng.alerting.alert.AlertParser;
import cn.xiaoneng.alerting.bench.AlertingBench;
import cn.xiaoneng.alerting.config.ConfigException;
import cn.xiaoneng.alerting.config.RoutingConfig;
import cn.xiaoneng.alerting.config.RoutingConfigLoader;
import cn.xiaoneng.alerting.engine.AlertEngine;
import cn.xiaoneng.alerting.service.AlertRouterService;
import cn.xiaoneng.alerting.service.AlertingOptions;
import cn.xiaoneng.alerting.service.DryRunReport;
import cn.xiaoneng.model.Times;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alerting validate | dry-run | run | bench}: the router's command line (the app's CLI can mount it as a subcommand). */
@Command(name = "alerting", mixinStandardHelpOptions = true, description = "Alert delivery to supervisory bodies (issue 5)",
        subcommands = {AlertingCommand.Validate.class, AlertingCommand.DryRun.class, AlertingCommand.Run.class,
                AlertingCommand.Bench.class})
public final class AlertingCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return new CommandLine(new AlertingCommand()).setOut(new PrintWriter(System.out, true, StandardCharsets.UTF_8))
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static RoutingConfig load(Path dir, CommandLine cl) {
        try {
            return new RoutingConfigLoader().load(dir);
        } catch (ConfigException e) {
            cl.getErr().println(e.getMessage());
            throw new CommandLine.ExecutionException(cl, e.getMessage());
        }
    }

    @Command(name = "validate", description = "Checks a routing directory (receivers.yaml, routes.yaml, silences.yaml); "
            + "exit 2 with the file and key of the first error.")
    static final class Validate implements Callable<Integer> {
        @Parameters(index = "0", description = "routing directory")
        Path dir;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try {
                RoutingConfig c = new RoutingConfigLoader().load(dir);
                spec.commandLine().getOut().printf("%s: %d receivers, %d escalation policies, %d always rules, %d inhibitions, "
                        + "%d silences, %d people: valid%n", dir, c.receivers().size(), c.escalations().size(), c.always().size(),
                        c.inhibitions().size(), c.silences().size(), c.directory().people().size());
                return 0;
            } catch (ConfigException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "dry-run", description = "Shows which receivers each card of a JSON-lines file would reach, when, "
            + "and what would hold them back (silences, inhibitions by the file's earlier cards).")
    static final class DryRun implements Callable<Integer> {
        @Option(names = "--routing", required = true, description = "routing directory")
        Path dir;
        @Option(names = "--at", description = "instant to evaluate silences at (ISO-8601 with offset; default: each card's instant)")
        String at;
        @Parameters(index = "0", description = "file of card JSON lines (deadline or incident cards)")
        Path cards;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            RoutingConfig config;
            try {
                config = new RoutingConfigLoader().load(dir);
            } catch (ConfigException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 2;
            }
            AlertEngine engine = new AlertEngine(config);
            AlertParser parser = new AlertParser();
            List<String> lines = Files.readAllLines(cards, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                Alert a;
                try {
                    a = parser.parse(lines.get(i));
                } catch (IllegalArgumentException e) {
                    spec.commandLine().getErr().println(cards + ":" + (i + 1) + ": " + e.getMessage());
                    return 2;
                }
                long now = at == null ? a.instant() : Times.parse(at);
                spec.commandLine().getOut().print(DryRunReport.text(a, engine.dryRun(a, now), config));
                spec.commandLine().getOut().flush();
                // later cards see this one (a 红牌 inhibits the same case's 黄牌 that follows it in the file)
                engine.onAlert(a, now);
            }
            return 0;
        }
    }

    @Command(name = "run", description = "Runs the router until stopped (Ctrl-C).")
    static final class Run implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "alerting.properties")
        Path config;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            AlertingOptions options;
            try {
                options = AlertingOptions.fromFile(config);
                AlertRouterService router = AlertRouterService.start(options, System::currentTimeMillis);
                spec.commandLine().getOut().println("alerting: http://127.0.0.1:" + router.httpPort());
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    router.close();
                    stop.countDown();
                }));
                while (!stop.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                    if (!router.isHealthy()) {
                        spec.commandLine().getErr().println("alerting: the router stopped after an error (see the log); exiting");
                        router.close();
                        return 1;
                    }
                }
                return 0;
            } catch (IllegalArgumentException | ConfigException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "bench", description = "Cards/s routed and delivered to local webhook receivers (own Kafka broker).")
    static final class Bench implements Callable<Integer> {
        @Option(names = "--cards", defaultValue = "20000")
        int cards;
        @Option(names = "--windows", defaultValue = "50")
        int windows;
        @Option(names = "--dir", defaultValue = ".xiaoneng/bench/alerting", description = "work directory (deleted first)")
        Path dir;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Path work = dir.resolve("run-" + System.currentTimeMillis());
            spec.commandLine().getOut().print(AlertingBench.run(cards, windows, work).report());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
