package cn.xiaoneng.incident;

import static cn.xiaoneng.incident.Instants.at;

import java.util.ArrayList;
import java.util.List;

/** Builds an incident's facts the way the operations log would record them. */
public final class IncidentHistory {
    public static final String CENTER = "hn-cs-zwzx";
    private final String centerId;
    private final String incidentId;
    private final List<IncidentFact> facts = new ArrayList<>();
    private int seq;

    private IncidentHistory(String centerId, String incidentId) {
        this.centerId = centerId;
        this.incidentId = incidentId;
    }

    public static IncidentHistory incident(String incidentId) {
        return new IncidentHistory(CENTER, incidentId);
    }

    public static IncidentHistory incident(String centerId, String incidentId) {
        return new IncidentHistory(centerId, incidentId);
    }

    public String incidentId() {
        return incidentId;
    }

    private IncidentHistory add(FactType type, String when) {
        IncidentFact f = IncidentFact.of(centerId, incidentId, type, at(when)).factId(incidentId + "-" + (++seq));
        facts.add(f);
        return this;
    }

    public IncidentHistory onset(String when, IncidentType type, IncidentLevel level) {
        add(FactType.ONSET, when);
        last().type(type).level(level);
        return this;
    }

    public IncidentHistory suspectedOnset(String when, IncidentType type, IncidentLevel level) {
        onset(when, type, level);
        last().confirmed(false);
        return this;
    }

    public IncidentHistory detected(String when) {
        return add(FactType.DETECTED, when);
    }

    public IncidentHistory verbalReport(String when, String by, String to) {
        add(FactType.VERBAL_REPORT, when);
        last().reported(by, to);
        return this;
    }

    public IncidentHistory writtenReport(String when, String by, String to) {
        add(FactType.WRITTEN_REPORT, when);
        last().reported(by, to);
        return this;
    }

    public IncidentHistory followUp(String when) {
        return add(FactType.FOLLOW_UP_REPORT, when);
    }

    public IncidentHistory responseStarted(String when) {
        return add(FactType.RESPONSE_STARTED, when);
    }

    public IncidentHistory workaround(String when, String note) {
        add(FactType.WORKAROUND, when);
        last().note(note);
        return this;
    }

    public IncidentHistory restored(String when) {
        return add(FactType.SERVICE_RESTORED, when);
    }

    public IncidentHistory closed(String when) {
        return add(FactType.CLOSED, when);
    }

    public IncidentHistory confirmed(String when) {
        return add(FactType.CONFIRMED, when);
    }

    public IncidentHistory dismissed(String when) {
        return add(FactType.DISMISSED, when);
    }

    public IncidentHistory levelChanged(String when, IncidentLevel level) {
        add(FactType.LEVEL_CHANGED, when);
        last().level(level);
        return this;
    }

    public IncidentHistory pauseDeclared(String when, String approver, String from, String to) {
        add(FactType.CLOCK_PAUSE_DECLARED, when);
        last().pause(approver, at(from), to == null ? null : at(to));
        return this;
    }

    public IncidentHistory paperRegistered(String when, String windowId, int cases) {
        add(FactType.PAPER_REGISTERED, when);
        last().windows(windowId).paperCases(cases);
        return this;
    }

    /** Affected windows and departments on the last fact. */
    public IncidentHistory affecting(String[] departments, String... windows) {
        last().departments(departments).windows(windows);
        return this;
    }

    /** A note on the last fact. */
    public IncidentHistory note(String text) {
        last().note(text);
        return this;
    }

    /** The last fact was typed into the log at {@code when}. */
    public IncidentHistory enteredAt(String when) {
        last().recordedAt(at(when));
        return this;
    }

    public IncidentFact last() {
        return facts.get(facts.size() - 1);
    }

    public List<IncidentFact> facts() {
        List<IncidentFact> out = new ArrayList<>();
        for (IncidentFact f : facts) {
            out.add(f.copy());
        }
        return out;
    }
}
