package cn.xiaoneng.deadline.cli;

import cn.xiaoneng.deadline.DeadlineCalculator;
import cn.xiaoneng.deadline.DueRequest;
import cn.xiaoneng.deadline.DueResult;
import cn.xiaoneng.deadline.Extension;
import cn.xiaoneng.deadline.Pause;
import cn.xiaoneng.deadline.Rounding;
import cn.xiaoneng.deadline.calendar.CenterCalendars;
import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.model.Limit;
import cn.xiaoneng.model.Times;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code deadline due}: prints the due instant of one case on one line, ISO-8601 with the calendar's offset.
 * Bad input exits with {@link DeadlineCommand#BAD_INPUT} and a one-line reason on stderr. Options are read
 * as text and parsed here, so every reason is ours and fits on one line whichever root command runs this.
 */
@Command(name = "due", mixinStandardHelpOptions = true,
        description = "Print the due instant (办结时限到期时刻) of a case, e.g. 2026-02-28T00:00:00+08:00.")
public final class DueCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--accepted", required = true, paramLabel = "<instant>",
            description = "受理 instant, ISO-8601 with offset, e.g. 2026-02-13T10:00:00+08:00")
    String accepted;

    @Option(names = "--limit", required = true, paramLabel = "<limit>",
            description = "<N>WD (工作日), <N>ND (自然日) or IMMEDIATE (即办)")
    String limit;

    @Option(names = "--pause", paramLabel = "<from>/<to>",
            description = "clock stop [from, to): two ISO-8601 instants joined by '/'; repeatable")
    List<String> pauses = new ArrayList<>();

    @Option(names = "--extension", paramLabel = "<approvedAt>/<N>WD",
            description = "approved extension (延期, 行政许可法第四十二条), e.g. 2026-03-10T09:00:00+08:00/10WD; repeatable")
    List<String> extensions = new ArrayList<>();

    @Option(names = "--center", paramLabel = "<id>",
            description = "center id: adds calendars/centers/<id>.cal (from -D" + CenterCalendars.DIR_PROPERTY
                    + " or the class path) to the national calendar")
    String center;

    @Option(names = "--calendar", paramLabel = "<file>",
            description = "extra calendar file on top (a center's overrides, a new year's notice); repeatable")
    List<Path> calendars = new ArrayList<>();

    @Option(names = "--whole-day", description = "round a mid-day due instant up to 24:00 of that day (off by default)")
    boolean wholeDay;

    @Option(names = "--explain", description = "after the due instant, print how it was reached")
    boolean explain;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DueResult result;
        try {
            result = compute();
        } catch (IllegalArgumentException | DateTimeException | IllegalStateException e) {
            err.println("deadline due: " + DeadlineCommand.oneLine(e.getMessage()));
            err.flush();
            return DeadlineCommand.BAD_INPUT;
        }
        out.println(result.dueText());
        if (explain) {
            result.explanation().forEach(line -> out.println("  " + line));
        }
        out.flush();
        if (result.provisional()) {
            err.println("deadline due: warning: provisional, depends on " + result.provisionalDates().first()
                    + " in a year without a published calendar (weekends only)");
        }
        for (Extension late : result.lateExtensions()) {
            err.println("deadline due: warning: extension approved " + Times.format(late.approvedAt().toEpochMilli(), result.zone())
                    + " is not before the due instant: it does not move it and the case counts as overdue (超时)");
        }
        err.flush();
        return 0;
    }

    private DueResult compute() {
        Instant acceptedAt = instant("--accepted", accepted);
        Limit parsedLimit = Limit.parse(limit);
        List<Pause> parsedPauses = new ArrayList<>();
        for (String p : pauses) {
            parsedPauses.add(Pause.parse(p));
        }
        List<Extension> parsedExtensions = new ArrayList<>();
        for (String e : extensions) {
            parsedExtensions.add(extension(e));
        }
        WorkCalendar calendar = center == null ? WorkCalendar.china() : CenterCalendars.forCenter(center);
        for (Path file : calendars) {
            calendar = calendar.withFile(file);
        }
        DueRequest request = DueRequest.of(acceptedAt, parsedLimit)
                .withPauses(parsedPauses)
                .withExtensions(parsedExtensions)
                .withRounding(wholeDay ? Rounding.WHOLE_DAY : Rounding.EXACT);
        return new DeadlineCalculator(calendar).due(request);
    }

    private static Instant instant(String what, String text) {
        try {
            return Instant.ofEpochMilli(Times.parse(text.strip()));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not an ISO-8601 date-time with offset, e.g. 2026-02-13T10:00:00+08:00");
        }
    }

    private static Extension extension(String text) {
        int slash = text.lastIndexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("extension '" + text + "' must be <approvedAt>/<N>WD, e.g. 2026-03-10T09:00:00+08:00/10WD");
        }
        Instant approvedAt = instant("extension approval", text.substring(0, slash));
        Limit extra = Limit.parse(text.substring(slash + 1));
        return Extension.of(approvedAt, extra, "--extension");
    }
}
