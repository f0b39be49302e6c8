package cn.xiaoneng.incident.engine;

import cn.xiaoneng.incident.FactSource;
import cn.xiaoneng.incident.FactType;
import cn.xiaoneng.incident.IncidentCardKind;
import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.IncidentLevel;
import cn.xiaoneng.incident.IncidentType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary layout of {@link IncidentState}, version 1. Written in a fixed order, so equal states give equal bytes.
 *
 * <pre>
 * u8      format version (1)
 * str     centerId, incidentId                  str = varint byte length + UTF-8
 * varint  n; str × n                            string table, in order of first use
 * varint  number of facts; fact × n
 *   varint  presence bits (F_*)
 *   varint  fact id (reference into the table, 1-based)
 *   u8      fact type code (FACT_TYPES, 1-based)
 *   zigzag  at − previous fact's at (first: − 0), ms
 *   zigzag  recordedAt − at, ms
 *   ...     present fields in F_* order: codes (u8), references (varint), id lists (count + references),
 *           pauseFrom/pauseTo as zigzag − at, paperCases as varint
 * varint  number of raised cards; card × n
 *   u8 kind code, varint qualifier reference, zigzag instant − previous instant, varint rule version reference,
 *   u8 level code
 * </pre>
 *
 * Enums are stored as codes from the fixed lists below, never as ordinals; a new constant is appended here before it
 * can be stored, and codes are never reused.
 */
final class StateFormat {
    private static final List<String> FACT_TYPES = List.of("ONSET", "DETECTED", "VERBAL_REPORT", "WRITTEN_REPORT", "FOLLOW_UP_REPORT",
            "RESPONSE_STARTED", "WORKAROUND", "SERVICE_RESTORED", "CLOSED", "CONFIRMED", "DISMISSED", "LEVEL_CHANGED",
            "CLOCK_PAUSE_DECLARED", "PAPER_REGISTERED", "NOTE");
    private static final List<String> TYPES = List.of("POWER_OUTAGE", "SYSTEM_FAILURE", "FIRE_EVACUATION", "EQUIPMENT_FAILURE",
            "CROWD_DISTURBANCE", "PUBLIC_SECURITY", "PUBLIC_HEALTH", "VISITOR_ILL_INJURED", "NATURAL_DISASTER");
    private static final List<String> LEVELS = List.of("I", "II", "III", "IV");
    private static final List<String> SOURCES = List.of("OPS_LOG", "DETECTOR");
    private static final List<String> CARD_KINDS = List.of("INCIDENT_RAISED", "VERBAL_REPORT_OVERDUE", "WRITTEN_REPORT_OVERDUE",
            "FOLLOW_UP_OVERDUE", "RESPONSE_OVERDUE", "WORKAROUND_OVERDUE", "RESTORATION_OVERDUE");

    private static final int F_TYPE = 1;
    private static final int F_LEVEL = 1 << 1;
    private static final int F_CONFIRMED = 1 << 2;
    private static final int F_WINDOWS = 1 << 3;
    private static final int F_DEPARTMENTS = 1 << 4;
    private static final int F_REPORTED_BY = 1 << 5;
    private static final int F_REPORTED_TO = 1 << 6;
    private static final int F_APPROVER = 1 << 7;
    private static final int F_PAUSE_FROM = 1 << 8;
    private static final int F_PAUSE_TO = 1 << 9;
    private static final int F_PAPER = 1 << 10;
    private static final int F_SOURCE = 1 << 11;
    private static final int F_RULE = 1 << 12;
    private static final int F_NOTE = 1 << 13;
    private static final int F_POSITION = 1 << 14;
    private static final int F_ALL = (1 << 15) - 1;

    private StateFormat() {}

