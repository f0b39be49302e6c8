package cn.xiaoneng.incident.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Objects;

/**
 * What the silence detector keeps about one departmental source: when it was last heard from (a change event's
 * commit time or a Debezium heartbeat) and the suspected incident it has open, if any. Immutable; a few dozen
 * bytes encoded.
 *
 * @param lastSeen       the latest activity instant (epoch ms), or {@link Long#MIN_VALUE} before the first
 * @param openIncidentId the suspected incident opened for this silence, or null
 * @param openDetectedAt when it was detected, or null
 */
public record SourceWatch(String centerId, String sourceId, String departmentId, long lastSeen, String openIncidentId, Long openDetectedAt) {
    static final byte FORMAT_VERSION = 1;

    public SourceWatch {
        Objects.requireNonNull(centerId, "centerId");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(departmentId, "departmentId");
        if ((openIncidentId == null) != (openDetectedAt == null)) {
            throw new IllegalArgumentException("an open incident needs both its id and its detection instant");
        }
    }

    /** A source not heard from yet: nothing is detected before its first activity. */
    public static SourceWatch of(String centerId, String sourceId, String departmentId) {
        return new SourceWatch(centerId, sourceId, departmentId, Long.MIN_VALUE, null, null);
    }

    public boolean seen() {
        return lastSeen != Long.MIN_VALUE;
    }

    public boolean incidentOpen() {
        return openIncidentId != null;
    }

    SourceWatch seenAt(long at) {
        return new SourceWatch(centerId, sourceId, departmentId, at, openIncidentId, openDetectedAt);
    }

    SourceWatch opened(String incidentId, long detectedAt) {
        return new SourceWatch(centerId, sourceId, departmentId, lastSeen, incidentId, detectedAt);
    }

    SourceWatch closed() {
        return new SourceWatch(centerId, sourceId, departmentId, lastSeen, null, null);
    }

    public byte[] encode() {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.writeByte(FORMAT_VERSION);
            out.writeUTF(centerId);
            out.writeUTF(sourceId);
            out.writeUTF(departmentId);
            out.writeLong(lastSeen);
            out.writeBoolean(openIncidentId != null);
            if (openIncidentId != null) {
                out.writeUTF(openIncidentId);
                out.writeLong(openDetectedAt);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return b.toByteArray();
    }

    public static SourceWatch decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int v = in.readByte();
            if (v != FORMAT_VERSION) {
                throw new IllegalArgumentException("source watch has format version " + v + ", this build reads " + FORMAT_VERSION);
            }
            String center = in.readUTF();
            String source = in.readUTF();
            String department = in.readUTF();
            long last = in.readLong();
            String id = null;
            Long detected = null;
            if (in.readBoolean()) {
                id = in.readUTF();
                detected = in.readLong();
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("source watch has trailing bytes");
            }
            return new SourceWatch(center, source, department, last, id, detected);
        } catch (IOException e) {
            throw new IllegalArgumentException("source watch is truncated or corrupt: " + e);
        }
    }
}
