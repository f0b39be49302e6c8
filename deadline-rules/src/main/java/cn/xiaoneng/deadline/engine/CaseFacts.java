package cn.xiaoneng.deadline.engine;

import cn.xiaoneng.model.CaseEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Everything the engine keeps about one case: its facts, sorted by (business time, event id) and unique by event
 * id, and the cards already raised for it. This is the keyed state of the streaming job, stored as
 * {@link #encode()} (one blob per case). Immutable: every change returns a new instance.
 *
 * <p>Facts are never dropped or rewritten. A late fact (a paper case entered hours later with its true business
 * time) is simply inserted where its business time puts it, and the schedule follows from the facts.
 */
public final class CaseFacts {
    /** Leading byte of {@link #encode()}. Bump on any change of the layout; {@link #decode} refuses others. */
    public static final byte FORMAT_VERSION = 1;

    private final String caseId;
    private final String centerId;
    private final List<CaseFact> facts;
    private final List<EmittedCard> emitted;
    /** The facts' share of {@link #encode()}, once known (decoded or encoded); shared by states with the same facts. */
    private volatile FactsFormat.FactsPart factsPart;

    CaseFacts(String caseId, String centerId, List<CaseFact> facts, List<EmittedCard> emitted) {
        this(caseId, centerId, facts, emitted, null);
    }

    CaseFacts(String caseId, String centerId, List<CaseFact> facts, List<EmittedCard> emitted, FactsFormat.FactsPart factsPart) {
        this.caseId = Objects.requireNonNull(caseId, "caseId");
        this.centerId = Objects.requireNonNull(centerId, "centerId");
        this.facts = Collections.unmodifiableList(facts);
        this.emitted = Collections.unmodifiableList(emitted);
        this.factsPart = factsPart;
    }

    FactsFormat.FactsPart factsPart() {
        return factsPart;
    }

    void rememberFactsPart(FactsFormat.FactsPart part) {
        factsPart = part;
    }

    /** A case with no facts yet. */
    public static CaseFacts empty(String caseId, String centerId) {
        return new CaseFacts(caseId, centerId, List.of(), List.of());
    }

    /** The facts of some events of one case, in any order, duplicates allowed. */
    public static CaseFacts of(List<CaseEvent> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("no events");
        }
        CaseFacts f = empty(events.get(0).caseId, events.get(0).centerId);
        for (CaseEvent e : events) {
            f = f.with(e);
        }
        return f;
    }

    public String caseId() {
        return caseId;
    }

    public String centerId() {
        return centerId;
    }

    /** The facts in (business time, event id) order. */
    public List<CaseFact> facts() {
        return facts;
    }

    /** Cards raised and not retracted, in instant order. */
    public List<EmittedCard> emitted() {
        return emitted;
    }

    public boolean isEmpty() {
        return facts.isEmpty();
    }

    public boolean contains(String eventId) {
        for (CaseFact f : facts) {
            if (f.eventId().equals(eventId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * These facts with one more event. An event already present (same event id: a replay, an at-least-once
     * redelivery) returns this very instance: a duplicate changes nothing.
     *
     * @throws IllegalArgumentException when the event belongs to another case or center
     */
    public CaseFacts with(CaseEvent e) {
        if (!caseId.equals(e.caseId) || !centerId.equals(e.centerId)) {
            throw new IllegalArgumentException("event " + e.eventId + " of case " + e.centerId + "/" + e.caseId
                    + " offered to the state of case " + centerId + "/" + caseId);
        }
        return with(CaseFact.of(e));
    }

    /** These facts with one more fact; a fact with a known event id returns this instance. */
    public CaseFacts with(CaseFact fact) {
        if (contains(fact.eventId())) {
            return this;
        }
        List<CaseFact> next = new ArrayList<>(facts.size() + 1);
        int at = 0;
        while (at < facts.size() && CaseFact.ORDER.compare(facts.get(at), fact) <= 0) {
            at++;
        }
        next.addAll(facts.subList(0, at));
        next.add(fact);
        next.addAll(facts.subList(at, facts.size()));
        return new CaseFacts(caseId, centerId, next, emitted);
    }

    /** The same facts with another set of raised cards. */
    public CaseFacts withEmitted(Collection<EmittedCard> cards) {
        TreeSet<EmittedCard> sorted = new TreeSet<>(EmittedCard.ORDER);
        sorted.addAll(cards);
        return new CaseFacts(caseId, centerId, facts, new ArrayList<>(sorted), factsPart); // same facts, same bytes
    }

    /** The highest source commit time of any fact, or {@link Long#MIN_VALUE} when none. */
    public long latestCommitTime() {
        long max = Long.MIN_VALUE;
        for (CaseFact f : facts) {
            max = Math.max(max, f.sourceCommitTime());
        }
        return max;
    }

    /**
     * The compact binary form (docs/deadline-engine.md, "State"): a format-version byte, then a string table
     * and the facts referring to it. Deterministic: equal states give equal bytes.
     */
    public byte[] encode() {
        return FactsFormat.encode(this);
    }

    /**
     * Reads {@link #encode()}'s bytes.
     *
     * @throws IllegalArgumentException when the bytes are not a state of a version this build reads
     */
    public static CaseFacts decode(byte[] bytes) {
        return FactsFormat.decode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CaseFacts c && c.caseId.equals(caseId) && c.centerId.equals(centerId) && c.facts.equals(facts)
                && c.emitted.equals(emitted);
    }

    @Override
    public int hashCode() {
        return Objects.hash(caseId, centerId, facts.size(), emitted.size());
    }

    @Override
    public String toString() {
        return "CaseFacts[" + centerId + "/" + caseId + ", " + facts.size() + " facts, " + emitted.size() + " cards raised]";
    }
}
