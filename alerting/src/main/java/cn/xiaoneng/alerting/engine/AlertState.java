package cn.xiaoneng.alerting.engine;

import cn.xiaoneng.alerting.alert.Alert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the router knows about one card: its plan, who was told, acknowledgement and withdrawal. JSON-mapped state. */
public final class AlertState {
    public Alert alert;
    /** Router time the card was first routed; escalation offsets count from here (not from the card's instant). */
    public long openedAt;
    public boolean retracted;
    public Long retractedAt;
    public Long ackedAt;
    public String ackedBy;
    public String ackVia;
    public List<PlannedStep> plan = new ArrayList<>();
    /** Receiver id → what it was told. */
    public Map<String, Told> told = new LinkedHashMap<>();
    /** Suppressions already written to the audit trail (silence id or inhibiting card), so each is recorded once. */
    public List<String> auditedSuppressions = new ArrayList<>();
    public long lastActivity;

    public AlertState() {}

    public boolean acked() {
        return ackedAt != null;
    }

    /** One receiver's contact with the card. */
    public static final class Told {
        public long queuedAt;
        /** A message listing the card was handed to delivery (outbox), so the receiver heard or will hear of it. */
        public boolean sent;
        public boolean mandatory;
        public int repeats;
        /** When to tell again if nobody acknowledged; null when no more repeats. */
        public Long nextRepeatAt;

        public Told() {}
    }
}