    static byte[] encode(IncidentState s) {
        Map<String, Integer> table = new LinkedHashMap<>();
        Out body = new Out();
        body.varint(s.facts().size());
        long previous = 0;
        for (IncidentFact f : s.facts()) {
            int bits = (f.incidentType != null ? F_TYPE : 0) | (f.level != null ? F_LEVEL : 0) | (f.confirmed != null ? F_CONFIRMED : 0)
                    | (f.windowIds != null ? F_WINDOWS : 0) | (f.departmentIds != null ? F_DEPARTMENTS : 0)
                    | (f.reportedBy != null ? F_REPORTED_BY : 0) | (f.reportedTo != null ? F_REPORTED_TO : 0)
                    | (f.approver != null ? F_APPROVER : 0) | (f.pauseFrom != null ? F_PAUSE_FROM : 0) | (f.pauseTo != null ? F_PAUSE_TO : 0)
                    | (f.paperCases != null ? F_PAPER : 0) | (f.source != null ? F_SOURCE : 0) | (f.rule != null ? F_RULE : 0)
                    | (f.note != null ? F_NOTE : 0) | (f.sourcePosition != null ? F_POSITION : 0);
            body.varint(bits);
            body.varint(ref(table, f.factId));
            body.u8(code(FACT_TYPES, f.factType.name()));
            body.zigzag(f.at - previous);
            previous = f.at;
            body.zigzag(f.recordedAt - f.at);
            if (f.incidentType != null) {
                body.u8(code(TYPES, f.incidentType.name()));
            }
            if (f.level != null) {
                body.u8(code(LEVELS, f.level.name()));
            }
            if (f.confirmed != null) {
                body.u8(f.confirmed ? 1 : 0);
            }
            if (f.windowIds != null) {
                ids(body, table, f.windowIds);
            }
            if (f.departmentIds != null) {
                ids(body, table, f.departmentIds);
            }
            refIf(body, table, f.reportedBy);
            refIf(body, table, f.reportedTo);
            refIf(body, table, f.approver);
            if (f.pauseFrom != null) {
                body.zigzag(f.pauseFrom - f.at);
            }
            if (f.pauseTo != null) {
                body.zigzag(f.pauseTo - f.at);
            }
            if (f.paperCases != null) {
                body.varint(f.paperCases);
            }
            if (f.source != null) {
                body.u8(code(SOURCES, f.source.name()));
            }
            refIf(body, table, f.rule);
            refIf(body, table, f.note);
            refIf(body, table, f.sourcePosition);
        }
        body.varint(s.emitted().size());
        long prevCard = 0;
        for (EmittedIncidentCard c : s.emitted()) {
            body.u8(code(CARD_KINDS, c.kind().name()));
            body.varint(ref(table, c.qualifier()));
            body.zigzag(c.instant() - prevCard);
            prevCard = c.instant();
            body.varint(ref(table, c.ruleVersion()));
            body.u8(code(LEVELS, c.level().name()));
        }
        Out out = new Out();
        out.u8(IncidentState.FORMAT_VERSION);
        out.str(s.centerId());
        out.str(s.incidentId());
        out.varint(table.size());
        for (String t : table.keySet()) {
            out.str(t);
        }
        out.bytes(body.toByteArray());
        return out.toByteArray();
    }

