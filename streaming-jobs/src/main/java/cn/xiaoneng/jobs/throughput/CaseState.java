package cn.xiaoneng.jobs.throughput;

import cn.xiaoneng.model.CaseEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What {@link CaseEnricher} remembers about one case: the attributes its events have named so far, when it was
 * accepted, and when its state may go. Kept in state as one compact byte array ({@link #encode}/{@link #decode}):
 * a checkpoint then copies one array per case instead of walking a POJO's fields and strings one byte at a time
 * (that walk was a fifth of the job's CPU with the heap state backend), and RocksDB reads and writes one small value.
 */
public class CaseState {
    /** First byte of every encoded state; a state of another format is refused, not misread. */
    static final byte FORMAT = 1;
    private static final int CLOSED = 1;
    private static final int HAS_ACCEPTED = 2;
    private static final int HAS_CLEANUP = 4;

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

    /**
     * The state as bytes: format, flags, latest business time, acceptance and clean-up times when set, the four
     * attributes (UTF-8, length-prefixed, absent as length 0 with a null marker in the flags' high bits), then the
     * fingerprints.
     */
    byte[] encode() {
        byte[][] texts = {utf8(centerId), utf8(departmentId), utf8(windowId), utf8(caseKind)};
        int flags = (closed ? CLOSED : 0) | (acceptedAt != null ? HAS_ACCEPTED : 0) | (cleanupAt != null ? HAS_CLEANUP : 0);
        int size = 2 + 8 + (acceptedAt != null ? 8 : 0) + (cleanupAt != null ? 8 : 0) + 4 + 8 * seenEventIds.length;
        for (int i = 0; i < texts.length; i++) {
            if (texts[i] == null) {
                flags |= 8 << i;
            } else {
                size += 2 + texts[i].length;
            }
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(FORMAT).put((byte) flags).putLong(maxBusinessTime);
        if (acceptedAt != null) {
            b.putLong(acceptedAt);
        }
        if (cleanupAt != null) {
            b.putLong(cleanupAt);
        }
        for (byte[] t : texts) {
            if (t != null) {
                b.putShort((short) t.length).put(t);
            }
        }
        b.putInt(seenEventIds.length);
        for (long f : seenEventIds) {
            b.putLong(f);
        }
        return b.array();
    }

    static CaseState decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte format = b.get();
        if (format != FORMAT) {
            throw new IllegalStateException("throughput case state of format " + format + ", this job reads format " + FORMAT);
        }
        int flags = b.get();
        CaseState s = new CaseState();
        s.closed = (flags & CLOSED) != 0;
        s.maxBusinessTime = b.getLong();
        s.acceptedAt = (flags & HAS_ACCEPTED) != 0 ? b.getLong() : null;
        s.cleanupAt = (flags & HAS_CLEANUP) != 0 ? b.getLong() : null;
        s.centerId = (flags & 8) != 0 ? null : text(b);
        s.departmentId = (flags & 16) != 0 ? null : text(b);
        s.windowId = (flags & 32) != 0 ? null : text(b);
        s.caseKind = (flags & 64) != 0 ? null : text(b);
        long[] seen = new long[b.getInt()];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = b.getLong();
        }
        s.seenEventIds = seen;
        return s;
    }

    private static byte[] utf8(String s) {
        if (s == null) {
            return null;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("case attribute longer than " + Short.MAX_VALUE + " bytes: " + s.substring(0, 40) + "…");
        }
        return bytes;
    }

    private static String text(ByteBuffer b) {
        int length = b.getShort();
        String s = new String(b.array(), b.position(), length, StandardCharsets.UTF_8);
        b.position(b.position() + length);
        return s;
    }
}
