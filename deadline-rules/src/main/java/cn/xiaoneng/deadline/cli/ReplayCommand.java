package cn.xiaoneng.deadline.cli;

import cn.xiaoneng.deadline.calendar.CenterCalendars;
import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.deadline.engine.Calendars;
import cn.xiaoneng.deadline.engine.Card;
import cn.xiaoneng.deadline.engine.CardCodec;
import cn.xiaoneng.deadline.engine.CaseTracker;
import cn.xiaoneng.deadline.engine.DeadlineEngine;
import cn.xiaoneng.deadline.engine.DeadlinePolicy;
import cn.xiaoneng.deadline.engine.Policies;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseEventCodec;
import cn.xiaoneng.model.Times;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code deadline replay}: the cards the engine raises (and retracts) for a file of canonical events, as JSON
 * lines in instant order. The same code as the streaming job ({@link CaseTracker}); see
 * docs/deadline-engine.md. Bad input exits with {@link DeadlineCommand#BAD_INPUT} and one line on stderr; a bad
 * event line is named {@code file:line}.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Print the cards (预警, 黄牌, 红牌, 环节超时, 超时默许, 缺席默认) raised for a file of canonical events "
                + "(JSON lines), in instant order.")
public final class ReplayCommand implements Callable<Integer> {
    private static final String NAME = "deadline replay: ";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<events.jsonl>", description = "canonical case events, one JSON object per line")
    Path events;

    @Option(names = "--until", paramLabel = "<instant>",
            description = "stop the clock here (ISO-8601 with offset); events committed later are not applied. Default: the end of time")
    String until;

    @Option(names = "--policy", paramLabel = "<file>",
            description = "policy file for every case (default: policies/<center>.properties of each case's center, else the built-in "
                    + DeadlinePolicy.DEFAULT_CENTER + ")")
    Path policy;

    @Option(names = "--center", paramLabel = "<id>",
            description = "replay only this center's events, on its calendar (calendars/centers/<id>.cal) and policy")
    String center;

    @Option(names = "--calendar", paramLabel = "<file>", description = "extra calendar file on top of each center's; repeatable")
    List<Path> calendars = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Card> cards;
        try {
            cards = run();
        } catch (IllegalArgumentException | IllegalStateException | DateTimeException e) {
            err.println(NAME + DeadlineCommand.oneLine(e.getMessage()));
            err.flush();
            return DeadlineCommand.BAD_INPUT;
        }
        CardCodec codec = new CardCodec();
        for (Card c : cards) {
            out.println(codec.encodeToString(c));
        }
        out.flush();
        return 0;
    }

    private List<Card> run() {
        OptionalLong stop = OptionalLong.empty();
        if (until != null) {
            try {
                stop = OptionalLong.of(Times.parse(until.strip()));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("--until '" + until + "' is not an ISO-8601 date-time with offset, e.g. 2026-03-31T00:00:00+08:00");
            }
        }
        Policies policies;
        Calendars cals;
        if (center != null) {
            DeadlinePolicy p = policy != null ? DeadlinePolicy.load(policy) : DeadlinePolicy.forCenter(center);
            WorkCalendar cal = CenterCalendars.forCenter(center);
            for (Path f : calendars) {
                cal = cal.withFile(f);
            }
            policies = Policies.of(p);
            cals = Calendars.of(cal);
        } else {
            policies = policy != null ? Policies.of(DeadlinePolicy.load(policy)) : Policies.centers();
            cals = Calendars.centers(calendars);
        }
        List<CaseEvent> read = read(events);
        if (center != null) {
            read.removeIf(e -> !center.equals(e.centerId));
        }
        return DeadlineEngine.replay(read, new CaseTracker(policies, cals), stop);
    }

    /** Reads canonical events, one JSON object per line; blank lines are skipped. Errors name file:line. */
    static List<CaseEvent> read(Path file) {
        List<String> lines;
        try {
            lines = List.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString().split("\r?\n", -1));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": is not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
        CaseEventCodec codec = new CaseEventCodec();
        List<CaseEvent> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            CaseEvent e;
            try {
                e = codec.decode(line.getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException ex) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + reason(ex));
            }
            String missing = e.eventId == null ? "eventId" : e.caseId == null ? "caseId" : e.centerId == null ? "centerId" : null;
            if (missing != null) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": case event has no " + missing);
            }
            out.add(e);
        }
        return out;
    }

    private static String reason(RuntimeException ex) {
        if (ex instanceof DateTimeException) {
            return "a time is not ISO-8601 with offset (" + ex.getMessage() + ")";
        }
        String m = ex.getMessage();
        if (m != null && m.startsWith("No enum constant ")) {
            return "unknown value " + m.substring(m.lastIndexOf('.') + 1);
        }
        return m == null ? ex.getClass().getSimpleName() : m;
    }
}
