package cn.xiaoneng.deadline.engine;

import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.model.CaseEvent;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The stateful side of the engine, for the keyed streaming job (one {@link CaseFacts} per case) and for
 * {@link DeadlineEngine#replay}. Deterministic: the same states, events and clocks give the same updates.
 *
 * <p>{@code clock} is the engine's time (the job's watermark). On every call the schedule is recomputed from the
 * facts ({@link CardSchedule}) and compared with the cards already raised:
 * <ul>
 *   <li>a scheduled card whose instant is at or before the clock and that was not raised is <b>raised</b>;</li>
 *   <li>a raised card no longer in the schedule is <b>retracted</b> (a completion entered late with an earlier
 *       business time, a pause, an extension, a new calendar that moved a provisional instant);</li>
 *   <li>nothing else is emitted: a card keeps the content it was raised with, and its id never changes.</li>
 * </ul>
 * Serializable and immutable: one instance serves every key.
 */
public final class CaseTracker implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Policies policies;
    private final Calendars calendars;

    public CaseTracker(Policies policies, Calendars calendars) {
        this.policies = Objects.requireNonNull(policies, "policies");
        this.calendars = Objects.requireNonNull(calendars, "calendars");
    }

    /** One policy and calendar for every center. */
    public static CaseTracker of(DeadlinePolicy policy, WorkCalendar calendar) {
        return new CaseTracker(Policies.of(policy), Calendars.of(calendar));
    }

    /** Each center's own policy file and calendar. */
    public static CaseTracker perCenter() {
        return new CaseTracker(Policies.centers(), Calendars.centers());
    }

    /**
     * Applies one canonical event at {@code clock}.
     *
     * @param state the case's state, or null for a case not seen before
     * @throws IllegalArgumentException if the event has no event id or type, or belongs to another case
     */
    public Update onEvent(CaseFacts state, CaseEvent event, long clock) {
        CaseFacts before = state != null ? state : CaseFacts.empty(Objects.requireNonNull(event.caseId, "caseId"),
                Objects.requireNonNull(event.centerId, "centerId"));
        CaseFacts after = before.with(event);
        if (after == before) {
            return reconcile(before, schedule(before), null, clock, state == null);
        }
        return reconcile(after, schedule(after), before, clock, true);
    }

    /** Moves the case to {@code clock} with no new fact: raises what fell due (the timer fired). */
    public Update advance(CaseFacts state, long clock) {
        return reconcile(state, schedule(state), null, clock, false);
    }

    /** The case's schedule under its center's policy and calendar. */
    public CardSchedule schedule(CaseFacts state) {
        return CardSchedule.compute(state, policies.forCenter(state.centerId()), calendars);
    }

    /** The case's 跟踪表 as of an instant. */
    public TrackingTable tracking(CaseFacts state, long asOf) {
        return TrackingTable.of(state, policies.forCenter(state.centerId()), calendars, asOf);
    }

    /** The 跟踪表 of an update's state as of an instant, from the evaluation the update was computed with. */
    public TrackingTable tracking(Update update, long asOf) {
        return update.schedule() != null ? update.schedule().tracking(asOf) : tracking(update.state(), asOf);
    }

    public DeadlinePolicy policy(String centerId) {
        return policies.forCenter(centerId);
    }

    private Update reconcile(CaseFacts facts, CardSchedule schedule, CaseFacts previous, long clock, boolean changed) {
        String center = facts.centerId();
        String caseId = facts.caseId();
        List<EmittedCard> raisedBefore = facts.emitted();
        List<EmittedCard> keep = new ArrayList<>(raisedBefore.size() + 1);
        List<Card> retracted = new ArrayList<>(0);
        CardSchedule old = null;
        for (EmittedCard e : raisedBefore) {
            if (schedule.slotFor(e) != null) {
                keep.add(e);
                continue;
            }
            if (old == null && previous != null) {
                old = schedule(previous);
            }
            CardSchedule.Slot gone = old == null ? null : old.slotFor(e);
            retracted.add(gone != null ? old.cardOf(gone).retraction() : skeleton(center, caseId, e.cardId(center, caseId), e));
        }
        List<Card> raised = new ArrayList<>(1);
        for (CardSchedule.Slot s : schedule.slots()) {
            if (s.instant > clock) {
                break; // slots are in instant order
            }
            if (!wasRaised(raisedBefore, s, schedule)) {
                Card c = schedule.cardOf(s);
                raised.add(c);
                keep.add(EmittedCard.of(c));
            }
        }
        raised.sort(Card.ORDER);
        retracted.sort(Card.ORDER);
        CaseFacts next = facts;
        if (!raised.isEmpty() || !retracted.isEmpty()) {
            next = facts.withEmitted(keep);
            changed = true;
        }
        OptionalLong clearAt = OptionalLong.empty();
        if (schedule.closed()) {
            long retention = policies.forCenter(center).closedRetention().toMillis();
            long from = Math.max(schedule.closedAt().getAsLong(), facts.latestCommitTime());
            clearAt = OptionalLong.of(saturatedAdd(from, retention));
        }
        return new Update(next, changed, raised, retracted, schedule.nextInstantAfter(clock), schedule.closed(), clearAt, clock, schedule);
    }

    private static boolean wasRaised(List<EmittedCard> raisedBefore, CardSchedule.Slot slot, CardSchedule schedule) {
        for (EmittedCard e : raisedBefore) {
            if (schedule.slotFor(e) == slot) {
                return true;
            }
        }
        return false;
    }

    /** A retraction when the card's content is no longer known (the policy or calendar changed since). */
    private static Card skeleton(String center, String caseId, String cardId, EmittedCard e) {
        Card c = new Card();
        c.cardId = cardId;
        c.status = CardStatus.RETRACTED;
        c.kind = e.kind();
        c.qualifier = e.qualifier();
        c.instant = e.instant();
        c.caseId = caseId;
        c.centerId = center;
        c.ruleVersion = e.ruleVersion();
        return c;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
