package cn.xiaoneng.incident.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The window detector's state for one department: a {@link WindowWatch} per window that has accepted at least
 * once in the last {@link WindowIdleDetector#FORGET_AFTER}. Immutable; encoded as a few dozen bytes per window.
 */
public final class DepartmentWindows {
    static final byte FORMAT_VERSION = 1;
    private final String centerId;
    private final String departmentId;
    private final Map<String, WindowWatch> windows;

    DepartmentWindows(String centerId, String departmentId, Map<String, WindowWatch> windows) {
        this.centerId = Objects.requireNonNull(centerId, "centerId");
        this.departmentId = Objects.requireNonNull(departmentId, "departmentId");
        this.windows = Collections.unmodifiableMap(new TreeMap<>(windows));
    }

    public static DepartmentWindows of(String centerId, String departmentId) {
        return new DepartmentWindows(centerId, departmentId, Map.of());
    }

    public String centerId() {
        return centerId;
    }

    public String departmentId() {
        return departmentId;
    }

    /** Windows by id, sorted. */
    public Map<String, WindowWatch> windows() {
        return windows;
    }

    DepartmentWindows with(Map<String, WindowWatch> next) {
        return new DepartmentWindows(centerId, departmentId, next);
    }

    public byte[] encode() {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64 + 48 * windows.size());
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.writeByte(FORMAT_VERSION);
            out.writeUTF(centerId);
            out.writeUTF(departmentId);
            out.writeInt(windows.size());
            for (Map.Entry<String, WindowWatch> e : windows.entrySet()) {
                WindowWatch w = e.getValue();
                out.writeUTF(e.getKey());
                out.writeLong(w.lastActivity());
                out.writeLong(w.countDay());
                out.writeInt(w.elsewhere());
                out.writeBoolean(w.quorumAt() != null);
                if (w.quorumAt() != null) {
                    out.writeLong(w.quorumAt());
                }
                out.writeBoolean(w.openIncidentId() != null);
                if (w.openIncidentId() != null) {
                    out.writeUTF(w.openIncidentId());
                    out.writeLong(w.openDetectedAt());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return b.toByteArray();
    }

    public static DepartmentWindows decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int v = in.readByte();
            if (v != FORMAT_VERSION) {
                throw new IllegalArgumentException("department windows state has format version " + v + ", this build reads " + FORMAT_VERSION);
            }
            String center = in.readUTF();
            String department = in.readUTF();
            int n = in.readInt();
            if (n < 0 || n > bytes.length) {
                throw new IllegalArgumentException("department windows state has an impossible count " + n);
            }
            Map<String, WindowWatch> windows = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                String id = in.readUTF();
                long last = in.readLong();
                long day = in.readLong();
                int elsewhere = in.readInt();
                Long quorum = in.readBoolean() ? in.readLong() : null;
                String open = null;
                Long detected = null;
                if (in.readBoolean()) {
                    open = in.readUTF();
                    detected = in.readLong();
                }
                windows.put(id, new WindowWatch(last, day, elsewhere, quorum, open, detected));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("department windows state has trailing bytes");
            }
            return new DepartmentWindows(center, department, windows);
        } catch (IOException e) {
            throw new IllegalArgumentException("department windows state is truncated or corrupt: " + e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DepartmentWindows d && d.centerId.equals(centerId) && d.departmentId.equals(departmentId) && d.windows.equals(windows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(centerId, departmentId, windows);
    }

    @Override
    public String toString() {
        return "DepartmentWindows[" + centerId + "/" + departmentId + ", " + windows + "]";
    }
}
