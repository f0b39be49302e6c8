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
    static final PauseSet NONE = new PauseSet(new long[0], new long[0]);
    /** What {@link #endOfPauseAt} and {@link #nextStartAfter} return for "none". */
    static final long NO_INSTANT = Long.MIN_VALUE;

    /** Epoch milliseconds, the precision of every instant the engine handles. */
    private final long[] from;
    private final long[] to;

    private PauseSet(long[] from, long[] to) {
        this.from = from;
        this.to = to;
    }

    static PauseSet of(List<Pause> pauses) {
        if (pauses.isEmpty()) {
            return NONE; // most cases: no list, no sort, no arrays
        }
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
        long[] fromMillis = new long[f.size()];
        long[] toMillis = new long[t.size()];
        for (int i = 0; i < fromMillis.length; i++) {
            fromMillis[i] = f.get(i).toEpochMilli();
            toMillis[i] = t.get(i).toEpochMilli();
        }
        return new PauseSet(fromMillis, toMillis);
    }

    /** The end of the pause containing {@code t} (from ≤ t < to), or {@link #NO_INSTANT} when the clock runs at t. */
    long endOfPauseAt(long t) {
        for (int i = 0; i < from.length; i++) {
            if (t >= from[i] && t < to[i]) {
                return to[i];
            }
            if (from[i] > t) {
                break;
            }
        }
        return NO_INSTANT;
    }

    /** The start of the first pause strictly after {@code t}, or {@link #NO_INSTANT} when none. */
    long nextStartAfter(long t) {
        for (long f : from) {
            if (f > t) {
                return f;
            }
        }
        return NO_INSTANT;
    }

    boolean isEmpty() {
        return from.length == 0;
    }
}
