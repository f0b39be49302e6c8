package cn.xiaoneng.deadline.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What {@link CaseTracker} tells the streaming job after an event or a clock advance.
 *
 * @param state        the case's new state (store it, unless {@link #clear()})
 * @param stateChanged whether {@code state} differs from the state passed in (a duplicate event, or a clock
 *                     advance with nothing to raise, changes nothing)
 * @param raised       cards whose instant has passed on the clock and that were not raised before, in instant
 *                     order, ties by card id
 * @param retracted    cards raised earlier that are no longer in the schedule, same order
 * @param nextInstant  the earliest scheduled card instant after the clock: set the timer there
 * @param closed       whether the case is closed
 * @param clearAt      for a closed case: from this clock value on the state may be dropped
 *                     (latest of the closing business time and the facts' commit times, plus the policy's
 *                     {@code closed.retention})
 * @param clock        the clock this update was computed at
 * @param schedule     the schedule it was computed from ({@link CaseTracker#tracking(Update, long)} reads the 跟踪表
 *                     from it), or null
 */
public record Update(CaseFacts state, boolean stateChanged, List<Card> raised, List<Card> retracted, OptionalLong nextInstant,
                     boolean closed, OptionalLong clearAt, long clock, CardSchedule schedule) {

    public Update {
        raised = List.copyOf(raised);
        retracted = List.copyOf(retracted);
    }

    /** Equal when everything but the {@link #schedule} (a means of computing, not a result) is equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Update u && stateChanged == u.stateChanged && closed == u.closed && clock == u.clock
                && Objects.equals(state, u.state) && raised.equals(u.raised) && retracted.equals(u.retracted)
                && nextInstant.equals(u.nextInstant) && clearAt.equals(u.clearAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(state, stateChanged, raised, retracted, nextInstant, closed, clearAt, clock);
    }

    /** Whether the job should clear the case's state and timers now: closed, and the retention has passed. */
    public boolean clear() {
        return closed && clearAt.isPresent() && clock >= clearAt.getAsLong();
    }

    /** When the job must call {@link CaseTracker#advance} next: the next card, or the clearing of a closed case. */
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
    public List<Card> emitted() {
        List<Card> all = new ArrayList<>(retracted.size() + raised.size());
        all.addAll(retracted);
        all.addAll(raised);
        return all;
    }
}
