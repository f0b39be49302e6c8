package cn.xiaoneng.app.bench;

import cn.xiaoneng.deadline.calendar.CenterCalendars;
import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.ingestion.simulator.Department;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.EventIds;
import cn.xiaoneng.model.EventType;
import cn.xiaoneng.model.Limit;
import cn.xiaoneng.model.Times;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The open cases of the deadline benchmark. Case {@code i} is a pure function of the seed and {@code i}, so the
 * source's readers generate their share without coordination and a run can be repeated exactly.
 *
 * <p>Like the simulator's hall ({@link Department#builtIn()}): the department is drawn by its cases per day, the item
 * by its weight, window and staff uniformly; the item gives the kind and the limits (5WD, 15WD, 2WD, 10WD, 7WD, 20WD,
 * 20ND, IMMEDIATE); a 联办件 names 自然资源 and 消防 as co-handling departments. Each case is accepted during office
 * hours (09:00–12:00, 13:30–17:30) of one of the {@link #WINDOW_WORKING_DAYS} working days before {@link #NOW} on the
 * center's calendar, and its first step (承办, or 办理 for a 即办件) starts 5–60 minutes later and stays open.
 *
 * <p>Every even case completes during the timers phase, at 20 %–130 % of its limit in calendar time after its step
 * started (so some complete late, after their 黄牌), and at the latest an hour before the sweep ends.
 */
public final class BenchCases implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String CENTER = "hn-cs-zwzx";
    /** The benchmark's "now" in business time: the cases were accepted in the working days before it. */
    public static final Instant NOW = ZonedDateTime.of(2026, 11, 2, 0, 0, 0, 0, Times.CHINA).toInstant();
    public static final int WINDOW_WORKING_DAYS = 20;
    /** How far past {@link #NOW} the timers phase sweeps the clock: past the 红牌 of the last 20WD case accepted. */
    public static final Duration SWEEP_AFTER_NOW = Duration.ofDays(35);
    private static final String[] JOINT_WITH = {"zrzy", "xf"};
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final long MINUTE = 60_000L;
    private static final long DAY_MILLIS = 86_400_000L;

    /** A generated case: what its events say. {@code completedAt} is {@link Long#MIN_VALUE} for a case that stays open. */
    public record BenchCase(long index, String caseId, Department department, Department.Item item, String windowId, String acceptedBy,
                            String[] departmentIds, long acceptedAt, String stepName, String stepHandler, long stepStartedAt,
                            long completedAt) {
        public boolean completes() {
            return completedAt != Long.MIN_VALUE;
        }
    }

    private final long seed;
    /** 00:00 of each working day of the acceptance window, oldest first. */
    private final long[] days;
    private final long sweepEnd;
    private transient List<Department> departments;

    public BenchCases(long seed) {
        this.seed = seed;
        WorkCalendar calendar = CenterCalendars.forCenter(CENTER);
        List<LocalDate> window = new ArrayList<>();
        LocalDate d = calendar.dateOf(NOW).minusDays(1);
        while (window.size() < WINDOW_WORKING_DAYS) {
            if (calendar.isWorkingDay(d)) {
                window.add(0, d);
            }
            d = d.minusDays(1);
        }
        this.days = window.stream().mapToLong(day -> calendar.startOf(day).toEpochMilli()).toArray();
        this.sweepEnd = NOW.plus(SWEEP_AFTER_NOW).toEpochMilli();
    }

    /** 00:00 of the first working day of the window: before it no case exists, so no card can be due. */
    public long windowStart() {
        return days[0];
    }

    /** Where the timers phase stops the clock. */
    public long sweepEnd() {
        return sweepEnd;
    }

    public List<LocalDate> windowDays() {
        return java.util.Arrays.stream(days).mapToObj(ms -> Instant.ofEpochMilli(ms).atZone(Times.CHINA).toLocalDate()).toList();
    }

    public BenchCase caseAt(long index) {
        SplittableRandom r = new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L));
        Department dept = pickDepartment(r);
        Department.Item item = pickItem(dept, r);
        String window = dept.windows().get(r.nextInt(dept.windows().size()));
        String acceptedBy = dept.staff().get(r.nextInt(dept.staff().size()));
        String stepHandler = dept.staff().get(r.nextInt(dept.staff().size()));
        long day = days[r.nextInt(days.length)];
        int minute = r.nextInt(420); // 3 h in the morning, 4 h in the afternoon
        long acceptedAt = day + (minute < 180 ? 9 * 60 + minute : 13 * 60 + 30 + minute - 180) * MINUTE + r.nextInt(60) * 1000L;
        long stepStartedAt = acceptedAt + (5 + r.nextInt(56)) * MINUTE;
        long completedAt = Long.MIN_VALUE;
        double share = 0.2 + 1.1 * r.nextDouble();
        if (index % 2 == 0) {
            completedAt = Math.min(stepStartedAt + Math.max(MINUTE, (long) (share * nominalMillis(item.committed()))), sweepEnd - 60 * MINUTE);
        }
        String caseId = dept.casePrefix() + DAY.format(Instant.ofEpochMilli(acceptedAt).atZone(Times.CHINA)) + String.format("%07d", index);
        String[] departmentIds = item.kind() == CaseKind.JOINT ? new String[] {dept.departmentId(), JOINT_WITH[0], JOINT_WITH[1]} : null;
        String stepName = item.kind() == CaseKind.IMMEDIATE ? "办理" : "承办";
        return new BenchCase(index, caseId, dept, item, window, acceptedBy, departmentIds, acceptedAt, stepName, stepHandler, stepStartedAt,
                completedAt);
    }

    /** A limit in calendar time, roughly: a working week is seven days; a 即办件 gets six hours. */
    static long nominalMillis(Limit limit) {
        return switch (limit.unit) {
            case WORKING_DAYS -> limit.value * DAY_MILLIS * 7 / 5;
            case NATURAL_DAYS -> limit.value * DAY_MILLIS;
            case IMMEDIATE -> 6 * 60 * MINUTE;
        };
    }

    public CaseEvent accepted(BenchCase c) {
        CaseEvent e = base(c, EventType.ACCEPTED, 0, c.acceptedAt(), c.acceptedAt() + 2_000);
        e.departmentIds = c.departmentIds();
        e.windowId = c.windowId();
        e.itemCode = c.item().code();
        e.itemName = c.item().name();
        e.caseKind = c.item().kind();
        e.handler = c.acceptedBy();
        e.committedLimit = c.item().committed();
        e.legalLimit = c.item().legal();
        return e;
    }

    public CaseEvent stepStarted(BenchCase c) {
        CaseEvent e = base(c, EventType.STEP_STARTED, 1, c.stepStartedAt(), c.stepStartedAt() + 2_000);
        e.stepId = c.caseId() + "-1";
        e.stepName = c.stepName();
        e.handler = c.stepHandler();
        return e;
    }

    /** The case's completion, committed two seconds after it happened (live). */
    public CaseEvent completed(BenchCase c) {
        if (!c.completes()) {
            throw new IllegalArgumentException(c.caseId() + " stays open");
        }
        CaseEvent e = base(c, EventType.COMPLETED, 2, c.completedAt(), c.completedAt() + 2_000);
        e.windowId = c.windowId();
        e.itemCode = c.item().code();
        e.itemName = c.item().name();
        e.caseKind = c.item().kind();
        e.handler = c.stepHandler();
        e.result = "APPROVED";
        return e;
    }

    private static CaseEvent base(BenchCase c, EventType type, int n, long businessTime, long commitTime) {
        CaseEvent e = new CaseEvent();
        String source = c.department().sourceId();
        e.eventId = EventIds.of(source, "bench", c.caseId(), "bench", n);
        e.caseId = c.caseId();
        e.centerId = CENTER;
        e.departmentId = c.department().departmentId();
        e.eventType = type;
        e.businessTime = businessTime;
        e.sourceCommitTime = commitTime;
        e.sourceId = source;
        e.sourceTable = "bench";
        e.sourcePosition = "bench:" + c.index() + ":" + n;
        return e;
    }

    private Department pickDepartment(SplittableRandom r) {
        List<Department> all = departments();
        double total = all.stream().mapToDouble(Department::casesPerDay).sum();
        double x = r.nextDouble() * total;
        for (Department d : all) {
            x -= d.casesPerDay();
            if (x < 0) {
                return d;
            }
        }
        return all.get(all.size() - 1);
    }

    private static Department.Item pickItem(Department dept, SplittableRandom r) {
        double total = dept.items().stream().mapToDouble(Department.Item::weight).sum();
        double x = r.nextDouble() * total;
        for (Department.Item i : dept.items()) {
            x -= i.weight();
            if (x < 0) {
                return i;
            }
        }
        return dept.items().get(dept.items().size() - 1);
    }

    private List<Department> departments() {
        if (departments == null) {
            departments = Department.builtIn();
        }
        return departments;
    }

    /** The share of each limit among cases drawn this way, e.g. {@code 5WD -> 0.19}: what the printed mix is based on. */
    public static java.util.Map<String, Double> expectedLimitMix() {
        java.util.Map<String, Double> mix = new java.util.TreeMap<>();
        List<Department> all = Department.builtIn();
        double perDay = all.stream().mapToDouble(Department::casesPerDay).sum();
        for (Department d : all) {
            double weights = d.items().stream().mapToDouble(Department.Item::weight).sum();
            for (Department.Item i : d.items()) {
                mix.merge(i.committed().toString(), d.casesPerDay() / perDay * i.weight() / weights, Double::sum);
            }
        }
        return mix;
    }
}
