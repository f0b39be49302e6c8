package cn.xiaoneng.deadline.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code deadline}: the deadline engine on the command line, for operators and acceptance checks. The same
 * code as the streaming job. The top-level {@code xiaoneng} command adds this as a subcommand.
 */
@Command(name = "deadline", mixinStandardHelpOptions = true, subcommands = {DueCommand.class, ReplayCommand.class},
        description = "Working-day deadlines (办结时限) on a center's working calendar, and the cards they raise.")
public final class DeadlineCommand implements Callable<Integer> {
    /** Exit code for input that cannot be used; picocli's usage-error code. */
    public static final int BAD_INPUT = CommandLine.ExitCode.USAGE;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return BAD_INPUT;
    }

    /** Runs {@code deadline <args>} on stdout/stderr and returns the exit code. */
    public static int run(String... args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        return run(out, err, args);
    }

    /** Runs {@code deadline <args>} writing to the given streams and returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = configure(new CommandLine(new DeadlineCommand()));
        cli.setOut(out);
        cli.setErr(err);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Makes bad command lines (unknown option, missing value) fail with one line on stderr and exit code
     * {@link #BAD_INPUT}, instead of picocli's usage dump. Apply to whatever root command hosts this one.
     */
    public static CommandLine configure(CommandLine cli) {
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + oneLine(ex.getMessage()));
            c.getErr().flush();
            return BAD_INPUT;
        });
        return cli;
    }

    static String oneLine(String message) {
        return message == null ? "unknown error" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
