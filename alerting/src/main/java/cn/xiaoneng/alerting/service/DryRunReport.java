package cn.xiaoneng.alerting.service;

import cn.xiaoneng.alerting.alert.Alert;
import cn.xiaoneng.alerting.config.Durations;
import cn.xiaoneng.alerting.config.Receiver;
import cn.xiaoneng.alerting.config.RoutingConfig;
import cn.xiaoneng.alerting.engine.AlertEngine;
import cn.xiaoneng.alerting.engine.PlannedStep;
import cn.xiaoneng.alerting.engine.Router;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/** A dry run as text (the command) and JSON (the API). */
public final class DryRunReport {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DryRunReport() {}

    public static String text(Alert a, AlertEngine.DryRun d, RoutingConfig config) {
        StringBuilder b = new StringBuilder();
        b.append(a.label() == null ? a.kind() : a.label()).append(' ').append(a.kind()).append(" level ").append(a.level())
                .append(" · ").append(a.subject()).append(" · center ").append(a.centerId()).append(" · departments ")
                .append(a.departmentIds()).append(" · windows ").append(a.windowIds()).append(a.retracted() ? " · RETRACTED" : "")
                .append('\n');
        for (Router.MatchedRoute m : d.decision().routes()) {
            b.append("  route ").append(m.path()).append(" (").append(m.name()).append(") → escalation ").append(m.escalation())
                    .append('\n');
        }
        for (PlannedStep p : d.decision().plan()) {
            Receiver r = config.receiver(p.receiver);
            AlertEngine.Hold h = d.holds().get(p.receiver);
            b.append("  ").append(p.mandatory ? "always " : "+" + Durations.format(Duration.ofMillis(p.at)) + " ")
                    .append(p.receiver).append(" (").append(r.label()).append(", ").append(r.role().label()).append(") via ")
                    .append(r.channels().stream().map(c -> c.type()).toList()).append(people(r, a, config))
                    .append(p.mandatory ? "  [" + p.via + "]" : "").append(h == null ? "" : "  HELD: " + h.reason()).append('\n');
        }
        return b.toString();
    }

    /** For a directory receiver: whom it reaches for this card, or why nobody (the step would escalate at once). */
    private static String people(Receiver r, Alert a, RoutingConfig config) {
        if (r.directory() == null) {
            return "";
        }
        RoutingConfig.Resolved who = config.resolve(r, a);
        if (who.receiverIds().isEmpty()) {
            return "  UNRESOLVED: " + who.problem() + " → escalates at once";
        }
        return " → " + String.join(", ", who.receiverIds().stream().map(id -> config.receiver(id).label()
                + " (" + id.substring(id.indexOf(Receiver.PERSON) + 1) + ")").toList());
    }

    public static ObjectNode json(Alert a, AlertEngine.DryRun d, RoutingConfig config) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("cardId", a.cardId());
        n.put("kind", a.kind());
        n.put("level", a.level());
        ArrayNode routes = n.putArray("routes");
        d.decision().routes().forEach(m -> routes.addObject().put("path", m.path()).put("name", m.name()).put("escalation", m.escalation()));
        ArrayNode receivers = n.putArray("receivers");
        for (PlannedStep p : d.decision().plan()) {
            Receiver r = config.receiver(p.receiver);
            ObjectNode o = receivers.addObject().put("receiver", p.receiver).put("label", r.label()).put("role", r.role().name())
                    .put("afterMs", p.at).put("always", p.mandatory).put("via", p.via);
            ArrayNode ch = o.putArray("channels");
            r.channels().forEach(c -> ch.add(c.type()));
            AlertEngine.Hold h = d.holds().get(p.receiver);
            if (h != null) {
                o.put("heldBy", h.reason());
            }
            if (r.directory() != null) {
                RoutingConfig.Resolved who = config.resolve(r, a);
                ArrayNode people = o.putArray("people");
                who.receiverIds().forEach(people::add);
                if (who.problem() != null) {
                    o.put("unresolved", who.problem());
                }
            }
        }
        return n;
    }
}
