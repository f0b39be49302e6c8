package cn.xiaoneng.app;

import cn.xiaoneng.deadline.cli.DeadlineCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code xiaoneng} command line ({@code bin/xiaoneng} runs it). */
@Command(name = "xiaoneng", mixinStandardHelpOptions = true, version = "xiaoneng 0.1.0",
        description = "效能 Xiaoneng: real-time supervision for government service centers.",
        subcommands = {DemoCommand.class, BenchCommand.class, ConnectorsCommand.class, MigrateCommand.class, DeadlineCommand.class,
                cn.xiaoneng.alerting.cli.AlertingCommand.class})
public final class XiaonengCli {
    private XiaonengCli() {}

    public static CommandLine commandLine() {
        return DeadlineCommand.configure(new CommandLine(new XiaonengCli()));
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
