package cn.xiaoneng.incident;

import cn.xiaoneng.model.Times;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of an incident's timeline, from the center's operations log or from a detector. JSON form:
 * {@link IncidentFactCodec} (docs/incidents.md, "Fact JSON").
 *
 * <p>{@link #at} is when it happened (business time); {@link #recordedAt} when the log committed it. A report made
 * at 08:25 and typed in at 09:40 has {@code at} 08:25: the plan judges the 08:25, and a card raised in between is
 * retracted (the same rule as a paper case entered late in the deadline engine).
 *
 * <p>A Flink POJO: public no-arg constructor, public fields, only String, enum, boxed and array field types.
 * Instants are epoch milliseconds.
 */
public final class IncidentFact {
    public static final int SCHEMA_VERSION = 1;
    /**
     * Facts in timeline order: business time, then the order of {@link FactType} (an onset before its detection, a
     * restoration before the closing at the same minute), then fact id.
     */
    public static final Comparator<IncidentFact> ORDER = Comparator.comparingLong((IncidentFact f) -> f.at)
            .thenComparing(f -> f.factType).thenComparing(f -> f.factId);
    static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_./:@#+-]{0,127}");

    public int schemaVersion = SCHEMA_VERSION;
    /** Unique within the incident; a redelivered fact (same id) changes nothing. */
    public String factId;
    /** Unique within the center (ops log: its own number; detectors: {@code auto-…}, see docs). */
    public String incidentId;
    public String centerId;
    public FactType factType;
    /** When it happened (epoch ms). */
    public long at;
    /** When the operations log (or the detector) recorded it (epoch ms); at or after {@link #at} in practice. */
    public long recordedAt;
    /** On {@link FactType#ONSET} (required), and on any fact that corrects the type. */
    public IncidentType incidentType;
    /** On {@link FactType#ONSET} (the initial level) and {@link FactType#LEVEL_CHANGED} (required). */
    public IncidentLevel level;
    /** On {@link FactType#ONSET}: false = suspected (疑似) until a CONFIRMED fact; null = true. */
    public Boolean confirmed;
    /** Affected windows and departments; every fact may add some (the union is affected). */
    public String[] windowIds;
    public String[] departmentIds;
    /** Who reported, to whom (reports); who acted (other facts). */
    public String reportedBy;
    public String reportedTo;
    /** {@link FactType#CLOCK_PAUSE_DECLARED}: who approved the pause (required); {@link #at} is when. */
    public String approver;
    /** {@link FactType#CLOCK_PAUSE_DECLARED}: the paused interval [from, to); no {@code to} = until service is restored. */
    public Long pauseFrom;
    public Long pauseTo;
    /** {@link FactType#PAPER_REGISTERED}: cases the window accepted on paper during the incident. */
    public Integer paperCases;
    /** Who wrote it; null = {@link FactSource#OPS_LOG}. */
    public FactSource source;
    /** For detector facts: the rule that fired ({@code source-silence}, {@code window-idle}). */
    public String rule;
    public String note;
    /** Where the fact came from (ops-log LSN, or the detector's observation), for tracing. */
    public String sourcePosition;

    public IncidentFact() {}

    /**
     * A fact built in code, recorded when it happened; its id is {@code <incidentId>/<type>/<at>} unless set.
     */
    public static IncidentFact of(String centerId, String incidentId, FactType type, long at) {
        IncidentFact f = new IncidentFact();
        f.centerId = centerId;
        f.incidentId = incidentId;
        f.factType = type;
        f.at = at;
        f.recordedAt = at;
        f.factId = incidentId + "/" + type.name() + "/" + Times.format(at);
        return f;
    }

    public IncidentFact factId(String id) {
        this.factId = id;
        return this;
    }

    public IncidentFact recordedAt(long t) {
        this.recordedAt = t;
        return this;
    }

    public IncidentFact type(IncidentType t) {
        this.incidentType = t;
        return this;
    }

    public IncidentFact level(IncidentLevel l) {
        this.level = l;
        return this;
    }

    public IncidentFact confirmed(boolean c) {
        this.confirmed = c;
        return this;
    }

    public IncidentFact windows(String... ids) {
        this.windowIds = ids;
        return this;
    }

    public IncidentFact departments(String... ids) {
        this.departmentIds = ids;
        return this;
    }

    public IncidentFact reported(String by, String to) {
        this.reportedBy = by;
        this.reportedTo = to;
        return this;
    }

    public IncidentFact pause(String approvedBy, long from, Long to) {
        this.approver = approvedBy;
        this.pauseFrom = from;
        this.pauseTo = to;
        return this;
    }

    public IncidentFact paperCases(int n) {
        this.paperCases = n;
        return this;
    }

    public IncidentFact by(FactSource s, String detectionRule) {
        this.source = s;
        this.rule = detectionRule;
        return this;
    }

    public IncidentFact note(String text) {
        this.note = text;
        return this;
    }

    /** {@link #source}, or OPS_LOG when unset. */
    public FactSource sourceOrDefault() {
        return source == null ? FactSource.OPS_LOG : source;
    }

    /** {@link #confirmed}, true when unset. */
    public boolean confirmedOrDefault() {
        return confirmed == null || confirmed;
    }

    /**
     * Checks what the rules need of this fact and returns it.
     *
     * @throws IllegalArgumentException naming the fact and the field
     */
    public IncidentFact validate() {
        String who = "incident fact " + (factId == null ? "(no factId)" : "'" + factId + "'");
        id(who, "factId", factId);
        id(who, "incidentId", incidentId);
        id(who, "centerId", centerId);
        if (factType == null) {
            throw new IllegalArgumentException(who + " has no factType");
        }
        ids(who, "windowIds", windowIds);
        ids(who, "departmentIds", departmentIds);
        switch (factType) {
            case ONSET -> {
                if (incidentType == null) {
                    throw new IllegalArgumentException(who + ": an ONSET needs an incidentType");
                }
            }
            case LEVEL_CHANGED -> {
                if (level == null) {
                    throw new IllegalArgumentException(who + ": a LEVEL_CHANGED needs a level");
                }
            }
            case CLOCK_PAUSE_DECLARED -> {
                if (approver == null || approver.isBlank()) {
                    throw new IllegalArgumentException(who + ": a CLOCK_PAUSE_DECLARED needs the approver");
                }
                if (pauseFrom == null) {
                    throw new IllegalArgumentException(who + ": a CLOCK_PAUSE_DECLARED needs pauseFrom");
                }
                if (pauseTo != null && pauseTo <= pauseFrom) {
                    throw new IllegalArgumentException(who + ": pauseTo " + Times.format(pauseTo) + " is not after pauseFrom "
                            + Times.format(pauseFrom));
                }
            }
            case PAPER_REGISTERED -> {
                if (windowIds == null || windowIds.length != 1) {
                    throw new IllegalArgumentException(who + ": a PAPER_REGISTERED names exactly one window in windowIds");
                }
                if (paperCases == null || paperCases < 0) {
                    throw new IllegalArgumentException(who + ": a PAPER_REGISTERED needs paperCases >= 0");
                }
            }
            default -> { }
        }
        return this;
    }

    private static void id(String who, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(who + " has no " + field);
        }
        if (!ID.matcher(value).matches()) {
            throw new IllegalArgumentException(who + ": " + field + " '" + value
                    + "' must be 1-128 letters, digits and _ . / : @ # + - (starting with a letter or digit)");
        }
    }

    private static void ids(String who, String field, String[] values) {
        if (values == null) {
            return;
        }
        for (String v : values) {
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException(who + ": " + field + " contains an empty id");
            }
        }
    }

    public IncidentFact copy() {
        IncidentFact f = new IncidentFact();
        f.schemaVersion = schemaVersion;
        f.factId = factId;
        f.incidentId = incidentId;
        f.centerId = centerId;
        f.factType = factType;
        f.at = at;
        f.recordedAt = recordedAt;
        f.incidentType = incidentType;
        f.level = level;
        f.confirmed = confirmed;
        f.windowIds = windowIds == null ? null : windowIds.clone();
        f.departmentIds = departmentIds == null ? null : departmentIds.clone();
        f.reportedBy = reportedBy;
        f.reportedTo = reportedTo;
        f.approver = approver;
        f.pauseFrom = pauseFrom;
        f.pauseTo = pauseTo;
        f.paperCases = paperCases;
        f.source = source;
        f.rule = rule;
        f.note = note;
        f.sourcePosition = sourcePosition;
        return f;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IncidentFact f && schemaVersion == f.schemaVersion && at == f.at && recordedAt == f.recordedAt
                && Objects.equals(factId, f.factId) && Objects.equals(incidentId, f.incidentId) && Objects.equals(centerId, f.centerId)
                && factType == f.factType && incidentType == f.incidentType && level == f.level && Objects.equals(confirmed, f.confirmed)
                && Arrays.equals(windowIds, f.windowIds) && Arrays.equals(departmentIds, f.departmentIds)
                && Objects.equals(reportedBy, f.reportedBy) && Objects.equals(reportedTo, f.reportedTo)
                && Objects.equals(approver, f.approver) && Objects.equals(pauseFrom, f.pauseFrom) && Objects.equals(pauseTo, f.pauseTo)
                && Objects.equals(paperCases, f.paperCases) && source == f.source && Objects.equals(rule, f.rule)
                && Objects.equals(note, f.note) && Objects.equals(sourcePosition, f.sourcePosition);
    }

    @Override
    public int hashCode() {
        return Objects.hash(factId, incidentId);
    }

    @Override
    public String toString() {
        return "IncidentFact{" + factType + " " + centerId + "/" + incidentId + " at " + Times.format(at) + " id=" + factId + "}";
    }
}
