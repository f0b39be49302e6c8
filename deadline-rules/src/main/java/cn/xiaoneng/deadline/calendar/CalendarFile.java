package cn.xiaoneng.deadline.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One parsed and validated calendar file: a national 放假调休 notice for a year, a new year's notice
 * arriving later, or a center's overrides. Format (documented in docs/deadline-counting.md):
 *
 * <pre>
 * # comment; blank lines are ignored
 * # kind     dates                     name         source (rest of the line)
 * year       2026                      全国          国办2026年节假日通知(2025-11-04)
 * holiday    2026-02-15..2026-02-23    春节          国办2026年节假日通知(2025-11-04)
 * workday    2026-02-14                春节调休上班   国办2026年节假日通知(2025-11-04)
 * closure    2026-07-08                防汛闭厅       某县应急管理局通知
 * </pre>
 *
 * <p>{@code year} declares that this file is the published calendar of that year: its dates are no
 * longer provisional. {@code holiday}, {@code closure} and {@code workday} take one date or an inclusive
 * range {@code from..to}. Every line names its source, because supervision findings must be traceable to
 * the notice that made a day a holiday. Every error names the file and the line.
 */
public final class CalendarFile implements Serializable {
    /** Longest range one line may span; guards against a typo in a year (2026-02-15..2027-02-23). */
    static final int MAX_RANGE_DAYS = 366;

    private final String name;
    private final Set<Integer> years;
    private final List<CalendarEntry> entries;

    private CalendarFile(String name, Set<Integer> years, List<CalendarEntry> entries) {
        this.name = name;
        this.years = Collections.unmodifiableSet(years);
        this.entries = List.copyOf(entries);
    }

    /** Reads a calendar file from disk (UTF-8). */
    public static CalendarFile read(Path path) {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parse(path.toString(), reader);
        } catch (IOException e) {
            throw new CalendarFormatException(path.toString(), "cannot read calendar file: " + e.getMessage(), e);
        }
    }

    /** Reads a calendar file from the class path, e.g. {@code calendars/cn-2026.cal}. */
    public static CalendarFile readResource(String resource) {
        InputStream in = CalendarFile.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new CalendarFormatException(resource, 0, "no such calendar resource on the class path");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(resource, reader);
        } catch (IOException e) {
            throw new CalendarFormatException(resource, "cannot read calendar resource: " + e.getMessage(), e);
        }
    }

    /** Parses calendar text; {@code name} is used in error messages and in each entry's location. */
    public static CalendarFile parse(String name, Reader text) {
        BufferedReader reader = text instanceof BufferedReader b ? b : new BufferedReader(text);
        Set<Integer> years = new TreeSet<>();
        Map<Integer, Integer> yearLines = new LinkedHashMap<>();
        Map<LocalDate, CalendarEntry> byDate = new LinkedHashMap<>();
        int lineNo = 0;
        try {
            String raw;
            while ((raw = reader.readLine()) != null) {
                lineNo++;
                String line = stripComment(raw).strip();
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1).strip();
                }
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split("\\s+", 4);
                if (f.length < 4) {
                    throw new CalendarFormatException(name, lineNo,
                            "expected 4 fields 'kind dates name source', found " + f.length + ": '" + line + "'");
                }
                String keyword = f[0];
                if (keyword.equalsIgnoreCase("year")) {
                    int year = parseYear(name, lineNo, f[1]);
                    Integer previous = yearLines.putIfAbsent(year, lineNo);
                    if (previous != null) {
                        throw new CalendarFormatException(name, lineNo, "year " + year + " is already declared on line " + previous);
                    }
                    years.add(year);
                    continue;
                }
                EntryKind kind = EntryKind.ofKeyword(keyword);
                if (kind == null) {
                    throw new CalendarFormatException(name, lineNo,
                            "unknown kind '" + keyword + "'; expected year, holiday, closure or workday");
                }
                for (LocalDate date : parseDates(name, lineNo, f[1])) {
                    CalendarEntry entry = new CalendarEntry(date, kind, f[2], f[3].strip(), name, lineNo);
                    CalendarEntry clash = byDate.putIfAbsent(date, entry);
                    if (clash != null) {
                        throw new CalendarFormatException(name, lineNo, date + " is already listed on line " + clash.line()
                                + " (" + clash.kind().keyword() + " " + clash.name() + ")");
                    }
                }
            }
        } catch (IOException e) {
            throw new CalendarFormatException(name, "cannot read calendar: " + e.getMessage(), e);
        }
        if (!years.isEmpty()) {
            // A national notice only ever turns Saturdays and Sundays into 调休上班 days; a weekday
            // "workday" in a notice file is a transcription error (wrong date or wrong year).
            for (CalendarEntry e : byDate.values()) {
                if (e.kind() == EntryKind.WORKDAY && !DayInfo.isWeekend(e.date())) {
                    throw new CalendarFormatException(name, e.line(), "workday " + e.date() + " is a " + e.date().getDayOfWeek()
                            + "; a 调休 make-up working day in a notice file must be a Saturday or Sunday");
                }
            }
        }
        return new CalendarFile(name, years, new ArrayList<>(byDate.values()));
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash >= 0 ? line.substring(0, hash) : line;
    }

    private static int parseYear(String file, int line, String text) {
        try {
            int year = Integer.parseInt(text);
            if (year < 1949 || year > 2999) {
                throw new CalendarFormatException(file, line, "year " + year + " is out of range 1949..2999");
            }
            return year;
        } catch (NumberFormatException e) {
            throw new CalendarFormatException(file, line, "year '" + text + "' is not a number");
        }
    }

    private static List<LocalDate> parseDates(String file, int line, String text) {
        int dots = text.indexOf("..");
        LocalDate from = parseDate(file, line, dots < 0 ? text : text.substring(0, dots));
        LocalDate to = dots < 0 ? from : parseDate(file, line, text.substring(dots + 2));
        if (to.isBefore(from)) {
            throw new CalendarFormatException(file, line, "range " + text + " ends before it starts");
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > MAX_RANGE_DAYS) {
            throw new CalendarFormatException(file, line, "range " + text + " spans " + days + " days; at most " + MAX_RANGE_DAYS);
        }
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            dates.add(d);
        }
        return dates;
    }

    private static LocalDate parseDate(String file, int line, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CalendarFormatException(file, line, "date '" + text + "' is not an ISO date like 2026-02-15");
        }
    }

    /** The name the file was loaded under (path or resource). */
    public String name() {
        return name;
    }

    /** Years this file publishes a complete calendar for (its {@code year} lines). */
    public Set<Integer> years() {
        return years;
    }

    /** One entry per date, in file order. */
    public List<CalendarEntry> entries() {
        return entries;
    }

    /** Reads a list of files from the class path, resolved relative to an index resource. */
    static List<CalendarFile> readIndex(String indexResource) {
        InputStream in = CalendarFile.class.getClassLoader().getResourceAsStream(indexResource);
        if (in == null) {
            throw new CalendarFormatException(indexResource, 0, "no such calendar index on the class path");
        }
        String dir = indexResource.contains("/") ? indexResource.substring(0, indexResource.lastIndexOf('/') + 1) : "";
        List<CalendarFile> files = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String raw;
            int lineNo = 0;
            while ((raw = reader.readLine()) != null) {
                lineNo++;
                String line = stripComment(raw).strip();
                if (line.isEmpty()) {
                    continue;
                }
                if (CalendarFile.class.getClassLoader().getResource(dir + line) == null) {
                    throw new CalendarFormatException(indexResource, lineNo, "lists '" + line + "', which is not on the class path");
                }
                files.add(readResource(dir + line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
