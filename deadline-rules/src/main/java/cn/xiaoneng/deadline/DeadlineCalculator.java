package cn.xiaoneng.deadline;

import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.model.Limit;
import cn.xiaoneng.model.LimitUnit;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Due instants and counted time on one center's working calendar. This is the contract of issue 3
 * ("Counting"); docs/deadline-counting.md has worked examples.
 *
 * <ol>
 *   <li>The 受理 day itself is not counted (民法典 Art. 201): counting starts at 00:00 of the next day.</li>
 *   <li>N WD: time accrues only on working days, a whole working day being 24 h of counted time
 *       (行政许可法 Art. 82: limits are 工作日, excluding 法定节假日). Due when N × 24 h have accrued; without
 *       pauses, 24:00 of the N-th working day after the 受理 day.</li>
 *   <li>N ND: time accrues on every day; due at 24:00 of the N-th day, moved to 24:00 of the next working day
 *       when the last counted moment falls on a non-working day (民法典 Art. 203 ¶1). A natural-day period always
 *       ends at 24:00 of its last day (Art. 203 ¶2), also when pauses moved that day: see rule 5.</li>
 *   <li>IMMEDIATE (即办件, 当场或当天): due at 24:00 of the 受理 day if it is a working day, else 24:00 of the
 *       next working day. A limit of 0 WD is treated as 即办 too; 0 ND gives the same instant by rule 3.</li>
 *   <li>Pauses [from, to) accrue nothing (补正; 行政许可法 Art. 45 special procedures; waiting on a higher
 *       level): the end of the count moves by exactly the counted time they covered. For WD and 即办 that end is
 *       the due instant, so it may land mid-day ({@link Rounding#WHOLE_DAY} optionally rounds it up to 24:00).
 *       For ND the day on which the moved count ends closes at 24:00, moved off rest days (rule 3) — the only
 *       reading under which a longer pause never gives an earlier due instant.</li>
 *   <li>24:00 of day D is the instant D+1 00:00 in the calendar's zone, and is printed that way.</li>
 *   <li>An extension (行政许可法 Art. 42: +10 WD single department, +15 WD joint) moves the due instant only
 *       if approved strictly before it; one approved at or after it is recorded as late (超时).</li>
 * </ol>
 *
 * <p>All arithmetic is on instants, day boundaries are the calendar zone's midnights, and nothing depends on
 * the clock of the machine: the same inputs give the same instant on every replay. Immutable, serializable.
 */
public final class DeadlineCalculator implements Serializable {
    private static final long serialVersionUID = 1L;
    /** One working day of counted time (rule 2); the 预警 threshold "≤ 1 WD remains" compares with this. */
    public static final Duration ONE_WORKING_DAY = Duration.ofHours(24);
    private static final Duration DAY = Duration.ofHours(24);
    /** No real limit reaches this far; beyond it the inputs (limit, pauses, calendar) are wrong. */
    static final int HORIZON_YEARS = 100;

    private final WorkCalendar calendar;

    public DeadlineCalculator(WorkCalendar calendar) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    /** A calculator on the national calendar, zone Asia/Shanghai. */
    public static DeadlineCalculator china() {
        return new DeadlineCalculator(WorkCalendar.china());
    }

    public WorkCalendar calendar() {
        return calendar;
    }

    public DueResult due(Instant accepted, Limit limit) {
        return due(DueRequest.of(accepted, limit));
    }

    public DueResult due(Instant accepted, Limit limit, List<Pause> pauses) {
        return due(DueRequest.of(accepted, limit).withPauses(pauses));
    }

    /** The due instant of a case: rules 1–7 applied to its 受理 instant, limit, pauses and extensions. */
    public DueResult due(DueRequest request) {
        return due(request, true);
    }

    /**
     * {@link #due(DueRequest)}, with or without its {@link DueResult#explanation() explanation}: the engine, which
     * recomputes due instants on every event and timer, skips formatting the steps it would never read.
     */
    public DueResult due(DueRequest request, boolean explain) {
        Trace trace = new Trace(calendar, explain);
        PauseSet paused = PauseSet.of(request.pauses());
        Limit limit = request.limit();
        Instant accepted = request.accepted();
        LocalDate acceptedDay = calendar.dateOf(accepted);
        if (trace.explain) {
            trace.step("受理 " + text(accepted) + " on " + acceptedDay.getDayOfWeek() + " " + acceptedDay + " ("
                    + calendar.describe(acceptedDay).label() + "); limit " + limit);
        }

        Instant start;
        LimitUnit measure;
        Instant due;
        boolean rolled = false;
        if (isImmediate(limit)) {
            // Rule 4 (即办件 当场或当天): the 受理 day itself is the whole budget when it is a working day.
            measure = LimitUnit.WORKING_DAYS;
            start = accepted;
            LocalDate dueDay = trace.isWorkingDay(acceptedDay) ? acceptedDay : trace.nextWorkingDay(acceptedDay);
            Instant plain = calendar.startOf(dueDay.plusDays(1));
            // Pauses during a 即办件 shift it like any other clock (rule 5): the budget is the working time
            // left between 受理 and 24:00 of the due day.
            Duration budget = counted(accepted, plain, measure, PauseSet.NONE, trace);
            due = accrue(start, budget, measure, paused, trace);
            if (trace.explain) {
                trace.step("即办 (当场或当天): without pauses due at 24:00 of " + dueDay + (dueDay.equals(acceptedDay) ? " (the 受理 day)" : " (next working day)"));
            }
        } else {
            // Rule 1 (民法典 Art. 201): the day of 受理 is not counted.
            start = calendar.startOf(acceptedDay.plusDays(1));
            measure = limit.unit;
            if (trace.explain) {
                trace.step("受理日 not counted (民法典第二百零一条): counting starts " + text(start));
            }
            due = accrue(start, DAY.multipliedBy(limit.value), measure, paused, trace);
            if (trace.explain) {
                trace.step(limit.value + (measure == LimitUnit.WORKING_DAYS
                        ? " working days of counted time (行政许可法第八十二条: 工作日, 不含法定节假日) accrue by " + text(due)
                        : " natural days of counted time accrue by " + text(due)));
            }
            if (measure == LimitUnit.NATURAL_DAYS) {
                rolled = !trace.isWorkingDay(calendar.dateOf(due.minusNanos(1)));
                due = endOfNaturalPeriod(due, trace);
            }
        }
        due = round(due, request.rounding(), trace);

        // Rule 7 (行政许可法第四十二条): extensions in the order they were approved, each against the due
        // instant as it stands when it was approved.
        List<Extension> applied = new ArrayList<>();
        List<Extension> late = new ArrayList<>();
        List<Extension> extensions = new ArrayList<>(request.extensions());
        extensions.sort(Comparator.comparing(Extension::approvedAt));
        for (Extension e : extensions) {
            Limit extra = e.extra();
            if (e.approvedAt().isBefore(due)) {
                Instant extended = accrue(due, DAY.multipliedBy(extra.value), extra.unit, paused, trace);
                if (extra.unit == LimitUnit.NATURAL_DAYS) {
                    extended = endOfNaturalPeriod(extended, trace);
                }
                extended = round(extended, request.rounding(), trace);
                if (trace.explain) {
                    trace.step("延期 " + extra + " approved " + text(e.approvedAt()) + " before due " + text(due) + ": due moves to "
                            + text(extended) + (e.basis().isEmpty() ? "" : " (" + e.basis() + ")"));
                }
                due = extended;
                applied.add(e);
            } else {
                if (trace.explain) {
                    trace.step("延期 " + extra + " approved " + text(e.approvedAt()) + ", not before due " + text(due)
                            + ": does not move it; counts as 超时 (extension requested after the limit passed)");
                }
                late.add(e);
            }
        }

        Trace quiet = new Trace(calendar, false);
        Duration pausedTime = paused.isEmpty() ? Duration.ZERO
                : counted(start, due, measure, PauseSet.NONE, quiet).minus(counted(start, due, measure, paused, quiet));
        if (trace.explain && !pausedTime.isZero()) {
            trace.step("pauses stopped " + pausedTime + " of counted time (行政许可法第四十五条 等): due moved by exactly that");
        }
        if (trace.explain && !trace.provisionalDates.isEmpty()) {
            trace.step("provisional: depends on " + trace.provisionalDates.first() + ".." + trace.provisionalDates.last()
                    + ", in a year without a published calendar (weekends only); recompute when the notice is loaded");
        }
        if (trace.explain) {
            trace.step("due " + text(due));
        }
        return new DueResult(due, calendar.zone(), limit, accepted, start, measure, pausedTime, rolled, applied, late,
                trace.provisionalDates, trace.steps);
    }

    /** The case clock at an instant: counted time used and remaining in the limit's measure (pauses excluded). */
    public ClockReading read(DueRequest request, Instant at) {
        DueResult due = due(request);
        PauseSet paused = PauseSet.of(request.pauses());
        Trace trace = new Trace(calendar, false);
        Duration used = counted(due.countingStart(), at, due.measure(), paused, trace);
        // before counting starts (still on the 受理 day) nothing is used and the whole limit remains (rule 1)
        Instant from = at.isBefore(due.countingStart()) ? due.countingStart() : at;
        Duration remaining = at.isBefore(due.due())
                ? counted(from, due.due(), due.measure(), paused, trace)
                : counted(due.due(), at, due.measure(), paused, trace).negated();
        return new ClockReading(at, due, used, remaining, due.provisional() || !trace.provisionalDates.isEmpty());
    }

    /**
     * Working-day counted time between two instants, pauses excluded: each working day contributes the part of
     * its 24 h that lies in [from, to). Negative when {@code to} is before {@code from}.
     */
    public Duration countedBetween(Instant from, Instant to, List<Pause> pauses) {
        return countedBetween(from, to, LimitUnit.WORKING_DAYS, pauses);
    }

    /**
     * Counted time between two instants in a measure: working days only for {@code WORKING_DAYS} and
     * {@code IMMEDIATE}, every day for {@code NATURAL_DAYS}; pauses excluded. Negative when {@code to} is
     * before {@code from}.
     */
    public Duration countedBetween(Instant from, Instant to, LimitUnit measure, List<Pause> pauses) {
        LimitUnit m = measureOf(measure);
        PauseSet paused = PauseSet.of(pauses == null ? List.of() : pauses);
        Trace trace = new Trace(calendar, false);
        return to.isBefore(from) ? counted(to, from, m, paused, trace).negated() : counted(from, to, m, paused, trace);
    }

    /**
     * The instant at which {@code amount} of counted time has accrued after {@code from} (pauses excluded):
     * a step's budget expiring, or the 红牌 "3 WD after the 黄牌". No Art. 203 roll-forward is applied.
     */
    public Instant plusCounted(Instant from, Duration amount, LimitUnit measure, List<Pause> pauses) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("counted time to add is negative: " + amount);
        }
        return accrue(from, amount, measureOf(measure), PauseSet.of(pauses == null ? List.of() : pauses), new Trace(calendar, false));
    }

    private static LimitUnit measureOf(LimitUnit unit) {
        return unit == LimitUnit.NATURAL_DAYS ? LimitUnit.NATURAL_DAYS : LimitUnit.WORKING_DAYS;
    }

    /**
     * 即办: IMMEDIATE, and 0 WD (rule 2 has no 0-th working day; source systems show a 0-day promise as 即办件).
     * 0 ND needs no special case: rule 3 read with N = 0 is rule 4 word for word.
     */
    private static boolean isImmediate(Limit limit) {
        return limit.unit == LimitUnit.IMMEDIATE || (limit.unit == LimitUnit.WORKING_DAYS && limit.value == 0);
    }

    /** The first instant ≥ start at which {@code budget} of counted time has accrued. */
    private Instant accrue(Instant start, Duration budget, LimitUnit measure, PauseSet paused, Trace trace) {
        return Instant.ofEpochMilli(accrue(start.toEpochMilli(), budget.toMillis(), measure, paused, trace, start));
    }

    /**
     * The day walk of {@link #accrue(Instant, Duration, LimitUnit, PauseSet, Trace)} on epoch milliseconds and
     * epoch days (the engine's hot loop: no objects per day).
     */
    private long accrue(long start, long budget, LimitUnit measure, PauseSet paused, Trace trace, Instant startForErrors) {
        long left = budget;
        long t = start;
        long horizon = calendar.dateOf(startForErrors).plusYears(HORIZON_YEARS).toEpochDay();
        while (left != 0) {
            long pauseEnd = paused.endOfPauseAt(t);
            if (pauseEnd != PauseSet.NO_INSTANT) {
                t = pauseEnd; // a stopped clock: days wholly inside a pause are not even looked at
                continue;
            }
            long day = calendar.epochDayOf(t);
            if (day > horizon) {
                throw new IllegalArgumentException("no due instant within " + HORIZON_YEARS + " years of " + text(startForErrors)
                        + "; check the limit, the pauses and the calendar");
            }
            long dayEnd = calendar.startOfDay(day + 1);
            if (!counts(day, measure, trace)) {
                t = dayEnd;
                continue;
            }
            long nextPause = paused.nextStartAfter(t);
            long segmentEnd = nextPause != PauseSet.NO_INSTANT && nextPause < dayEnd ? nextPause : dayEnd;
            long segment = segmentEnd - t;
            if (segment >= left) {
                return t + left;
            }
            left -= segment;
            t = segmentEnd;
        }
        return t;
    }

    /** Counted time in [from, to), pauses excluded; zero when to ≤ from. */
    private Duration counted(Instant from, Instant to, LimitUnit measure, PauseSet paused, Trace trace) {
        return Duration.ofMillis(counted(from.toEpochMilli(), to.toEpochMilli(), measure, paused, trace));
    }

    private long counted(long from, long to, LimitUnit measure, PauseSet paused, Trace trace) {
        long sum = 0;
        long t = from;
        while (t < to) {
            long pauseEnd = paused.endOfPauseAt(t);
            if (pauseEnd != PauseSet.NO_INSTANT) {
                t = pauseEnd;
                continue;
            }
            long day = calendar.epochDayOf(t);
            long dayEnd = calendar.startOfDay(day + 1);
            long end = Math.min(dayEnd, to);
            if (!counts(day, measure, trace)) {
                t = end;
                continue;
            }
            long nextPause = paused.nextStartAfter(t);
            if (nextPause != PauseSet.NO_INSTANT && nextPause < end) {
                end = nextPause;
            }
            sum += end - t;
            t = end;
        }
        return sum;
    }

    private static boolean counts(long epochDay, LimitUnit measure, Trace trace) {
        return measure == LimitUnit.NATURAL_DAYS || trace.isWorkingDay(epochDay);
    }

    /**
     * End of a natural-day period whose last counted moment is just before {@code raw}. 民法典第二百零三条:
     * when the last day is a 法定休假日 the period ends on the next working day (¶1), and the last day ends at
     * 24:00 (¶2). Without pauses {@code raw} is always a midnight and only ¶1 can move it (rule 3). With pauses
     * it may fall mid-day: the day it falls on still ends at 24:00. Keeping such a mid-day instant instead would
     * let a longer pause or a longer limit give an earlier due instant (a count ending at 12:00 on Sunday rolls
     * to 24:00 Monday, one ending at 12:00 on Monday would stay there); see docs/deadline-counting.md.
     */
    private Instant endOfNaturalPeriod(Instant raw, Trace trace) {
        LocalDate lastDay = calendar.dateOf(raw.minusNanos(1));
        if (trace.isWorkingDay(lastDay)) {
            Instant end = calendar.startOf(lastDay.plusDays(1));
            if (!end.equals(raw)) {
                if (trace.explain) {
                    trace.step("last counted moment " + text(raw) + ": its day " + lastDay + " ends at 24:00 (民法典第二百零三条第二款)");
                }
            }
            return end;
        }
        LocalDate next = trace.nextWorkingDay(lastDay);
        if (trace.explain) {
            trace.step("last counted day " + lastDay + " is " + calendar.describe(lastDay).label()
                    + ": period ends 24:00 of next working day " + next + " (民法典第二百零三条)");
        }
        return calendar.startOf(next.plusDays(1));
    }

    private Instant round(Instant due, Rounding rounding, Trace trace) {
        if (rounding != Rounding.WHOLE_DAY) {
            return due;
        }
        LocalDate day = calendar.dateOf(due);
        if (calendar.startOf(day).equals(due)) {
            return due;
        }
        Instant rounded = calendar.startOf(day.plusDays(1));
        if (trace.explain) {
            trace.step("whole-day rounding: " + text(due) + " → " + text(rounded));
        }
        return rounded;
    }

    private String text(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(calendar.zone()).toOffsetDateTime());
    }

    /** Consults the calendar and remembers which consulted dates were provisional; collects explanation steps. */
    private static final class Trace {
        private final WorkCalendar calendar;
        final SortedSet<LocalDate> provisionalDates = new TreeSet<>();
        final List<String> steps = new ArrayList<>();

        /** Whether to collect the explanation steps; the provisional dates are always collected. */
        final boolean explain;

        Trace(WorkCalendar calendar, boolean explain) {
            this.calendar = calendar;
            this.explain = explain;
        }

        boolean isWorkingDay(LocalDate date) {
            return isWorkingDay(date.toEpochDay());
        }

        boolean isWorkingDay(long epochDay) {
            if (calendar.isProvisional(epochDay)) {
                provisionalDates.add(LocalDate.ofEpochDay(epochDay));
            }
            return calendar.isWorkingDay(epochDay);
        }

        LocalDate nextWorkingDay(LocalDate date) {
            LocalDate d = date.plusDays(1);
            for (int i = 0; i < 366; i++, d = d.plusDays(1)) {
                if (isWorkingDay(d)) {
                    return d;
                }
            }
            throw new IllegalStateException("calendar " + calendar.id() + " has no working day within a year after " + date);
        }

        void step(String s) {
            steps.add(s);
        }
    }
}
