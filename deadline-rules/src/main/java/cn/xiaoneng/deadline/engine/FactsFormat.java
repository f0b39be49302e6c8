package cn.xiaoneng.deadline.engine;

import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.EventType;
import cn.xiaoneng.model.Limit;
import cn.xiaoneng.model.LimitUnit;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary layout of {@link CaseFacts}, version 1. Everything is written in a fixed order, so equal states give
 * equal bytes.
 *
 * <pre>
 * u8      format version (1)
 * str     caseId, centerId                       str = varint byte length + UTF-8
 * varint  n; str × n                             string table, in order of first use
 * varint  number of facts; fact × n
 *   varint  presence bits (see F_*)
 *   id      16 raw bytes when the event id is 32 lowercase hex, else a string reference (F_TEXT_ID)
 *   u8      event type code (EVENT_TYPES, 1-based; codes are never reused)
 *   zigzag  business time − previous fact's business time (first: − 0), ms
 *   zigzag  source commit time − business time, ms
 *   ...     present fields in F_* order: string references (varint, 1-based into the table), limits
 *           (u8 unit code + varint value), case kind (u8 code), department ids (varint count + references)
 * varint  number of raised cards; card × n
 *   u8 kind code, varint qualifier reference, zigzag instant − previous instant, varint rule version reference
 * </pre>
 *
 * Enum values are stored as codes from the fixed lists below, not as ordinals: reordering an enum in the model
 * cannot corrupt stored state, and a new constant must be appended here before it can be stored.
 */
final class FactsFormat {
    private static final List<String> EVENT_TYPES = List.of("SUBMITTED", "ACCEPTED", "NOT_ACCEPTED", "STEP_STARTED",
            "STEP_COMPLETED", "SUPPLEMENT_REQUESTED", "SUPPLEMENT_RECEIVED", "SUSPENDED", "RESUMED", "EXTENSION_APPROVED",
            "REPORTED_UP", "RETURNED", "COMPLETED", "DELIVERED", "WITHDRAWN");
    private static final List<String> CASE_KINDS = List.of("IMMEDIATE", "COMMITTED", "JOINT", "REPORTED", "RETURNED",
            "RESUBMITTED", "URGENT");
    private static final List<String> LIMIT_UNITS = List.of("WORKING_DAYS", "NATURAL_DAYS", "IMMEDIATE");
    private static final List<String> CARD_KINDS = List.of("WARNING", "YELLOW", "RED", "STEP_OVERRUN", "DEEMED_CONSENT",
            "ABSENCE_DEFAULT");

    private static final int F_DEPARTMENT = 1;
    private static final int F_WINDOW = 1 << 1;
    private static final int F_HANDLER = 1 << 2;
    private static final int F_STEP_ID = 1 << 3;
    private static final int F_STEP_NAME = 1 << 4;
    private static final int F_RESULT = 1 << 5;
    private static final int F_REASON = 1 << 6;
    private static final int F_COMMITTED = 1 << 7;
    private static final int F_LEGAL = 1 << 8;
    private static final int F_CASE_KIND = 1 << 9;
    private static final int F_ITEM_CODE = 1 << 10;
    private static final int F_ITEM_NAME = 1 << 11;
    private static final int F_DEPARTMENTS = 1 << 12;
    private static final int F_TEXT_ID = 1 << 13;
    private static final int F_ALL = (1 << 14) - 1;

    private static final HexFormat HEX = HexFormat.of();
    // Codes by ordinal and constants by code, from the lists above (the lists stay the definition).
    private static final int[] EVENT_TYPE_CODES = codes(EventType.values(), EVENT_TYPES);
    private static final EventType[] EVENT_TYPE_BY_CODE = byCode(EventType.values(), EVENT_TYPES, new EventType[EVENT_TYPES.size()]);
    private static final int[] CASE_KIND_CODES = codes(CaseKind.values(), CASE_KINDS);
    private static final CaseKind[] CASE_KIND_BY_CODE = byCode(CaseKind.values(), CASE_KINDS, new CaseKind[CASE_KINDS.size()]);
    private static final int[] LIMIT_UNIT_CODES = codes(LimitUnit.values(), LIMIT_UNITS);
    private static final LimitUnit[] LIMIT_UNIT_BY_CODE = byCode(LimitUnit.values(), LIMIT_UNITS, new LimitUnit[LIMIT_UNITS.size()]);
    private static final int[] CARD_KIND_CODES = codes(CardKind.values(), CARD_KINDS);
    private static final CardKind[] CARD_KIND_BY_CODE = byCode(CardKind.values(), CARD_KINDS, new CardKind[CARD_KINDS.size()]);

