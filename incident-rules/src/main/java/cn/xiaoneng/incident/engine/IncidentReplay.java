package cn.xiaoneng.incident.engine;

import cn.xiaoneng.incident.IncidentFact;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole set of facts through {@link IncidentTracker}, the way the job sees them with a clock that follows the
 * operations log: per incident, facts in order of recordedAt (then business time, then fact id); before each fact
 * the clock advances to just before its recordedAt, and the fact is applied at its recordedAt — so a fact recorded
 * exactly at a card's instant (a workaround at 08:30 against an 08:30 response target) prevents the card instead
 * of retracting it. At the end the clock advances to {@code until}. Facts recorded after {@code until}
 * are ignored. The output is every raised and retracted record in instant order, ties by card id, a raise before
 * its retraction. The order of the input does not matter.
 */
public final class IncidentReplay {
    private static final Comparator<IncidentFact> RECORDED = Comparator.comparingLong((IncidentFact f) -> f.recordedAt)
            .thenComparingLong(f -> f.at).thenComparing(f -> f.factId);

    private IncidentReplay() {}

    public static List<IncidentCard> replay(List<IncidentFact> facts, IncidentTracker tracker, long until) {
        Map<String, List<IncidentFact>> byIncident = new LinkedHashMap<>();
        for (IncidentFact f : facts) {
            f.validate();
            if (f.recordedAt <= until) {
                byIncident.computeIfAbsent(f.centerId + "\u0001" + f.incidentId, k -> new ArrayList<>()).add(f);
            }
        }
        List<IncidentCard> out = new ArrayList<>();
        for (List<IncidentFact> list : byIncident.values()) {
            list.sort(RECORDED);
            IncidentState state = null;
            for (IncidentFact f : list) {
                if (state != null) {
                    IncidentUpdate u = tracker.advance(state, f.recordedAt - 1);
                    out.addAll(u.emitted());
                    state = u.state();
                }
                IncidentUpdate u = tracker.onFact(state, f, f.recordedAt);
                out.addAll(u.emitted());
                state = u.state();
            }
            if (state != null) {
                out.addAll(tracker.advance(state, until).emitted());
            }
        }
        out.sort(Comparator.comparingLong((IncidentCard c) -> c.instant).thenComparing(c -> c.cardId));
        return out;
    }
}
