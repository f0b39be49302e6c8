package cn.xiaoneng.deadline.engine;

import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.EventType;
import cn.xiaoneng.model.Limit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a case's facts say, before any clock arithmetic: when it was accepted and closed, its attributes, its
 * pauses, extensions, steps and absences. Pure: the same facts give the same view.
 */
final class CaseView {
    /**
     * Order in which pauses and steps are paired: business time, then openers before closers at the same
     * instant (so that a SUSPENDED and a RESUMED stamped alike make an empty pause, not one that never ends),
     * then event id.
     */
    private static final Comparator<CaseFact> PAIRING = Comparator.comparingLong(CaseFact::businessTime)
            .thenComparingInt(CaseView::phase).thenComparing(CaseFact::eventId);

    final String caseId;
    final String centerId;
    /** The earliest ACCEPTED: the clock starts from it (行政许可法 Art. 32: 受理 after any 补正). */
    final CaseFact accepted;
    /** The earliest closing fact (EventType.closesCase()). */
    final CaseFact closing;
    final String windowId;
    final String itemCode;
    final String itemName;
    final CaseKind caseKind;
    final Limit committedLimit;
    final Limit legalLimit;
    /** The department of the ACCEPTED fact, else of the first fact naming one. */
    final String departmentOfRecord;
    /** Departments taking part, lead first, distinct; a single department when no 联办 list is given. */
    final List<String> departments;
    final List<PauseSpan> pauses;
    final List<CaseFact> extensions;
    final List<StepSpan> steps;
    /** The first absence (缺席) reported for each department. */
    final List<CaseFact> absences;
    /** Facts that name a handler, in fact order: who last acted on the case. */
    final List<CaseFact> handled;

    /**
     * A clock stop [from, to); {@code to} is null while it has not ended. {@code openedBy} is the fact that opened it,
     * {@code closedBy} the one that ended it (a SUPPLEMENT_RECEIVED, RESUMED or the 受理), null while open.
     */
    record PauseSpan(long from, Long to, String reason, EventType opener, String stepId, CaseFact openedBy, CaseFact closedBy) {
        PauseRow.Kind kind() {
            return switch (opener) {
                case SUPPLEMENT_REQUESTED -> PauseRow.Kind.SUPPLEMENT;
                case REPORTED_UP -> PauseRow.Kind.REPORTED_UP;
                default -> declaredPause(openedBy) ? PauseRow.Kind.DECLARED : PauseRow.Kind.SUSPENDED;
            };
        }
    }

    /** A step as its facts give it; the 跟踪表 row adds counted time. */
    static final class StepSpan {
        String key;
        String stepId;
        String stepName;
        String departmentId;
        String handler;
        long started;
        boolean startInferred;
        Long ended;
        String result;

        boolean runningAt(long t) {
            return started <= t && (ended == null || ended > t);
        }
    }

    CaseView(CaseFacts facts) {
        this.caseId = facts.caseId();
        this.centerId = facts.centerId();
        CaseFact acc = null;
        CaseFact close = null;
        String window = null;
        String code = null;
        String name = null;
        CaseKind kind = null;
        Limit committed = null;
        Limit legal = null;
        String firstDepartment = null;
        List<String> departmentIds = List.of();
        List<CaseFact> ext = new ArrayList<>();
        List<CaseFact> withHandler = new ArrayList<>();
        List<CaseFact> absenceReports = new ArrayList<>();
        // Attributes: the latest stated value wins (fact order), so a correction overrides what came before.
        for (CaseFact f : facts.facts()) {
            if (f.type() == EventType.ACCEPTED && acc == null) {
                acc = f;
            }
            if (f.type().closesCase() && close == null) {
                close = f;
            }
            window = f.windowId() != null ? f.windowId() : window;
            code = f.itemCode() != null ? f.itemCode() : code;
            name = f.itemName() != null ? f.itemName() : name;
            kind = f.caseKind() != null ? f.caseKind() : kind;
            committed = f.committedLimit() != null ? f.committedLimit() : committed;
            legal = f.legalLimit() != null ? f.legalLimit() : legal;
            departmentIds = !f.departmentIds().isEmpty() ? f.departmentIds() : departmentIds;
            if (firstDepartment == null && f.departmentId() != null) {
                firstDepartment = f.departmentId();
            }
            if (f.type() == EventType.EXTENSION_APPROVED) {
                ext.add(f);
            }
            // A declared pause names its approver as handler; the approver did not act on the case (6.6.7: the
            // holder of record is who last handled it).
            if (f.handler() != null && !declaredPause(f)) {
                withHandler.add(f);
            }
            if (f.type() == EventType.STEP_COMPLETED && Conventions.RESULT_ABSENT.equals(f.result())) {
                absenceReports.add(f);
            }
        }
        this.accepted = acc;
        this.closing = close;
        this.windowId = window;
        this.itemCode = code;
        this.itemName = name;
        this.caseKind = kind;
        this.committedLimit = committed;
        this.legalLimit = legal;
        this.departmentOfRecord = acc != null && acc.departmentId() != null ? acc.departmentId() : firstDepartment;
        LinkedHashSet<String> ds = new LinkedHashSet<>(departmentIds);
        if (ds.isEmpty() && departmentOfRecord != null) {
            ds.add(departmentOfRecord);
        }
        this.departments = List.copyOf(ds);
        this.extensions = List.copyOf(ext);
        this.handled = List.copyOf(withHandler);
        Map<String, CaseFact> firstPerDepartment = new LinkedHashMap<>();
        for (CaseFact f : absenceReports) {
            String d = departmentOf(f);
            if (d != null) {
                firstPerDepartment.putIfAbsent(d, f);
            }
        }
        this.absences = List.copyOf(firstPerDepartment.values());

        List<CaseFact> paired = new ArrayList<>(facts.facts());
        paired.sort(PAIRING);
        this.pauses = pauses(paired, acc);
        this.steps = steps(paired, acc, departmentOfRecord);
    }