    private FactsFormat() {}

    /**
     * The facts' share of an encoding: the string-table entries the facts use (always the first ones: the table is in
     * order of first use and the facts come first), those entries encoded, and the fact count with the facts. Kept on
     * the state ({@link CaseFacts}) so that a state whose facts did not change — a timer that raised a card — is encoded
     * again without encoding its facts again: a fifth of the engine's time on a burst of timers.
     */
    static final class FactsPart {
        final String[] strings;
        final byte[] stringBytes;
        final byte[] body;

        FactsPart(String[] strings, byte[] stringBytes, byte[] body) {
            this.strings = strings;
            this.stringBytes = stringBytes;
            this.body = body;
        }
    }

    static byte[] encode(CaseFacts state) {
        FactsPart part = state.factsPart();
        if (part == null) {
            part = encodeFacts(state);
            state.rememberFactsPart(part);
        }
        Map<String, Integer> table = new LinkedHashMap<>();
        for (String s : part.strings) {
            table.put(s, table.size());
        }
        long previousInstant = 0;
        Out cards = new Out();
        for (EmittedCard c : state.emitted()) {
            cards.u8(code(CARD_KIND_CODES, c.kind()));
            cards.varint(ref(table, c.qualifier()));
            cards.zigzag(c.instant() - previousInstant);
            previousInstant = c.instant();
            cards.varint(ref(table, c.ruleVersion()));
        }

        Out out = new Out();
        out.u8(CaseFacts.FORMAT_VERSION);
        out.string(state.caseId());
        out.string(state.centerId());
        out.varint(table.size());
        out.bytes(part.stringBytes);
        int i = 0;
        for (String s : table.keySet()) {
            if (i++ >= part.strings.length) {
                out.string(s); // used by the cards only
            }
        }
        out.bytes(part.body);
        out.varint(state.emitted().size());
        out.bytes(cards.toByteArray());
        return out.toByteArray();
    }

    private static FactsPart encodeFacts(CaseFacts state) {
        Map<String, Integer> table = new LinkedHashMap<>();
        Out body = new Out();
        body.varint(state.facts().size());
        long previous = 0;
        for (CaseFact f : state.facts()) {
            boolean hexId = isHexId(f.eventId());
            int bits = (f.departmentId() != null ? F_DEPARTMENT : 0) | (f.windowId() != null ? F_WINDOW : 0)
                    | (f.handler() != null ? F_HANDLER : 0) | (f.stepId() != null ? F_STEP_ID : 0)
                    | (f.stepName() != null ? F_STEP_NAME : 0) | (f.result() != null ? F_RESULT : 0)
                    | (f.reason() != null ? F_REASON : 0) | (f.committedLimit() != null ? F_COMMITTED : 0)
                    | (f.legalLimit() != null ? F_LEGAL : 0) | (f.caseKind() != null ? F_CASE_KIND : 0)
                    | (f.itemCode() != null ? F_ITEM_CODE : 0) | (f.itemName() != null ? F_ITEM_NAME : 0)
                    | (!f.departmentIds().isEmpty() ? F_DEPARTMENTS : 0) | (hexId ? 0 : F_TEXT_ID);
            body.varint(bits);
            if (hexId) {
                body.bytes(HEX.parseHex(f.eventId()));
            } else {
                body.varint(ref(table, f.eventId()));
            }
            body.u8(code(EVENT_TYPE_CODES, f.type()));
            body.zigzag(f.businessTime() - previous);
            body.zigzag(f.sourceCommitTime() - f.businessTime());
            previous = f.businessTime();
            optional(body, table, f.departmentId());
            optional(body, table, f.windowId());
            optional(body, table, f.handler());
            optional(body, table, f.stepId());
            optional(body, table, f.stepName());
            optional(body, table, f.result());
            optional(body, table, f.reason());
            limit(body, f.committedLimit());
            limit(body, f.legalLimit());
            if (f.caseKind() != null) {
                body.u8(code(CASE_KIND_CODES, f.caseKind()));
            }
            optional(body, table, f.itemCode());
            optional(body, table, f.itemName());
            if (!f.departmentIds().isEmpty()) {
                body.varint(f.departmentIds().size());
                for (String d : f.departmentIds()) {
                    body.varint(ref(table, d));
                }
            }
        }
        Out strings = new Out();
        for (String s : table.keySet()) {
            strings.string(s);
        }
        return new FactsPart(table.keySet().toArray(String[]::new), strings.toByteArray(), body.toByteArray());
    }


