package cn.xiaoneng.deadline.engine;

import cn.xiaoneng.deadline.DeadlineCalculator;
import cn.xiaoneng.deadline.DefaultLimits;
import cn.xiaoneng.deadline.DueRequest;
import cn.xiaoneng.deadline.DueResult;
import cn.xiaoneng.deadline.Extension;
import cn.xiaoneng.deadline.Pause;
import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.EventType;
import cn.xiaoneng.model.Limit;
import cn.xiaoneng.model.LimitUnit;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A case's clock on its center's calendar under its policy: the limit and where it came from, the due instant,
 * counted time, step rows, holders and the outcome. Shared by {@link CardSchedule} and {@link TrackingTable}.
 *
 * <p><b>A pause that has not ended.</b> "If nothing more happens" the clock stays stopped for ever. The
 * calculator needs an end, so such a pause is given one {@link #UNREACHABLE_AFTER} after it started. Anything
 * that needs counted time after the pause start then lands at or beyond that end, and is dropped as unreachable;
 * anything the count reached before the pause (a threshold already passed, a natural-day end rolled over a
 * holiday) is unaffected. A year is enough: only the 民法典 Art. 203 roll-forward can put a reachable instant
 * after the pause start, and no rest period lasts a year.
 */
final class CaseEvaluation {
    static final Duration UNREACHABLE_AFTER = Duration.ofDays(366);
    private static final long DAY_MS = 86_400_000L;

    final CaseView view;
    final DeadlinePolicy policy;
    final WorkCalendar calendar;
    private final DeadlineCalculator calc;

    // The clock; all null when no 受理 has been reported.
    final Instant accepted;
    final Limit limit;
    final LimitBasis basis;
    final List<Pause> pauses;
    /** Start of the earliest pause with no end, or null. */
    final Instant stoppedSince;
    /** Instants at or after this cannot be reached while the pause lasts; null when no pause is open. */
    final Instant unreachableFrom;
    final DueResult due;
    final boolean dueKnown;
    final LimitUnit measure;
    final Instant countingStart;
    /** The counted budget: the limit plus in-time extensions, in {@link #measure} (shares and ratios use it). */
    final long budgetMillis;

    CaseEvaluation(CaseView view, DeadlinePolicy policy, WorkCalendar calendar) {
        this.view = view;
        this.policy = policy;
        this.calendar = calendar;
        this.calc = new DeadlineCalculator(calendar);
        if (!view.hasClock()) {
            accepted = null;
            limit = null;
            basis = null;
            pauses = List.of();
            stoppedSince = null;
            unreachableFrom = null;
            due = null;
            dueKnown = false;
            measure = null;
            countingStart = null;
            budgetMillis = 0;
            return;
        }
        accepted = Instant.ofEpochMilli(view.accepted.businessTime());
        LimitBasis b;
        Limit l;
        if (policy.itemLimit(view.itemCode) != null) {
            b = LimitBasis.ITEM_POLICY;
            l = policy.itemLimit(view.itemCode);
        } else if (view.caseKind == CaseKind.URGENT && policy.urgentLimit() != null) {
            b = LimitBasis.URGENT_POLICY;
            l = policy.urgentLimit();
        } else if (view.committedLimit != null) {
            b = LimitBasis.COMMITTED;
            l = view.committedLimit;
        } else if (view.legalLimit != null) {
            b = LimitBasis.LEGAL;
            l = view.legalLimit;
        } else if (view.caseKind == CaseKind.IMMEDIATE) {
            b = LimitBasis.IMMEDIATE_KIND;
            l = Limit.immediate();
        } else {
            b = LimitBasis.DEFAULT; // 6.5.4: 20 WD for one department, 45 WD for more
            l = DefaultLimits.forDepartments(Math.max(1, view.departments.size()));
        }
        basis = b;
        limit = l;

        List<Pause> ps = new ArrayList<>();
        Instant stopped = null;
        for (CaseView.PauseSpan p : view.pauses) {
            Instant from = Instant.ofEpochMilli(p.from());
            Instant to;
            if (p.to() == null) {
                to = from.plus(UNREACHABLE_AFTER);
                stopped = stopped == null || from.isBefore(stopped) ? from : stopped;
            } else {
                to = Instant.ofEpochMilli(p.to());
            }
            ps.add(new Pause(from, to, p.reason()));
        }
        pauses = List.copyOf(ps);
        stoppedSince = stopped;
        unreachableFrom = stopped == null ? null : stopped.plus(UNREACHABLE_AFTER);

        List<Extension> extensions = new ArrayList<>();
        for (CaseFact f : view.extensions) {
            extensions.add(extension(f, view.joint()));
        }
        due = calc.due(DueRequest.of(accepted, limit).withPauses(pauses).withExtensions(extensions).withRounding(policy.rounding()), false);
        dueKnown = reachable(due.due());
        measure = due.measure();
        countingStart = due.countingStart();

        long base;
        if (limit.unit == LimitUnit.IMMEDIATE || (limit.unit == LimitUnit.WORKING_DAYS && limit.value == 0)) {
            // 即办: the budget is what is left of the 受理 day (or of the next working day), without pauses
            base = calc.countedBetween(accepted, calc.due(DueRequest.of(accepted, limit), false).due(), LimitUnit.WORKING_DAYS, List.of()).toMillis();
        } else {
            base = limit.value * DAY_MS;
        }
        for (Extension e : due.appliedExtensions()) {
            base += e.extra().value * DAY_MS;
        }
        budgetMillis = base;
    }

    /**
     * EXTENSION_APPROVED: the extension is the limit text in {@code result} ({@code 10WD}); without one,
     * 行政许可法 Art. 42: +10 WD for one department, +15 WD for 联合办理.
     */
    private static Extension extension(CaseFact f, boolean joint) {
        Instant at = Instant.ofEpochMilli(f.businessTime());
        if (f.result() != null) {
            try {
                Limit extra = Limit.parse(f.result());
                if (extra.unit != LimitUnit.IMMEDIATE) {
                    return Extension.of(at, extra, f.reason() != null ? f.reason() : "EXTENSION_APPROVED " + extra);
                }
            } catch (IllegalArgumentException ignored) {
                // not a limit text: the statutory size applies
            }
        }
        return joint ? Extension.joint(at) : Extension.singleDepartment(at);
    }

    boolean hasClock() {
        return accepted != null;
    }

    boolean reachable(Instant t) {
        return unreachableFrom == null || t.isBefore(unreachableFrom);
    }

    /** Whether the case is open at {@code t}: not closed at or before it. A case closed exactly at t is closed. */
    boolean openAt(long t) {
        return view.closing == null || view.closing.businessTime() > t;
    }

    Long closedAt() {
        return view.closing == null ? null : view.closing.businessTime();
    }

    long counted(Instant from, Instant to, LimitUnit m) {
        return calc.countedBetween(from, to, m, pauses).toMillis();
    }

    Instant plus(Instant from, long millis, LimitUnit m) {
        return calc.plusCounted(from, Duration.ofMillis(millis), m, pauses);
    }

    Amount.Counted resolve(Amount a) {
        return a.resolve(measure, budgetMillis);
    }

    /** Counted time in the due measure between {@code t} and the due instant; negative once overdue. */
    long remainingAt(long t) {
        Instant at = Instant.ofEpochMilli(t);
        if (at.isBefore(due.due())) {
            return counted(at.isBefore(countingStart) ? countingStart : at, due.due(), measure);
        }
        return -counted(due.due(), at, measure);
    }

    /** Counted time a step used up to {@code at}, in {@code m}: from its start (not before counting starts) to its end. */
    long used(CaseView.StepSpan s, long at, LimitUnit m) {
        long from = Math.max(s.started, countingStart.toEpochMilli());
        long to = Math.min(s.ended == null ? at : s.ended, at);
        return to <= from ? 0 : counted(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), m);
    }

    /** The 跟踪表 row of a step as of {@code asOf}. */
    StepRow row(CaseView.StepSpan s, long asOf) {
        StepRow r = new StepRow();
        r.key = s.key;
        r.stepId = s.stepId;
        r.stepName = s.stepName;
        r.departmentId = s.departmentId;
        r.windowId = view.windowFor(s.departmentId);
        r.handler = s.handler;
        r.started = s.started;
        r.startInferred = s.startInferred;
        r.ended = s.ended;
        r.result = s.result;
        if (!hasClock()) {
            return r;
        }
        Amount budget = policy.stepBudget(s.stepName);
        LimitUnit m = measure;
        if (budget != null) {
            Amount.Counted c = resolve(budget);
            m = c.measure();
            r.budget = budget.toString();
            r.budgetMillis = c.millis();
        }
        r.measure = m;
        r.usedMillis = used(s, asOf, m);
        r.overBudgetMillis = r.budgetMillis == null ? 0 : Math.max(0, r.usedMillis - r.budgetMillis);
        return r;
    }

    /**
     * The 跟踪表 row of a clock stop as of {@code asOf}: what stopped the clock, why and who, and the counted time it held
     * back — what the case's clock would have counted over it (not before counting starts, up to its end or
     * {@code asOf}), other stops disregarded.
     */
    PauseRow pauseRow(CaseView.PauseSpan p, long asOf) {
        PauseRow r = new PauseRow();
        r.kind = p.kind();
        r.stepId = p.stepId();
        r.from = p.from();
        r.to = p.to();
        r.reason = p.reason();
        r.handler = p.openedBy().handler();
        r.recordedAt = p.openedBy().sourceCommitTime();
        if (r.kind == PauseRow.Kind.DECLARED) {
            // Conventions.DECLARED_PAUSE_STEP_PREFIX: the step id names the incident, the reason the approver and when.
            r.incidentId = p.stepId().substring(Conventions.DECLARED_PAUSE_STEP_PREFIX.length());
            DeclaredPauseReason declared = DeclaredPauseReason.parse(p.openedBy().reason()).orElse(null);
            r.approver = declared != null ? declared.approver() : r.handler;
            r.approvedAt = declared != null ? declared.approvedAt() : null;
        }
        if (hasClock()) {
            r.measure = measure;
            long from = Math.max(p.from(), countingStart.toEpochMilli());
            long to = Math.min(p.to() == null ? asOf : p.to(), asOf);
            r.stoppedMillis = to <= from ? 0 : calc.countedBetween(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), measure, List.of()).toMillis();
        }
        return r;
    }

    /** Who held the case at {@code t}: the step in progress started last, else the department of record. */
    Holder holderAt(long t) {
        CaseView.StepSpan running = null;
        for (CaseView.StepSpan s : view.steps) {
            if (s.runningAt(t)) {
                running = s; // steps are in start order: the last one running started last
            }
        }
        if (running != null) {
            return stepHolder(running);
        }
        return new Holder(view.departmentOfRecord, view.windowId, lastHandler(null, t), null, null);
    }

    /** Who held a department's part at {@code t}: its step in progress started last, else the department itself. */
    Holder holderOf(String departmentId, long t) {
        CaseView.StepSpan running = null;
        for (CaseView.StepSpan s : view.steps) {
            if (departmentId.equals(s.departmentId) && s.runningAt(t)) {
                running = s;
            }
        }
        if (running != null) {
            return stepHolder(running);
        }
        return new Holder(departmentId, view.windowFor(departmentId), lastHandler(departmentId, t), null, null);
    }

    Holder stepHolder(CaseView.StepSpan s) {
        return new Holder(s.departmentId, view.windowFor(s.departmentId), s.handler, s.stepId, s.stepName);
    }

    private String lastHandler(String departmentId, long t) {
        String h = null;
        for (CaseFact f : view.handled) {
            if (f.businessTime() > t) {
                break;
            }
            if (departmentId == null || departmentId.equals(view.departmentOf(f))) {
                h = f.handler();
            }
        }
        return h;
    }

    /**
     * 责任追究 (6.6.7): the steps (of one department, or all) that used more counted time than their budgets up
     * to {@code t}, most over first; else the holder of record.
     */
    Attribution attribution(long t, String departmentId, Holder holderOfRecord) {
        List<AttributedStep> over = new ArrayList<>();
        for (CaseView.StepSpan s : view.steps) {
            if (s.started > t || (departmentId != null && !departmentId.equals(s.departmentId))) {
                continue;
            }
            Amount budget = policy.stepBudget(s.stepName);
            if (budget == null) {
                continue;
            }
            Amount.Counted c = resolve(budget);
            long used = used(s, t, c.measure());
            if (used > c.millis()) {
                over.add(new AttributedStep(row(s, t), used, c.millis()));
            }
        }
        if (over.isEmpty()) {
            return Attribution.holder(holderOfRecord);
        }
        over.sort((a, b) -> Long.compare(b.overMillis, a.overMillis));
        return Attribution.steps(over.toArray(AttributedStep[]::new));
    }

    /**
     * Whether an instant's count touches a year without a published calendar: any day from counting start to
     * the instant, and, when {@code withDue}, the dates the due instant depended on.
     */
    boolean provisional(long instant, boolean withDue) {
        if (withDue && dueKnown && due.provisional()) {
            return true;
        }
        Instant end = Instant.ofEpochMilli(instant).minusMillis(1);
        if (end.isBefore(countingStart)) {
            return false;
        }
        LocalDate first = calendar.dateOf(countingStart);
        LocalDate last = calendar.dateOf(end);
        for (int y = first.getYear(); y <= last.getYear(); y++) {
            if (calendar.isProvisional(LocalDate.of(y, 1, 1))) {
                return true;
            }
        }
        return false;
    }

    /** The outcome of a closed case; null while open. */
    CaseOutcome outcome() {
        CaseFact c = view.closing;
        if (c == null) {
            return null;
        }
        CaseOutcome o = new CaseOutcome();
        o.closedAt = c.businessTime();
        o.closingEvent = c.type();
        o.result = c.result();
        o.lateExtension = hasClock() && due.extensionRequestedTooLate();
        boolean applicantAbsent = Conventions.RESULT_APPLICANT_ABSENT.equals(c.result())
                && (c.type() == EventType.COMPLETED || c.type() == EventType.WITHDRAWN);
        if (c.type() == EventType.NOT_ACCEPTED) {
            o.kind = CaseOutcome.Kind.NOT_ACCEPTED;
        } else if (applicantAbsent) {
            // 限时办结制度 (DOMAIN.md §1.2): an applicant who fails to turn up when told → 按期办结
            o.kind = CaseOutcome.Kind.ON_TIME;
            o.applicantAbsent = true;
        } else if (c.type() == EventType.WITHDRAWN) {
            o.kind = CaseOutcome.Kind.WITHDRAWN;
        } else if (c.type() == EventType.RETURNED) {
            o.kind = CaseOutcome.Kind.RETURNED;
        } else if (!hasClock()) {
            o.kind = CaseOutcome.Kind.UNTIMED;
        } else if (!dueKnown || c.businessTime() <= due.due().toEpochMilli()) {
            o.kind = CaseOutcome.Kind.ON_TIME;
        } else {
            o.kind = CaseOutcome.Kind.OVERDUE;
            o.overdueMillis = counted(due.due(), Instant.ofEpochMilli(c.businessTime()), measure);
        }
        return o;
    }
}