    boolean hasClock() {
        return accepted != null;
    }

    boolean joint() {
        return departments.size() > 1;
    }

    /** The case window for its department of record; other departments' windows are not known. */
    String windowFor(String departmentId) {
        return departmentId == null || Objects.equals(departmentId, departmentOfRecord) ? windowId : null;
    }

    /** The department a fact is about: its own, else the department of record. */
    String departmentOf(CaseFact f) {
        return f.departmentId() != null ? f.departmentId() : departmentOfRecord;
    }

    /**
     * A SUSPENDED or RESUMED of a pause the center declared for an emergency ({@link Conventions#DECLARED_PAUSE_STEP_PREFIX}).
     */
    static boolean declaredPause(CaseFact f) {
        return f != null && (f.type() == EventType.SUSPENDED || f.type() == EventType.RESUMED) && f.stepId() != null
                && f.stepId().startsWith(Conventions.DECLARED_PAUSE_STEP_PREFIX);
    }

    private static int phase(CaseFact f) {
        return switch (f.type()) {
            case STEP_STARTED, SUPPLEMENT_REQUESTED, SUSPENDED, REPORTED_UP -> 0;
            case STEP_COMPLETED, SUPPLEMENT_RECEIVED, RESUMED -> 2;
            default -> 1;
        };
    }

    /**
     * Clock stops, paired in {@link #PAIRING} order:
     * <ul>
     *   <li>补正: SUPPLEMENT_REQUESTED opens one unless one is open; SUPPLEMENT_RECEIVED ends it. A 补正 still open
     *       when the case is accepted ends at the 受理: acceptance means the materials are complete (Art. 32).</li>
     *   <li>SUSPENDED (行政许可法 Art. 45 special procedures) and REPORTED_UP (waiting on a higher level) each open
     *       one; a RESUMED ends the open one of the same step id if there is one, else the oldest. Overlapping
     *       stops are merged by the calculator, so the clock stops once.</li>
     *   <li>A pause the center declared (附录C, {@link Conventions#DECLARED_PAUSE_STEP_PREFIX}) ends only with the RESUMED
     *       of its own step id: the department's own RESUMED ends the department's suspension, never the center's
     *       declaration (its 跟踪表 row would otherwise show the wrong end and reason).</li>
     * </ul>
     * A closer with nothing open is ignored.
     */
    private static List<PauseSpan> pauses(List<CaseFact> facts, CaseFact accepted) {
        List<PauseSpan> out = new ArrayList<>();
        CaseFact supplement = null;
        List<CaseFact> suspensions = new ArrayList<>();
        for (CaseFact f : facts) {
            switch (f.type()) {
                case SUPPLEMENT_REQUESTED -> {
                    if (supplement == null) {
                        supplement = f;
                    }
                }
                case SUPPLEMENT_RECEIVED -> {
                    if (supplement != null) {
                        out.add(new PauseSpan(supplement.businessTime(), f.businessTime(), reason(supplement, "补正"),
                                EventType.SUPPLEMENT_REQUESTED, supplement.stepId(), supplement, f));
                        supplement = null;
                    }
                }
                case ACCEPTED -> {
                    if (f == accepted && supplement != null && supplement.businessTime() < f.businessTime()) {
                        out.add(new PauseSpan(supplement.businessTime(), f.businessTime(), reason(supplement, "补正"),
                                EventType.SUPPLEMENT_REQUESTED, supplement.stepId(), supplement, f));
                        supplement = null;
                    }
                }
                case SUSPENDED, REPORTED_UP -> suspensions.add(f);
                case RESUMED -> {
                    int at = closedBy(suspensions, f);
                    if (at >= 0) {
                        CaseFact open = suspensions.remove(at);
                        out.add(new PauseSpan(open.businessTime(), f.businessTime(), reason(open, label(open)), open.type(), open.stepId(),
                                open, f));
                    }
                }
                default -> { }
            }
        }
        if (supplement != null) {
            out.add(new PauseSpan(supplement.businessTime(), null, reason(supplement, "补正"), EventType.SUPPLEMENT_REQUESTED,
                    supplement.stepId(), supplement, null));
        }
        for (CaseFact open : suspensions) {
            out.add(new PauseSpan(open.businessTime(), null, reason(open, label(open)), open.type(), open.stepId(), open, null));
        }
        out.sort(Comparator.comparingLong(PauseSpan::from));
        return List.copyOf(out);
    }