    static CaseFacts decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("case state is empty");
        }
        if (bytes[0] != CaseFacts.FORMAT_VERSION) {
            throw new IllegalArgumentException("case state has format version " + bytes[0] + "; this build reads version "
                    + CaseFacts.FORMAT_VERSION);
        }
        In in = new In(bytes, 1);
        try {
            String caseId = in.string();
            String centerId = in.string();
            int n = in.count();
            String[] table = new String[n];
            int[] starts = new int[n + 1];
            for (int i = 0; i < n; i++) {
                starts[i] = in.pos;
                table[i] = in.string();
            }
            starts[n] = in.pos;
            int bodyStart = in.pos;
            int factCount = in.count();
            List<CaseFact> facts = new ArrayList<>(factCount);
            long previous = 0;
            for (int i = 0; i < factCount; i++) {
                int bits = (int) in.varint();
                if ((bits & ~F_ALL) != 0) {
                    throw new IllegalArgumentException("unknown field bits " + Integer.toBinaryString(bits));
                }
                String eventId = (bits & F_TEXT_ID) != 0 ? in.ref(table) : HEX.formatHex(in.bytes(16));
                EventType type = constant(EVENT_TYPE_BY_CODE, in.u8());
                long business = previous + in.zigzag();
                long commit = business + in.zigzag();
                previous = business;
                String department = (bits & F_DEPARTMENT) != 0 ? in.ref(table) : null;
                String window = (bits & F_WINDOW) != 0 ? in.ref(table) : null;
                String handler = (bits & F_HANDLER) != 0 ? in.ref(table) : null;
                String stepId = (bits & F_STEP_ID) != 0 ? in.ref(table) : null;
                String stepName = (bits & F_STEP_NAME) != 0 ? in.ref(table) : null;
                String result = (bits & F_RESULT) != 0 ? in.ref(table) : null;
                String reason = (bits & F_REASON) != 0 ? in.ref(table) : null;
                Limit committed = (bits & F_COMMITTED) != 0 ? in.limit() : null;
                Limit legal = (bits & F_LEGAL) != 0 ? in.limit() : null;
                CaseKind kind = (bits & F_CASE_KIND) != 0 ? constant(CASE_KIND_BY_CODE, in.u8()) : null;
                String itemCode = (bits & F_ITEM_CODE) != 0 ? in.ref(table) : null;
                String itemName = (bits & F_ITEM_NAME) != 0 ? in.ref(table) : null;
                List<String> departments = List.of();
                if ((bits & F_DEPARTMENTS) != 0) {
                    int k = in.count();
                    List<String> d = new ArrayList<>(k);
                    for (int j = 0; j < k; j++) {
                        d.add(in.ref(table));
                    }
                    departments = d;
                }
                facts.add(new CaseFact(eventId, type, business, commit, department, window, handler, stepId, stepName, result,
                        reason, committed, legal, kind, itemCode, itemName, departments));
            }
            int bodyEnd = in.pos;
            int factStrings = in.maxRef;
            int cardCount = in.count();
            List<EmittedCard> cards = new ArrayList<>(cardCount);
            long previousInstant = 0;
            for (int i = 0; i < cardCount; i++) {
                CardKind kind = constant(CARD_KIND_BY_CODE, in.u8());
                String qualifier = in.ref(table);
                long instant = previousInstant + in.zigzag();
                previousInstant = instant;
                cards.add(new EmittedCard(kind, qualifier, instant, in.ref(table)));
            }
            if (in.pos != bytes.length) {
                throw new IllegalArgumentException((bytes.length - in.pos) + " bytes left over");
            }
            FactsPart part = new FactsPart(java.util.Arrays.copyOf(table, factStrings),
                    java.util.Arrays.copyOfRange(bytes, starts[0], starts[factStrings]), java.util.Arrays.copyOfRange(bytes, bodyStart, bodyEnd));
            return new CaseFacts(caseId, centerId, facts, cards, part);
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("case state is truncated at byte " + in.pos);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("case state is corrupt at byte " + in.pos + ": " + e.getMessage(), e);
        }
    }

    private static void optional(Out out, Map<String, Integer> table, String value) {
        if (value != null) {
            out.varint(ref(table, value));
        }
    }

    private static void limit(Out out, Limit l) {
        if (l != null) {
            out.u8(code(LIMIT_UNIT_CODES, l.unit));
            out.varint(l.value);
        }
    }

    private static int ref(Map<String, Integer> table, String s) {
        return table.computeIfAbsent(s, k -> table.size()) + 1;
    }

    /** 32 lowercase hex digits: stored as 16 raw bytes. */
    private static boolean isHexId(String id) {
        if (id.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** Each constant's code (1-based position of its name in {@code names}), by ordinal; 0 = none. */
    private static int[] codes(Enum<?>[] constants, List<String> names) {
        int[] codes = new int[constants.length];
        for (Enum<?> c : constants) {
            codes[c.ordinal()] = names.indexOf(c.name()) + 1;
        }
        return codes;
    }

    private static <E extends Enum<E>> E[] byCode(E[] constants, List<String> names, E[] out) {
        for (E c : constants) {
            int i = names.indexOf(c.name());
            if (i >= 0) {
                out[i] = c;
            }
        }
        return out;
    }

    private static int code(int[] codes, Enum<?> constant) {
        int code = codes[constant.ordinal()];
        if (code == 0) {
            throw new IllegalStateException(constant.name() + " has no code in state format " + CaseFacts.FORMAT_VERSION
                    + ": append it to FactsFormat before storing it");
        }
        return code;
    }

    private static <E> E constant(E[] byCode, int code) {
        if (code < 1 || code > byCode.length || byCode[code - 1] == null) {
            throw new IllegalArgumentException("unknown code " + code);
        }
        return byCode[code - 1];
    }

    private static final class Out extends ByteArrayOutputStream {
        Out() {
            super(256);
        }

        void u8(int v) {
            write(v);
        }

        void bytes(byte[] b) {
            write(b, 0, b.length);
        }

        void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            write((int) v);
        }

        void zigzag(long v) {
            varint((v << 1) ^ (v >> 63));
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length);
            bytes(b);
        }
    }

    private static final class In {
        private final byte[] buf;
        int pos;
        /** The highest string reference read so far (1-based; 0: none). */
        int maxRef;

        In(byte[] buf, int pos) {
            this.buf = buf;
            this.pos = pos;
        }

        int u8() {
            return buf[pos++] & 0xFF;
        }

        byte[] bytes(int n) {
            if (pos + n > buf.length) {
                throw new ArrayIndexOutOfBoundsException(pos + n);
            }
            byte[] b = java.util.Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return b;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = u8();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("varint longer than 10 bytes");
        }

        long zigzag() {
            long v = varint();
            return (v >>> 1) ^ -(v & 1);
        }

        int count() {
            long n = varint();
            if (n < 0 || n > buf.length) {
                throw new IllegalArgumentException("count " + n + " exceeds the state's size");
            }
            return (int) n;
        }

        String string() {
            int n = count();
            return new String(bytes(n), StandardCharsets.UTF_8);
        }

        String ref(String[] table) {
            long r = varint();
            if (r < 1 || r > table.length) {
                throw new IllegalArgumentException("string reference " + r + " outside a table of " + table.length);
            }
            maxRef = Math.max(maxRef, (int) r);
            return table[(int) r - 1];
        }

        Limit limit() {
            LimitUnit unit = constant(LIMIT_UNIT_BY_CODE, u8());
            long v = varint();
            if (v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("limit value " + v + " too large");
            }
            return new Limit((int) v, unit);
        }
    }
}
