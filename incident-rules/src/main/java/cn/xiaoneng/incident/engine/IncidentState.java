package cn.xiaoneng.incident.engine;

import cn.xiaoneng.incident.IncidentFact;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Everything kept about one incident: its facts in timeline order, unique by fact id, and the cards already
 * raised. The keyed state of the incident job, stored as {@link #encode()} (one small blob per incident).
 * Immutable: every change returns a new instance. Facts are never dropped or rewritten; a fact typed in late
 * is inserted where its business time puts it, and the schedule follows.
 */
public final class IncidentState {
    /** Leading byte of {@link #encode()}; {@link #decode} refuses other versions. */
    public static final byte FORMAT_VERSION = 1;

    private final String centerId;
    private final String incidentId;
    private final List<IncidentFact> facts;
    private final List<EmittedIncidentCard> emitted;

    IncidentState(String centerId, String incidentId, List<IncidentFact> facts, List<EmittedIncidentCard> emitted) {
        this.centerId = Objects.requireNonNull(centerId, "centerId");
        this.incidentId = Objects.requireNonNull(incidentId, "incidentId");
        this.facts = Collections.unmodifiableList(facts);
        this.emitted = Collections.unmodifiableList(emitted);
    }

    public static IncidentState empty(String centerId, String incidentId) {
        return new IncidentState(centerId, incidentId, List.of(), List.of());
    }

    public String centerId() {
        return centerId;
    }

    public String incidentId() {
        return incidentId;
    }

    /** The facts in timeline order ({@link IncidentFact#ORDER}). */
    public List<IncidentFact> facts() {
        return facts;
    }

    /** Cards raised and not retracted, in instant order. */
    public List<EmittedIncidentCard> emitted() {
        return emitted;
    }

    public boolean contains(String factId) {
        for (IncidentFact f : facts) {
            if (f.factId.equals(factId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * These facts with one more. A fact already present (same fact id: a redelivery) returns this very instance.
     *
     * @throws IllegalArgumentException when the fact is invalid or belongs to another incident
     */
    public IncidentState with(IncidentFact fact) {
        fact.validate();
        if (!centerId.equals(fact.centerId) || !incidentId.equals(fact.incidentId)) {
            throw new IllegalArgumentException("fact " + fact.factId + " of incident " + fact.centerId + "/" + fact.incidentId
                    + " offered to the state of incident " + centerId + "/" + incidentId);
        }
        if (contains(fact.factId)) {
            return this;
        }
        List<IncidentFact> next = new ArrayList<>(facts.size() + 1);
        int at = 0;
        while (at < facts.size() && IncidentFact.ORDER.compare(facts.get(at), fact) <= 0) {
            at++;
        }
        next.addAll(facts.subList(0, at));
        next.add(fact.copy());
        next.addAll(facts.subList(at, facts.size()));
        return new IncidentState(centerId, incidentId, next, emitted);
    }

    public IncidentState withEmitted(Collection<EmittedIncidentCard> cards) {
        TreeSet<EmittedIncidentCard> sorted = new TreeSet<>(EmittedIncidentCard.ORDER);
        sorted.addAll(cards);
        return new IncidentState(centerId, incidentId, facts, new ArrayList<>(sorted));
    }

    /** The highest recordedAt of any fact, or {@link Long#MIN_VALUE}. */
    public long latestRecordedAt() {
        long max = Long.MIN_VALUE;
        for (IncidentFact f : facts) {
            max = Math.max(max, f.recordedAt);
        }
        return max;
    }

    /** The compact binary form (docs/incidents.md, "State"). Deterministic: equal states give equal bytes. */
    public byte[] encode() {
        return StateFormat.encode(this);
    }

    /** @throws IllegalArgumentException when the bytes are not a state of a version this build reads */
    public static IncidentState decode(byte[] bytes) {
        return StateFormat.decode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IncidentState s && s.centerId.equals(centerId) && s.incidentId.equals(incidentId) && s.facts.equals(facts)
                && s.emitted.equals(emitted);
    }

    @Override
    public int hashCode() {
        return Objects.hash(centerId, incidentId, facts.size(), emitted.size());
    }

    @Override
    public String toString() {
        return "IncidentState[" + centerId + "/" + incidentId + ", " + facts.size() + " facts, " + emitted.size() + " cards raised]";
    }
}
