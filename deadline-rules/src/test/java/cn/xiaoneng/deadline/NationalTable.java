package cn.xiaoneng.deadline;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The 2025 and 2026 放假调休 tables of DOMAIN.md §1.3, typed in again here independently of the shipped
 * calendar files, so that tests check the data files and the arithmetic against the notices, not against
 * themselves.
 */
public final class NationalTable {
    /** One holiday block (放假) of a notice, with its make-up working days (调休上班). */
    public record Block(String name, LocalDate first, LocalDate last, List<LocalDate> makeUpDays) {
        @Override
        public String toString() {
            return name + " " + first + ".." + last;
        }
    }

    public static final List<Block> BLOCKS = List.of(
            block("2025 元旦", "2025-01-01", "2025-01-01"),
            block("2025 春节", "2025-01-28", "2025-02-04", "2025-01-26", "2025-02-08"),
            block("2025 清明", "2025-04-04", "2025-04-06"),
            block("2025 劳动节", "2025-05-01", "2025-05-05", "2025-04-27"),
            block("2025 端午", "2025-05-31", "2025-06-02"),
            block("2025 国庆中秋", "2025-10-01", "2025-10-08", "2025-09-28", "2025-10-11"),
            block("2026 元旦", "2026-01-01", "2026-01-03", "2026-01-04"),
            block("2026 春节", "2026-02-15", "2026-02-23", "2026-02-14", "2026-02-28"),
            block("2026 清明", "2026-04-04", "2026-04-06"),
            block("2026 劳动节", "2026-05-01", "2026-05-05", "2026-05-09"),
            block("2026 端午", "2026-06-19", "2026-06-21"),
            block("2026 中秋", "2026-09-25", "2026-09-27"),
            block("2026 国庆", "2026-10-01", "2026-10-07", "2026-09-20", "2026-10-10"));

    public static final Set<LocalDate> DAYS_OFF = new HashSet<>();
    public static final Set<LocalDate> MAKE_UP_DAYS = new HashSet<>();

    static {
        for (Block b : BLOCKS) {
            for (LocalDate d = b.first(); !d.isAfter(b.last()); d = d.plusDays(1)) {
                DAYS_OFF.add(d);
            }
            MAKE_UP_DAYS.addAll(b.makeUpDays());
        }
    }

    private NationalTable() {}

    private static Block block(String name, String first, String last, String... makeUp) {
        return new Block(name, LocalDate.parse(first), LocalDate.parse(last), java.util.Arrays.stream(makeUp).map(LocalDate::parse).toList());
    }

    /** The working-day rule as the notices state it (weekends off unless 调休上班; holidays off). */
    public static boolean isWorkingDay(LocalDate d) {
        if (DAYS_OFF.contains(d)) {
            return false;
        }
        if (MAKE_UP_DAYS.contains(d)) {
            return true;
        }
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** Naive oracle for rule 2 without pauses: 24:00 of the N-th working day after the 受理 day. */
    public static LocalDate lastDayOfWorkingDays(LocalDate accepted, int n) {
        LocalDate d = accepted;
        int counted = 0;
        while (counted < n) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                counted++;
            }
        }
        return d;
    }

    /** Naive oracle for rule 3: the N-th day, moved to the next working day when it is not one. */
    public static LocalDate lastDayOfNaturalDays(LocalDate accepted, int n) {
        LocalDate d = accepted.plusDays(n);
        while (!isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** Naive oracle for rule 4. */
    public static LocalDate dayOfImmediate(LocalDate accepted) {
        LocalDate d = accepted;
        while (!isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }
}
