package cn.xiaoneng.deadline.calendar;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One date as a calendar file states it, with where it was read: the source (notice number) for people,
 * file and line for whoever has to fix the data.
 */
public record CalendarEntry(LocalDate date, EntryKind kind, String name, String source, String file, int line)
        implements Serializable {

    public CalendarEntry {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(file, "file");
    }

    /** Where the entry was read, as {@code file:line}. */
    public String location() {
        return file + ":" + line;
    }

    @Override
    public String toString() {
        return date + " " + kind.label() + " " + name + " (" + source + ", " + location() + ")";
    }
}
