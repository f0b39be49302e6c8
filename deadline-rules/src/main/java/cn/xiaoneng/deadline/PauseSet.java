package cn.xiaoneng.deadline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pauses merged into sorted, disjoint, non-empty half-open intervals. Overlapping pauses (a 补正 running
 * while an expert review is under way) stop the clock once, not twice.
 */
final class PauseSet {
    static final PauseSet NONE = new PauseSet(new Instant[0], new Instant[0]);

    private final Instant[] from;
    private final Instant[] to;

    private PauseSet(Instant[] from, Instant[] to) {
        this.from = from;
        this.to = to;
    }

    static PauseSet of(List<Pause> pauses) {
        List<Pause> sorted = new ArrayList<>();
        for (Pause p : pauses) {
            if (!p.isEmpty()) {
                sorted.add(p);
            }
        }
        sorted.sort(Comparator.comparing(Pause::from));
        List<Instant> f = new ArrayList<>();
        List<Instant> t = new ArrayList<>();
        for (Pause p : sorted) {
            int last = t.size() - 1;
            if (last >= 0 && !p.from().isAfter(t.get(last))) {
                if (p.to().isAfter(t.get(last))) {
                    t.set(last, p.to()); // overlapping or touching: one longer stop
                }
            } else {
                f.add(p.from());
                t.add(p.to());
            }
        }
        return new PauseSet(f.toArray(Instant[]::new), t.toArray(Instant[]::new));
    }

    /** The end of the pause containing {@code t} (from ≤ t < to), or null when the clock runs at t. */
    Instant endOfPauseAt(Instant t) {
        for (int i = 0; i < from.length; i++) {
            if (!t.isBefore(from[i]) && t.isBefore(to[i])) {
                return to[i];
            }
            if (from[i].isAfter(t)) {
                break;
            }
        }
        return null;
    }

    /** The start of the first pause strictly after {@code t}, or null when none. */
    Instant nextStartAfter(Instant t) {
        for (Instant f : from) {
            if (f.isAfter(t)) {
                return f;
            }
        }
        return null;
    }

    boolean isEmpty() {
        return from.length == 0;
    }
}
