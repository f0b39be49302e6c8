package cn.xiaoneng.deadline.engine;

import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.model.LimitUnit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Every card a case raises if nothing more happens, each at its deterministic instant: a pure function of the
 * case's facts, its center's policy and its calendar. docs/deadline-engine.md lists the rules with worked
 * examples; in short:
 *
 * <ul>
 *   <li>No 受理 yet: no clock, no cards.</li>
 *   <li>预警 (6.6.7): when at most {@code warning.remaining} of counted time remains (only for limits longer than
 *       that), and when each {@code warning.ratios} share of the budget has elapsed.</li>
 *   <li>黄牌 at the due instant (6.6.7).</li>
 *   <li>红牌 {@code red.afterYellow} of counted time after the 黄牌 (湛江 督办期限).</li>
 *   <li>环节超时 when a step's budget runs out before it completes, on the case's clock (DOMAIN.md §2.3).</li>
 *   <li>超时默许 (6.5.4) at a 联办件 co-handling department's part deadline ({@code joint.partLimit} from counting
 *       start, never after the case's due instant) when its part is not finished: it has no step, or a step still
 *       open.</li>
 *   <li>缺席默认 (6.5.4) when the source reports the department absent ({@link Conventions#RESULT_ABSENT}).</li>
 * </ul>
 *
 * A card is in the schedule only if the case is still open at its instant (not closed at or before it). Pauses
 * stop every clock here: the case's, the steps', the part limits' and the 督办期限's.
 */
public final class CardSchedule {
    private final String caseId;
    private final String centerId;
    /** What builds each card's content; null when the case has no clock (and so no cards). */
    private final CaseEvaluation ev;
    /** Every card the case raises if nothing more happens, in instant order; content built on demand. */
    private final List<Slot> slots;
    private final CaseClock clock;
    private final Long closedAt;
    private final CaseOutcome outcome;
    /** {@link #cards()}, once asked for. */
    private List<Card> cards;
    private Map<String, Card> byId;

    /**
     * One scheduled card before its content is built. What identifies it (kind, qualifier, instant; the rule version
     * is the schedule's) is known at once; the holder, the counted time remaining, the attribution and the card id
     * (a SHA-256) are built only for a card being raised or retracted ({@link #cardOf}). On a timer only one or two of
     * a case's cards fire: building the others' content was most of the engine's time.
     */
    static final class Slot {
        final CardKind kind;
        final String qualifier;
        final long instant;
        /** The department a 超时默许 or 缺席默认 is about. */
        final String department;
        /** The step a 环节超时 is about. */
        final CaseView.StepSpan step;
        /** The fact reporting a 缺席默认. */
        final CaseFact absence;
        private Card card;

        Slot(CardKind kind, String qualifier, long instant, String department, CaseView.StepSpan step, CaseFact absence) {
            this.kind = kind;
            this.qualifier = qualifier;
            this.instant = instant;
            this.department = department;
            this.step = step;
            this.absence = absence;
        }

        boolean is(EmittedCard e, String ruleVersion) {
            return instant == e.instant() && kind == e.kind() && qualifier.equals(e.qualifier()) && ruleVersion.equals(e.ruleVersion());
        }
    }

    private CardSchedule(String caseId, String centerId, CaseEvaluation ev, List<Slot> slots, CaseClock clock, Long closedAt,
            CaseOutcome outcome) {
        this.caseId = caseId;
        this.centerId = centerId;
        this.ev = ev;
        List<Slot> sorted = new ArrayList<>(slots);
        sorted.sort(Comparator.comparingLong(x -> x.instant)); // stable: ties keep the order the rules were applied in
        this.slots = Collections.unmodifiableList(sorted);
        this.clock = clock;
        this.closedAt = closedAt;
        this.outcome = outcome;
    }

    /** The schedule of a case on its center's calendar. */
    public static CardSchedule compute(CaseFacts facts, DeadlinePolicy policy, Calendars calendars) {
        return compute(facts, policy, calendars.forCenter(facts.centerId()));
    }

    /** The schedule of a case on a given calendar. */
    public static CardSchedule compute(CaseFacts facts, DeadlinePolicy policy, WorkCalendar calendar) {
        CaseEvaluation ev = new CaseEvaluation(new CaseView(facts), policy, calendar);
        return of(ev);
    }

    static CardSchedule of(CaseEvaluation ev) {
        CaseView v = ev.view;
        if (!ev.hasClock()) {
            return new CardSchedule(v.caseId, v.centerId, ev, List.of(), null, ev.closedAt(), ev.outcome());
        }
        DeadlinePolicy policy = ev.policy;
        List<Slot> out = new ArrayList<>();
        Instant due = ev.due.due();

        // 预警: little counted time remains (DOMAIN.md §2.2: 1 working day before the promised deadline)
        Amount window = policy.warningRemaining();
        if (window != null) {
            Amount.Counted w = ev.resolve(window);
            long total = ev.counted(ev.countingStart, due, w.measure());
            if (total > w.millis()) {
                add(out, ev, CardKind.WARNING, "remaining<=" + window, ev.plus(ev.countingStart, total - w.millis(), w.measure()), null, null, null);
            }
        }
        // 预警: a share of the limit has elapsed (eshore's DEFAULT_YELLOW_ALERT ratios)
        for (var percent : policy.warningRatios()) {
            long amount = Amount.of(Amount.Unit.SHARE, percent).resolve(ev.measure, ev.budgetMillis).millis();
            if (amount > 0) {
                add(out, ev, CardKind.WARNING, "elapsed>=" + percent.toPlainString() + "%", ev.plus(ev.countingStart, amount, ev.measure), null, null, null);
            }
        }
        if (ev.dueKnown) {
            // 黄牌 at the due instant; 红牌 when still open the 督办期限 later (湛江, DOMAIN.md §2.2)
            add(out, ev, CardKind.YELLOW, "due", due, null, null, null);
            Amount.Counted red = ev.resolve(policy.redAfterYellow());
            add(out, ev, CardKind.RED, "due+" + policy.redAfterYellow(), ev.plus(due, red.millis(), red.measure()), null, null, null);
        }
        // 环节超时: a step over its budget, even while the case is on time (DOMAIN.md §2.3)
        for (CaseView.StepSpan s : v.steps) {
            Amount budget = policy.stepBudget(s.stepName);
            if (budget == null) {
                continue;
            }
            Amount.Counted c = ev.resolve(budget);
            Instant from = Instant.ofEpochMilli(Math.max(s.started, ev.countingStart.toEpochMilli()));
            Instant expiry = ev.plus(from, c.millis(), c.measure());
            if (s.ended == null || s.ended > expiry.toEpochMilli()) {
                add(out, ev, CardKind.STEP_OVERRUN, s.key, expiry, null, s, null);
            }
        }
        // 超时默许 (6.5.4): a co-handling department of a 联办件 that has not finished its part by its part deadline
        if (v.joint()) {
            for (String d : v.departments.subList(1, v.departments.size())) { // distinct, lead first
                Amount.Counted part = ev.resolve(policy.jointPartLimit(d));
                Instant deadline = ev.plus(ev.countingStart, part.millis(), part.measure());
                if (ev.dueKnown && due.isBefore(deadline)) {
                    deadline = due;
                }
                Long finished = partFinished(v, d);
                if (finished == null || finished > deadline.toEpochMilli()) {
                    add(out, ev, CardKind.DEEMED_CONSENT, d, deadline, d, null, null);
                }
            }
        }
        // 缺席默认 (6.5.4): the source reports the department stayed away; not before the clock exists
        for (CaseFact absent : v.absences) {
            String d = v.departmentOf(absent);
            long at = Math.max(absent.businessTime(), ev.accepted.toEpochMilli());
            add(out, ev, CardKind.ABSENCE_DEFAULT, d, Instant.ofEpochMilli(at), d, null, absent);
        }

        CaseClock clock = new CaseClock(ev.accepted.toEpochMilli(), ev.countingStart.toEpochMilli(),
                ev.dueKnown ? due.toEpochMilli() : null, ev.limit, ev.basis, ev.measure, ev.budgetMillis,
                ev.stoppedSince == null ? null : ev.stoppedSince.toEpochMilli(), ev.dueKnown && ev.due.provisional(),
                ev.due.extensionRequestedTooLate());
        return new CardSchedule(v.caseId, v.centerId, ev, out, clock, ev.closedAt(), ev.outcome());
    }

    /** When a department's part was finished: its absence, or the end of its last step once all are done. */
    private static Long partFinished(CaseView v, String departmentId) {
        Long stepsDone = null;
        boolean any = false;
        for (CaseView.StepSpan s : v.steps) {
            if (!departmentId.equals(s.departmentId)) {
                continue;
            }
            any = true;
            if (s.ended == null) {
                stepsDone = null;
                break;
            }
            stepsDone = stepsDone == null ? s.ended : Math.max(stepsDone, s.ended);
        }
        if (!any) {
            stepsDone = null;
        }
        for (CaseFact a : v.absences) {
            if (departmentId.equals(v.departmentOf(a))) {
                return stepsDone == null ? a.businessTime() : Math.min(stepsDone, a.businessTime());
            }
        }
        return stepsDone;
    }

    /** Schedules the card if its instant can be reached and the case is open then. */
    private static void add(List<Slot> out, CaseEvaluation ev, CardKind kind, String qualifier, Instant instant, String department,
            CaseView.StepSpan step, CaseFact absence) {
        long t = instant.toEpochMilli();
        if (ev.reachable(instant) && ev.openAt(t)) {
            out.add(new Slot(kind, qualifier, t, department, step, absence));
        }
    }

    /** The card's full content (built once): who held the case, time remaining, attribution, clause, id. */
    Card cardOf(Slot slot) {
        if (slot.card != null) {
            return slot.card;
        }
        CaseView v = ev.view;
        long t = slot.instant;
        CardKind kind = slot.kind;
        Card c = new Card();
        c.status = CardStatus.RAISED;
        c.kind = kind;
        c.qualifier = slot.qualifier;
        c.instant = t;
        c.caseId = v.caseId;
        c.centerId = v.centerId;
        c.itemCode = v.itemCode;
        c.itemName = v.itemName;
        c.caseKind = v.caseKind;
        if (slot.step != null) {
            c.holder = ev.stepHolder(slot.step);
        } else if (slot.absence != null) {
            CaseFact a = slot.absence;
            c.holder = new Holder(slot.department, v.windowFor(slot.department), a.handler(), a.stepId(), a.stepName());
        } else {
            c.holder = slot.department == null ? ev.holderAt(t) : ev.holderOf(slot.department, t);
        }
        c.accepted = ev.accepted.toEpochMilli();
        c.due = ev.dueKnown ? ev.due.due().toEpochMilli() : null;
        c.limit = ev.limit;
        c.limitBasis = ev.basis;
        c.measure = ev.measure == LimitUnit.NATURAL_DAYS ? LimitUnit.NATURAL_DAYS : LimitUnit.WORKING_DAYS;
        c.remainingMillis = ev.remainingAt(t);
        if (kind == CardKind.YELLOW || kind == CardKind.RED) {
            c.attribution = ev.attribution(t, null, c.holder);
        } else if (kind == CardKind.DEEMED_CONSENT) {
            c.attribution = ev.attribution(t, slot.department, c.holder);
        }
        c.ruleVersion = ev.policy.ruleVersion();
        c.clause = ev.policy.clause(kind);
        c.limitClause = ev.basis.clause();
        c.provisional = ev.provisional(t, true);
        c.cardId = CardIds.of(c.centerId, c.caseId, kind, slot.qualifier, t, c.ruleVersion);
        slot.card = c;
        return c;
    }

    /** The scheduled cards, in instant order, content not built. */
    List<Slot> slots() {
        return slots;
    }

    /** The scheduled card an emitted card stands for, or null when it is no longer scheduled. */
    Slot slotFor(EmittedCard e) {
        String ruleVersion = ev.policy.ruleVersion();
        for (Slot s : slots) {
            if (s.is(e, ruleVersion)) {
                return s;
            }
        }
        return null;
    }

    /** The 跟踪表 as of an instant, from this schedule's evaluation (no second computation of the clock). */
    TrackingTable tracking(long asOf) {
        return TrackingTable.of(ev, asOf);
    }

    public String caseId() {
        return caseId;
    }

    public String centerId() {
        return centerId;
    }

    /** The cards, in instant order, ties by card id. */
    public List<Card> cards() {
        if (cards == null) {
            List<Card> all = new ArrayList<>(slots.size());
            for (Slot slot : slots) {
                all.add(cardOf(slot));
            }
            all.sort(Card.ORDER);
            Map<String, Card> ids = new LinkedHashMap<>();
            for (Card c : all) {
                ids.put(c.cardId, c);
            }
            cards = Collections.unmodifiableList(all);
            byId = Collections.unmodifiableMap(ids);
        }
        return cards;
    }

    public Optional<Card> card(String cardId) {
        cards();
        return Optional.ofNullable(byId.get(cardId));
    }

    public boolean contains(String cardId) {
        cards();
        return byId.containsKey(cardId);
    }

    /** The clock, once a 受理 has been reported. */
    public Optional<CaseClock> clock() {
        return Optional.ofNullable(clock);
    }

    public boolean closed() {
        return closedAt != null;
    }

    /** The closing fact's business time. */
    public OptionalLong closedAt() {
        return closedAt == null ? OptionalLong.empty() : OptionalLong.of(closedAt);
    }

    /** How the case ended, once closed. */
    public Optional<CaseOutcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    /** The earliest card instant strictly after {@code clock}: when the timer should fire next. */
    public OptionalLong nextInstantAfter(long clock) {
        for (Slot s : slots) {
            if (s.instant > clock) {
                return OptionalLong.of(s.instant);
            }
        }
        return OptionalLong.empty();
    }
}
