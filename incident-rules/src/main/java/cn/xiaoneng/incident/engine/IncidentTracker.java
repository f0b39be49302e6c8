package cn.xiaoneng.incident.engine;

import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.deadline.engine.CardStatus;
import cn.xiaoneng.deadline.engine.Calendars;
import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.plan.IncidentPlan;
import cn.xiaoneng.incident.plan.IncidentPlans;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The stateful side of the incident rules, for a job keyed by (center, incident). Deterministic: the same states,
 * facts and clocks give the same updates. The semantics are the deadline engine's {@code CaseTracker}:
 * <ul>
 *   <li>{@code clock} is the job's time (watermark); card instants come from the facts' business times;</li>
 *   <li>a scheduled card whose instant is at or before the clock and that was not raised is <b>raised</b>;</li>
 *   <li>a raised card no longer scheduled is <b>retracted</b>, with the same id (a report typed in late with its
 *       true, earlier time; a dismissed suspicion; a level change typed in late);</li>
 *   <li>a raised card keeps the content it was raised with.</li>
 * </ul>
 * Serializable and immutable: one instance serves every key.
 */
public final class IncidentTracker implements Serializable {
    private static final long serialVersionUID = 1L;
    private final IncidentPlans plans;
    private final Calendars calendars;

    public IncidentTracker(IncidentPlans plans, Calendars calendars) {
        this.plans = Objects.requireNonNull(plans, "plans");
        this.calendars = Objects.requireNonNull(calendars, "calendars");
    }

    /** One plan and calendar for every center. */
    public static IncidentTracker of(IncidentPlan plan, WorkCalendar calendar) {
        return new IncidentTracker(IncidentPlans.of(plan), Calendars.of(calendar));
    }

    /** Each center's own plan file and calendar (national calendar plus the center's overrides). */
    public static IncidentTracker perCenter() {
        return new IncidentTracker(IncidentPlans.centers(), Calendars.centers());
    }

    /**
     * Applies one fact at {@code clock}.
     *
     * @param state the incident's state, or null for an incident not seen before
     * @throws IllegalArgumentException if the fact is invalid or belongs to another incident
     */
    public IncidentUpdate onFact(IncidentState state, IncidentFact fact, long clock) {
        fact.validate();
        IncidentState before = state != null ? state : IncidentState.empty(fact.centerId, fact.incidentId);
        IncidentState after = before.with(fact);
        if (after == before) {
            return reconcile(before, schedule(before), null, clock, state == null);
        }
        return reconcile(after, schedule(after), before, clock, true);
    }

    /** Moves the incident to {@code clock} with no new fact: raises what fell due (the timer fired). */
    public IncidentUpdate advance(IncidentState state, long clock) {
        return reconcile(state, schedule(state), null, clock, false);
    }

    /** The incident's schedule and deadline checks under its center's plan and calendar. */
    public IncidentSchedule schedule(IncidentState state) {
        return IncidentSchedule.compute(state.centerId(), state.incidentId(), state.facts(), plans.forCenter(state.centerId()),
                calendars.forCenter(state.centerId()));
    }

    public IncidentPlan plan(String centerId) {
        return plans.forCenter(centerId);
    }

    public WorkCalendar calendar(String centerId) {
        return calendars.forCenter(centerId);
    }

    private IncidentUpdate reconcile(IncidentState state, IncidentSchedule schedule, IncidentState previous, long clock, boolean changed) {
        String center = state.centerId();
        String incident = state.incidentId();
        Map<String, EmittedIncidentCard> raisedBefore = new HashMap<>();
        for (EmittedIncidentCard e : state.emitted()) {
            raisedBefore.put(e.cardId(center, incident), e);
        }
        List<IncidentCard> retracted = new ArrayList<>();
        IncidentSchedule old = null;
        for (Map.Entry<String, EmittedIncidentCard> e : raisedBefore.entrySet()) {
            if (schedule.contains(e.getKey())) {
                continue;
            }
            if (old == null && previous != null) {
                old = schedule(previous);
            }
            IncidentCard gone = old == null ? null : old.card(e.getKey()).orElse(null);
            retracted.add(gone != null ? gone.retraction() : skeleton(center, incident, e.getKey(), e.getValue()));
        }
        List<IncidentCard> raised = new ArrayList<>();
        for (IncidentCard c : schedule.cards()) {
            if (c.instant <= clock && !raisedBefore.containsKey(c.cardId)) {
                raised.add(c);
            }
        }
        retracted.sort(IncidentCard.ORDER);
        IncidentState next = state;
        if (!raised.isEmpty() || !retracted.isEmpty()) {
            List<EmittedIncidentCard> keep = new ArrayList<>();
            for (Map.Entry<String, EmittedIncidentCard> e : raisedBefore.entrySet()) {
                if (schedule.contains(e.getKey())) {
                    keep.add(e.getValue());
                }
            }
            for (IncidentCard c : raised) {
                keep.add(EmittedIncidentCard.of(c));
            }
            next = state.withEmitted(keep);
            changed = true;
        }
        OptionalLong clearAt = OptionalLong.empty();
        Long closedAt = schedule.timeline().closedAt();
        if (closedAt != null) {
            long retention = plans.forCenter(center).closedRetention().toMillis();
            clearAt = OptionalLong.of(saturatedAdd(Math.max(closedAt, state.latestRecordedAt()), retention));
        }
        return new IncidentUpdate(next, changed, raised, retracted, schedule.nextInstantAfter(clock), closedAt != null, clearAt, clock);
    }

    /** A retraction when the card's content is no longer known (the plan changed since it was raised). */
    private static IncidentCard skeleton(String center, String incident, String cardId, EmittedIncidentCard e) {
        IncidentCard c = new IncidentCard();
        c.cardId = cardId;
        c.status = CardStatus.RETRACTED;
        c.kind = e.kind();
        c.qualifier = e.qualifier();
        c.instant = e.instant();
        c.centerId = center;
        c.incidentId = incident;
        c.ruleVersion = e.ruleVersion();
        c.level = e.level();
        c.departmentIds = new String[0];
        c.windowIds = new String[0];
        return c;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