    /**
     * Which open suspension a RESUMED ends: the one of its step id; else the oldest that is not a declared pause (a
     * declaration ends only with its own RESUMED, and its RESUMED ends nothing else); -1 for none.
     */
    private static int closedBy(List<CaseFact> open, CaseFact resumed) {
        if (resumed.stepId() != null) {
            for (int i = 0; i < open.size(); i++) {
                if (resumed.stepId().equals(open.get(i).stepId())) {
                    return i;
                }
            }
        }
        if (declaredPause(resumed)) {
            return -1;
        }
        for (int i = 0; i < open.size(); i++) {
            if (!declaredPause(open.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String label(CaseFact opener) {
        return opener.type() == EventType.REPORTED_UP ? PauseRow.Kind.REPORTED_UP.label()
                : declaredPause(opener) ? PauseRow.Kind.DECLARED.label() : PauseRow.Kind.SUSPENDED.label();
    }

    private static String reason(CaseFact f, String fallback) {
        return f.reason() != null ? f.reason() : fallback;
    }

    /**
     * Steps, paired by key (step id, else name and department): a STEP_STARTED opens a row unless one with that
     * key is open (a repeated start is ignored); after a completion it opens the next instance ({@code #2}). A
     * STEP_COMPLETED ends the open row; with no row at all it makes one whose start is inferred (the latest
     * earlier step end, else the 受理); with only completed rows it is a repeat and ignored.
     */
    private static List<StepSpan> steps(List<CaseFact> facts, CaseFact accepted, String departmentOfRecord) {
        List<StepSpan> rows = new ArrayList<>();
        Map<String, StepSpan> open = new HashMap<>();
        Map<String, Integer> instances = new HashMap<>();
        for (CaseFact f : facts) {
            if (f.type() != EventType.STEP_STARTED && f.type() != EventType.STEP_COMPLETED) {
                continue;
            }
            String department = f.departmentId() != null ? f.departmentId() : departmentOfRecord;
            String base = f.stepId() != null ? f.stepId() : "name:" + f.stepName() + "@" + department;
            StepSpan row = open.get(base);
            if (f.type() == EventType.STEP_STARTED) {
                if (row != null) {
                    continue;
                }
                rows.add(newRow(f, base, department, instances, f.businessTime(), false, open));
            } else if (row != null) {
                row.ended = f.businessTime();
                row.result = f.result();
                row.handler = row.handler != null ? row.handler : f.handler();
                open.remove(base);
            } else if (!instances.containsKey(base)) {
                long inferred = accepted != null && accepted.businessTime() <= f.businessTime() ? accepted.businessTime() : f.businessTime();
                for (StepSpan r : rows) {
                    if (r.ended != null && r.ended <= f.businessTime() && r.ended > inferred) {
                        inferred = r.ended;
                    }
                }
                StepSpan made = newRow(f, base, department, instances, inferred, true, open);
                made.ended = f.businessTime();
                made.result = f.result();
                open.remove(base);
                rows.add(made);
            }
        }
        rows.sort(Comparator.comparingLong((StepSpan s) -> s.started).thenComparing(s -> s.key));
        return List.copyOf(rows);
    }

    private static StepSpan newRow(CaseFact f, String base, String department, Map<String, Integer> instances, long started,
                                   boolean inferred, Map<String, StepSpan> open) {
        int n = instances.merge(base, 1, Integer::sum);
        StepSpan s = new StepSpan();
        s.key = n == 1 ? base : base + "#" + n;
        s.stepId = f.stepId();
        s.stepName = f.stepName();
        s.departmentId = department;
        s.handler = f.handler();
        s.started = started;
        s.startInferred = inferred;
        open.put(base, s);
        return s;
    }
}
