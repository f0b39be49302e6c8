package cn.xiaoneng.incident.engine;

import cn.xiaoneng.incident.FactSource;
import cn.xiaoneng.incident.FactType;
import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.IncidentLevel;
import cn.xiaoneng.incident.IncidentType;
import cn.xiaoneng.incident.plan.ClockStart;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an incident's facts say, read once: onset, detection, level history, whether it is suspected, confirmed or
 * dismissed, when it closed, the affected windows and departments, declared pauses and paper registers. Built from
 * facts in timeline order ({@link IncidentFact#ORDER}); pure and immutable.
 *
 * <p>Rules (docs/incidents.md, "Plan rules"):
 * <ul>
 *   <li>The level in force at {@code t} is that of the last LEVEL_CHANGED at or before {@code t}, else the ONSET's,
 *       else the plan's default.</li>
 *   <li>Suspected: the ONSET says {@code confirmed: false}. Of the CONFIRMED and DISMISSED facts, the last decides;
 *       a dismissed incident never was one.</li>
 *   <li>Closed at the first CLOSED, or at the deciding DISMISSED. A detector's CLOSED counts only while nobody has
 *       confirmed the incident: a person who confirmed it also closes it.</li>
 * </ul>
 */
public final class Timeline {
    private final String centerId;
    private final String incidentId;
    private final List<IncidentFact> facts;
    private final IncidentLevel defaultLevel;

    private final Long onset;
    private final Long detected;
    private final IncidentFact onsetFact;
    private final boolean openedSuspected;
    private final IncidentFact decision;
    private final Long closedAt;
    private final Long restoredAt;
    private final long latestRecordedAt;

    public Timeline(String centerId, String incidentId, List<IncidentFact> facts, IncidentLevel defaultLevel) {
        this.centerId = centerId;
        this.incidentId = incidentId;
        this.facts = Collections.unmodifiableList(new ArrayList<>(facts));
        this.defaultLevel = defaultLevel;
        IncidentFact on = null;
        Long det = null;
        IncidentFact dec = null;
        boolean confirmedByPerson = false;
        Long restored = null;
        long latest = Long.MIN_VALUE;
        for (IncidentFact f : facts) {
            latest = Math.max(latest, f.recordedAt);
            switch (f.factType) {
                case ONSET -> on = on == null ? f : on;
                case DETECTED -> det = det == null ? f.at : det;
                case CONFIRMED -> {
                    dec = f;
                    confirmedByPerson = true;
                }
                case DISMISSED -> dec = f;
                case SERVICE_RESTORED -> restored = restored == null ? f.at : restored;
                default -> { }
            }
        }
        this.onsetFact = on;
        this.onset = on == null ? null : on.at;
        this.detected = det;
        this.openedSuspected = on != null && !on.confirmedOrDefault();
        this.decision = dec;
        this.restoredAt = restored;
        this.latestRecordedAt = latest;
        Long closed = null;
        if (dismissed()) {
            closed = dec.at;
        } else {
            boolean owned = confirmedByPerson || (on != null && on.confirmedOrDefault());
            for (IncidentFact f : facts) {
                if (f.factType == FactType.CLOSED && (owned ? f.sourceOrDefault() != FactSource.DETECTOR : true)) {
                    closed = f.at;
                    break;
                }
            }
        }
        this.closedAt = closed;
    }

    public String centerId() {
        return centerId;
    }

    public String incidentId() {
        return incidentId;
    }

    /** The facts in timeline order. */
    public List<IncidentFact> facts() {
        return facts;
    }

    public boolean isEmpty() {
        return facts.isEmpty();
    }

    /** The first ONSET's instant, or null. */
    public Long onset() {
        return onset;
    }

    /** The first DETECTED's instant, or null. */
    public Long detected() {
        return detected;
    }

    /** Whether the clock runs at all: there is an ONSET or a DETECTED fact. */
    public boolean started() {
        return onset != null || detected != null;
    }

    /** What plan deadlines count from, or null before {@link #started()}. */
    public Long start(ClockStart from) {
        if (from == ClockStart.ONSET) {
            return onset != null ? onset : detected;
        }
        return detected != null ? detected : onset;
    }

    /** The type stated last at or before {@code t}; else the first stated at all; null if none. */
    public IncidentType typeAt(long t) {
        IncidentType type = null;
        IncidentType first = null;
        for (IncidentFact f : facts) {
            if (f.incidentType != null) {
                first = first == null ? f.incidentType : first;
                if (f.at <= t) {
                    type = f.incidentType;
                }
            }
        }
        return type != null ? type : first;
    }

    /** The type stated last. */
    public IncidentType type() {
        return typeAt(Long.MAX_VALUE);
    }

    /** The level in force at {@code t}. */
    public IncidentLevel levelAt(long t) {
        IncidentLevel level = initialLevel();
        for (IncidentFact f : facts) {
            if (f.factType == FactType.LEVEL_CHANGED && f.at <= t) {
                level = f.level;
            }
        }
        return level;
    }

    /** The ONSET's level, else the plan's default. */
    public IncidentLevel initialLevel() {
        return onsetFact != null && onsetFact.level != null ? onsetFact.level : defaultLevel;
    }

    /** Level changes in timeline order (instant, new level). */
    public List<LevelChange> levelChanges() {
        List<LevelChange> out = new ArrayList<>();
        for (IncidentFact f : facts) {
            if (f.factType == FactType.LEVEL_CHANGED) {
                out.add(new LevelChange(f.at, f.level));
            }
        }
        return out;
    }

    public record LevelChange(long at, IncidentLevel level) {}

    /** Whether the ONSET said {@code confirmed: false}. */
    public boolean openedSuspected() {
        return openedSuspected;
    }

    /** Whether the incident is confirmed as of {@code t}: opened confirmed, or the last decision at or before t is CONFIRMED. */
    public boolean confirmedAt(long t) {
        Boolean last = null;
        for (IncidentFact f : facts) {
            if (f.at > t) {
                break;
            }
            if (f.factType == FactType.CONFIRMED) {
                last = true;
            } else if (f.factType == FactType.DISMISSED) {
                last = false;
            }
        }
        return last != null ? last : !openedSuspected;
    }

    /** Whether the last CONFIRMED/DISMISSED is a DISMISSED: the suspicion was wrong and no card stands. */
    public boolean dismissed() {
        return decision != null && decision.factType == FactType.DISMISSED;
    }

    /** When the incident closed (or was dismissed), or null while open. */
    public Long closedAt() {
        return closedAt;
    }

    /** Whether the incident is open at {@code t}: started, and not closed at or before {@code t}. */
    public boolean openAt(long t) {
        return closedAt == null || t < closedAt;
    }

    /** The first SERVICE_RESTORED, or null. */
    public Long restoredAt() {
        return restoredAt;
    }

    /** The first fact of any of these types, or null. */
    public Long first(FactType... types) {
        for (IncidentFact f : facts) {
            for (FactType t : types) {
                if (f.factType == t) {
                    return f.at;
                }
            }
        }
        return null;
    }

    /** Instants of all facts of these types, ascending. */
    public List<Long> all(FactType... types) {
        List<Long> out = new ArrayList<>();
        for (IncidentFact f : facts) {
            for (FactType t : types) {
                if (f.factType == t) {
                    out.add(f.at);
                    break;
                }
            }
        }
        return out;
    }

    /** Affected windows stated at or before {@code t}, in order of first mention. */
    public List<String> windowsAt(long t) {
        Set<String> out = new LinkedHashSet<>();
        for (IncidentFact f : facts) {
            if (f.at <= t && f.windowIds != null) {
                Collections.addAll(out, f.windowIds);
            }
        }
        return List.copyOf(out);
    }

    /** Affected departments stated at or before {@code t}, in order of first mention. */
    public List<String> departmentsAt(long t) {
        Set<String> out = new LinkedHashSet<>();
        for (IncidentFact f : facts) {
            if (f.at <= t && f.departmentIds != null) {
                Collections.addAll(out, f.departmentIds);
            }
        }
        return List.copyOf(out);
    }

    /** The highest recordedAt of any fact, or {@link Long#MIN_VALUE} when none. */
    public long latestRecordedAt() {
        return latestRecordedAt;
    }

    /**
     * Pauses the center declared on the clocks of affected open cases. Only a confirmed incident can pause clocks
     * (issue 4): none while it is suspected or once dismissed. A pause without an end lasts until service is
     * restored, and stays open while it is not.
     */
    public List<DeclaredPause> declaredPauses() {
        List<DeclaredPause> out = new ArrayList<>();
        if (dismissed() || !confirmedAt(Long.MAX_VALUE)) {
            return out;
        }
        for (IncidentFact f : facts) {
            if (f.factType == FactType.CLOCK_PAUSE_DECLARED) {
                Long to = f.pauseTo != null ? f.pauseTo : restoredAt != null && restoredAt > f.pauseFrom ? restoredAt : null;
                List<String> departments = f.departmentIds != null ? List.of(f.departmentIds) : departmentsAt(Long.MAX_VALUE);
                List<String> windows = f.windowIds != null ? List.of(f.windowIds) : windowsAt(Long.MAX_VALUE);
                out.add(new DeclaredPause(centerId, incidentId, f.factId, f.pauseFrom, to, f.approver, f.at, f.recordedAt, departments,
                        windows, type()));
            }
        }
        return out;
    }

    /** Paper acceptances registered per window (the last PAPER_REGISTERED of a window wins: a correction). */
    public Map<String, Integer> paperRegistered() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (IncidentFact f : facts) {
            if (f.factType == FactType.PAPER_REGISTERED) {
                out.put(f.windowIds[0], f.paperCases);
            }
        }
        return out;
    }
}
