package cn.xiaoneng.incident.plan;

import cn.xiaoneng.deadline.calendar.WorkCalendar;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * When the hall is open: the sessions of a day (09:00–12:00 and 13:30–17:30 by default, as the simulator's
 * {@code OfficeHours.standard}) on the working days of the center's {@link WorkCalendar} — so 法定节假日 are closed
 * and 调休 Saturdays open. Detection only runs while the hall is open, and {@link Counting#OFFICE_HOURS} budgets only
 * count open time.
 *
 * <p>Sessions are half-open {@code [from, to)}. Immutable and serializable; instants are epoch milliseconds.
 */
public final class OfficeHours implements Serializable {
    private static final long serialVersionUID = 1L;
    /** No calendar closes a center for more than a year; beyond this the data is wrong. */
    private static final int MAX_CLOSED_DAYS = 400;

    /** One opening session of a day, {@code [from, to)}. */
    public record Session(LocalTime from, LocalTime to) implements Serializable {
        public Session {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("session " + from + "-" + to + " does not end after it starts");
            }
        }

        @Override
        public String toString() {
            return from + "-" + to;
        }
    }

    /** 09:00–12:00 and 13:30–17:30. */
    public static final List<Session> STANDARD = List.of(new Session(LocalTime.of(9, 0), LocalTime.of(12, 0)),
            new Session(LocalTime.of(13, 30), LocalTime.of(17, 30)));

    private final WorkCalendar calendar;
    private final List<Session> sessions;

    public OfficeHours(WorkCalendar calendar, List<Session> sessions) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.sessions = List.copyOf(checkSessions(sessions));
    }

    /** The standard sessions on a calendar. */
    public static OfficeHours standard(WorkCalendar calendar) {
        return new OfficeHours(calendar, STANDARD);
    }

    /** Parses {@code 09:00-12:00, 13:30-17:30}: ascending, non-overlapping sessions within one day. */
    public static List<Session> parseSessions(String text) {
        List<Session> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            int dash = p.indexOf('-');
            if (dash < 0) {
                throw new IllegalArgumentException("'" + p + "' is not a session like 09:00-12:00");
            }
            try {
                out.add(new Session(LocalTime.parse(p.substring(0, dash).strip()), LocalTime.parse(p.substring(dash + 1).strip())));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("'" + p + "' is not a session like 09:00-12:00");
            }
        }
        return checkSessions(out);
    }

    private static List<Session> checkSessions(List<Session> sessions) {
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("no sessions: a hall that never opens detects nothing");
        }
        for (int i = 1; i < sessions.size(); i++) {
            if (sessions.get(i).from().isBefore(sessions.get(i - 1).to())) {
                throw new IllegalArgumentException("sessions " + sessions.get(i - 1) + " and " + sessions.get(i)
                        + " overlap or are not in order");
            }
        }
        return sessions;
    }

    public WorkCalendar calendar() {
        return calendar;
    }

    public List<Session> sessions() {
        return sessions;
    }

    /** Whether the hall is open at {@code t}. */
    public boolean isOpen(long t) {
        ZonedDateTime z = zoned(t);
        if (!calendar.isWorkingDay(z.toLocalDate())) {
            return false;
        }
        LocalTime lt = z.toLocalTime();
        for (Session s : sessions) {
            if (!lt.isBefore(s.from()) && lt.isBefore(s.to())) {
                return true;
            }
        }
        return false;
    }

    /** The first open instant at or after {@code t}. */
    public long nextOpen(long t) {
        ZonedDateTime z = zoned(t);
        LocalDate d = z.toLocalDate();
        LocalTime lt = z.toLocalTime();
        for (int i = 0; i < MAX_CLOSED_DAYS; i++) {
            if (calendar.isWorkingDay(d)) {
                for (Session s : sessions) {
                    if (lt.isBefore(s.to())) {
                        return lt.isBefore(s.from()) ? at(d, s.from()) : at(d, lt);
                    }
                }
            }
            d = d.plusDays(1);
            lt = LocalTime.MIDNIGHT;
        }
        throw new IllegalStateException("the hall does not open within " + MAX_CLOSED_DAYS + " days after " + z);
    }

    /**
     * {@code t} moved forward by {@code millis} of open time: the first instant by which that much open time has
     * passed since {@code t}. With 0 it is {@link #nextOpen}. A budget that runs out exactly at a session's end
     * ends there (17:30), not at the next opening.
     */
    public long plus(long t, long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("negative duration " + millis + " ms");
        }
        long cur = nextOpen(t);
        long remaining = millis;
        for (int guard = 0; guard < MAX_CLOSED_DAYS * (sessions.size() + 1) * 4; guard++) {
            long end = sessionEnd(cur);
            long left = end - cur;
            if (remaining <= left) {
                return cur + remaining;
            }
            remaining -= left;
            cur = nextOpen(end);
        }
        throw new IllegalStateException("open time of " + millis + " ms after " + t + " is too far away");
    }

    /** Open time in {@code [from, to)}, in milliseconds. */
    public long openBetween(long from, long to) {
        long total = 0;
        long cur = from;
        while (cur < to) {
            long open = nextOpen(cur);
            if (open >= to) {
                break;
            }
            long end = Math.min(sessionEnd(open), to);
            total += end - open;
            cur = end;
        }
        return total;
    }

    /** The end of the session that contains the open instant {@code t}. */
    private long sessionEnd(long t) {
        ZonedDateTime z = zoned(t);
        LocalTime lt = z.toLocalTime();
        for (Session s : sessions) {
            if (!lt.isBefore(s.from()) && lt.isBefore(s.to())) {
                return at(z.toLocalDate(), s.to());
            }
        }
        throw new IllegalStateException(z + " is not in a session");
    }

    private ZonedDateTime zoned(long t) {
        return java.time.Instant.ofEpochMilli(t).atZone(calendar.zone());
    }

    private long at(LocalDate d, LocalTime t) {
        return d.atTime(t).atZone(calendar.zone()).toInstant().toEpochMilli();
    }

    @Override
    public String toString() {
        return "OfficeHours" + sessions + " on " + calendar.id();
    }
}
