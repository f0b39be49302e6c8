package cn.xiaoneng.jobs.throughput;

import cn.xiaoneng.model.CaseEvent;

/**
 * What {@link CaseEnricher} remembers about one case: the attributes its events have named so far, when it was
 * accepted, and when its state may go. A Flink POJO (it is keyed state; no Kryo).
 */
public class CaseState {
    public String centerId;
    public String departmentId;
    public String windowId;
    /** {@code CaseKind} name. */
    public String caseKind;
    /** Business time of the (earliest) ACCEPTED event, or null while unknown. */
    public Long acceptedAt;
    /** Latest business time of any event of the case seen so far. */
    public long maxBusinessTime = Long.MIN_VALUE;
    /** Set once a closing event (EventType.closesCase) has been seen. */
    public boolean closed;
    /** Event time of the registered clean-up timer, or null while none is registered. */
    public Long cleanupAt;
    /**
     * 64-bit fingerprints ({@link #fingerprint}) of the event ids seen, in arrival order. A case has tens of events, so a
     * scan is cheaper than a map, and one value per case keeps state and checkpoints small (a map of 64-character ids
     * was a fifth of the job's CPU in checkpoint snapshots). Two different ids of one case sharing a fingerprint — the
     * only way an event could be wrongly dropped — has a probability near n²/2⁶⁵, about 10⁻¹⁷ for 50 events.
     */
    public long[] seenEventIds = new long[0];

    public CaseState() {}

    /** Records the event id; false when it was seen before (a duplicate). */
    boolean markSeen(String eventId) {
        long f = fingerprint(eventId);
        for (long seen : seenEventIds) {
            if (seen == f) {
                return false;
            }
        }
        long[] grown = java.util.Arrays.copyOf(seenEventIds, seenEventIds.length + 1);
        grown[seenEventIds.length] = f;
        seenEventIds = grown;
        return true;
    }

    /** FNV-1a over the id's characters, then a 64-bit finalizer (SplitMix64) so near-identical ids spread. */
    static long fingerprint(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    /** An event's own non-null attribute wins and is remembered for the case's later (and attribute-less) events. */
    void absorb(CaseEvent e) {
        if (e.centerId != null) {
            centerId = e.centerId;
        }
        if (e.departmentId != null) {
            departmentId = e.departmentId;
        }
        if (e.windowId != null) {
            windowId = e.windowId;
        }
        if (e.caseKind != null) {
            caseKind = e.caseKind.name();
        }
        maxBusinessTime = Math.max(maxBusinessTime, e.businessTime);
    }
}
