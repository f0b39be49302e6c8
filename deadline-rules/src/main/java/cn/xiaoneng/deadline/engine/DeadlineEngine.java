package cn.xiaoneng.deadline.engine;

import cn.xiaoneng.model.CaseEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Replays a file of canonical events through {@link CaseTracker}, the way the streaming job would see them
 * with its clock following the source commit times. Used by {@code deadline replay} and by acceptance checks.
 *
 * <p>Per case (center and case id), events are applied in order of source commit time, then business time,
 * then event id; before each one the clock advances to its commit time. At the end the clock advances to
 * {@code until}, or to the end of time. Events committed after {@code until} are not applied: the result is
 * what the engine had raised by then. Every record emitted on the way, raised and retracted, is returned, in
 * instant order, ties by card id, a raise before its retraction. The same events give the same records on
 * every replay, in whatever order the events are listed.
 */
public final class DeadlineEngine {
    private static final Comparator<CaseEvent> FEED = Comparator.comparingLong((CaseEvent e) -> e.sourceCommitTime)
            .thenComparingLong(e -> e.businessTime).thenComparing(e -> e.eventId);

    private DeadlineEngine() {}

    /** Replays to the end of time with one policy and the calendars given. */
    public static List<Card> replay(List<CaseEvent> events, DeadlinePolicy policy, Calendars calendars) {
        return replay(events, new CaseTracker(Policies.of(policy), calendars), OptionalLong.empty());
    }

    /** Replays up to {@code until} (epoch ms), or to the end of time when empty. */
    public static List<Card> replay(List<CaseEvent> events, CaseTracker tracker, OptionalLong until) {
        Map<String, List<CaseEvent>> byCase = new LinkedHashMap<>();
        for (CaseEvent e : events) {
            if (e.caseId == null || e.centerId == null || e.eventId == null || e.eventType == null) {
                throw new IllegalArgumentException("event " + e + " lacks a case id, center id, event id or type");
            }
            if (until.isPresent() && e.sourceCommitTime > until.getAsLong()) {
                continue;
            }
            byCase.computeIfAbsent(e.centerId + '\u0001' + e.caseId, k -> new ArrayList<>()).add(e);
        }
        long end = until.orElse(Long.MAX_VALUE);
        List<Card> out = new ArrayList<>();
        for (List<CaseEvent> caseEvents : byCase.values()) {
            caseEvents.sort(FEED);
            CaseFacts state = null;
            for (CaseEvent e : caseEvents) {
                if (state != null) {
                    Update tick = tracker.advance(state, e.sourceCommitTime);
                    out.addAll(tick.emitted());
                    state = tick.state();
                }
                Update u = tracker.onEvent(state, e, e.sourceCommitTime);
                out.addAll(u.emitted());
                state = u.state();
            }
            if (state != null) {
                out.addAll(tracker.advance(state, end).emitted());
            }
        }
        out.sort(Card.BY_INSTANT); // stable: per card, emission order is kept
        return out;
    }
}
