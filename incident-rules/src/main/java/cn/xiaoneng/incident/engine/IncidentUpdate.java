package cn.xiaoneng.incident.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What {@link IncidentTracker} tells the job after a fact or a clock advance; the same contract as the deadline
 * engine's {@code Update}.
 *
 * @param state        the incident's new state (store it, unless {@link #clear()})
 * @param stateChanged whether {@code state} differs from the state passed in
 * @param raised       cards whose instant has passed on the clock and that were not raised before, in instant order
 * @param retracted    cards raised earlier and no longer scheduled, same order
 * @param nextInstant  the earliest scheduled card instant after the clock
 * @param closed       whether the incident is closed (or dismissed)
 * @param clearAt      for a closed incident: from this clock value on the state may be dropped
 * @param clock        the clock this update was computed at
 */
public record IncidentUpdate(IncidentState state, boolean stateChanged, List<IncidentCard> raised, List<IncidentCard> retracted,
                             OptionalLong nextInstant, boolean closed, OptionalLong clearAt, long clock) {

    public IncidentUpdate {
        raised = List.copyOf(raised);
        retracted = List.copyOf(retracted);
    }

    /** Whether the job should drop the incident's state and timers now. */
    public boolean clear() {
        return closed && clearAt.isPresent() && clock >= clearAt.getAsLong();
    }

    /** When the job must call {@link IncidentTracker#advance} next: the next card, or the clearing of a closed incident. */
    public OptionalLong nextWakeUp() {
        if (clear()) {
            return OptionalLong.empty();
        }
        long next = Long.MAX_VALUE;
        if (nextInstant.isPresent()) {
            next = nextInstant.getAsLong();
        }
        if (clearAt.isPresent()) {
            next = Math.min(next, clearAt.getAsLong());
        }
        return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
    }

    /** Retractions first, then raised cards: the records to publish, in that order. */
    public List<IncidentCard> emitted() {
        List<IncidentCard> all = new ArrayList<>(retracted.size() + raised.size());
        all.addAll(retracted);
        all.addAll(raised);
        return all;
    }
}