    static IncidentState decode(byte[] bytes) {
        In in = new In(bytes);
        int version = in.u8();
        if (version != IncidentState.FORMAT_VERSION) {
            throw new IllegalArgumentException("incident state has format version " + version + ", this build reads "
                    + IncidentState.FORMAT_VERSION);
        }
        String center = in.str();
        String incident = in.str();
        int n = in.count();
        List<String> table = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            table.add(in.str());
        }
        int facts = in.count();
        List<IncidentFact> list = new ArrayList<>(facts);
        long previous = 0;
        for (int i = 0; i < facts; i++) {
            int bits = (int) in.varint();
            if ((bits & ~F_ALL) != 0) {
                throw new IllegalArgumentException("incident state has unknown field bits " + Integer.toHexString(bits));
            }
            IncidentFact f = new IncidentFact();
            f.centerId = center;
            f.incidentId = incident;
            f.factId = in.ref(table);
            f.factType = FactType.valueOf(in.code(FACT_TYPES));
            f.at = previous + in.zigzag();
            previous = f.at;
            f.recordedAt = f.at + in.zigzag();
            if ((bits & F_TYPE) != 0) {
                f.incidentType = IncidentType.valueOf(in.code(TYPES));
            }
            if ((bits & F_LEVEL) != 0) {
                f.level = IncidentLevel.valueOf(in.code(LEVELS));
            }
            if ((bits & F_CONFIRMED) != 0) {
                f.confirmed = in.u8() == 1;
            }
            if ((bits & F_WINDOWS) != 0) {
                f.windowIds = in.ids(table);
            }
            if ((bits & F_DEPARTMENTS) != 0) {
                f.departmentIds = in.ids(table);
            }
            f.reportedBy = (bits & F_REPORTED_BY) != 0 ? in.ref(table) : null;
            f.reportedTo = (bits & F_REPORTED_TO) != 0 ? in.ref(table) : null;
            f.approver = (bits & F_APPROVER) != 0 ? in.ref(table) : null;
            f.pauseFrom = (bits & F_PAUSE_FROM) != 0 ? f.at + in.zigzag() : null;
            f.pauseTo = (bits & F_PAUSE_TO) != 0 ? f.at + in.zigzag() : null;
            f.paperCases = (bits & F_PAPER) != 0 ? (int) in.varint() : null;
            f.source = (bits & F_SOURCE) != 0 ? FactSource.valueOf(in.code(SOURCES)) : null;
            f.rule = (bits & F_RULE) != 0 ? in.ref(table) : null;
            f.note = (bits & F_NOTE) != 0 ? in.ref(table) : null;
            f.sourcePosition = (bits & F_POSITION) != 0 ? in.ref(table) : null;
            list.add(f);
        }
        int cards = in.count();
        List<EmittedIncidentCard> emitted = new ArrayList<>(cards);
        long prevCard = 0;
        for (int i = 0; i < cards; i++) {
            IncidentCardKind kind = IncidentCardKind.valueOf(in.code(CARD_KINDS));
            String qualifier = in.ref(table);
            long instant = prevCard + in.zigzag();
            prevCard = instant;
            String ruleVersion = in.ref(table);
            emitted.add(new EmittedIncidentCard(kind, qualifier, instant, ruleVersion, IncidentLevel.valueOf(in.code(LEVELS))));
        }
        if (!in.atEnd()) {
            throw new IllegalArgumentException("incident state has " + in.remaining() + " trailing bytes");
        }
        return new IncidentState(center, incident, list, emitted);
    }

    private static int ref(Map<String, Integer> table, String s) {
        return table.computeIfAbsent(s, k -> table.size() + 1);
    }

    private static void refIf(Out out, Map<String, Integer> table, String s) {
        if (s != null) {
            out.varint(ref(table, s));
        }
    }

    private static void ids(Out out, Map<String, Integer> table, String[] ids) {
        out.varint(ids.length);
        for (String id : ids) {
            out.varint(ref(table, id));
        }
    }

    private static int code(List<String> names, String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalStateException(name + " has no code in the incident state format: append it to the list");
        }
        return i + 1;
    }

    private static final class Out {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream(256);

        void u8(int v) {
            b.write(v);
        }

        void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                b.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            b.write((int) v);
        }

        void zigzag(long v) {
            varint((v << 1) ^ (v >> 63));
        }

        void str(String s) {
            byte[] u = s.getBytes(StandardCharsets.UTF_8);
            varint(u.length);
            b.write(u, 0, u.length);
        }

        void bytes(byte[] bytes) {
            b.write(bytes, 0, bytes.length);
        }

        byte[] toByteArray() {
            return b.toByteArray();
        }
    }

    private static final class In {
        private final byte[] b;
        private int pos;

        In(byte[] b) {
            this.b = b;
        }

        int u8() {
            if (pos >= b.length) {
                throw new IllegalArgumentException("incident state is truncated");
            }
            return b[pos++] & 0xFF;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int x = u8();
                v |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("incident state has a malformed number");
        }

        long zigzag() {
            long v = varint();
            return (v >>> 1) ^ -(v & 1);
        }

        int count() {
            long n = varint();
            if (n < 0 || n > b.length) {
                throw new IllegalArgumentException("incident state has an impossible count " + n);
            }
            return (int) n;
        }

        String str() {
            int n = count();
            if (pos + n > b.length) {
                throw new IllegalArgumentException("incident state is truncated");
            }
            String s = new String(b, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        String ref(List<String> table) {
            long r = varint();
            if (r < 1 || r > table.size()) {
                throw new IllegalArgumentException("incident state refers to string " + r + " of " + table.size());
            }
            return table.get((int) r - 1);
        }

        String[] ids(List<String> table) {
            int n = count();
            String[] out = new String[n];
            for (int i = 0; i < n; i++) {
                out[i] = ref(table);
            }
            return out;
        }

        String code(List<String> names) {
            int c = u8();
            if (c < 1 || c > names.size()) {
                throw new IllegalArgumentException("incident state has an unknown code " + c);
            }
            return names.get(c - 1);
        }

        boolean atEnd() {
            return pos == b.length;
        }

        int remaining() {
            return b.length - pos;
        }
    }
}
