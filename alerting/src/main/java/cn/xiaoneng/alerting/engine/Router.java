package cn.xiaoneng.alerting.engine;

import cn.xiaoneng.alerting.alert.Alert;
import cn.xiaoneng.alerting.config.AlwaysRule;
import cn.xiaoneng.alerting.config.EscalationPolicy;
import cn.xiaoneng.alerting.config.Route;
import cn.xiaoneng.alerting.config.RoutingConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a card goes: the routing tree's deepest matching nodes (with {@code continue}), their escalation policies
 * merged into one plan (a receiver named by two policies is told at the earlier step), plus the {@code always}
 * receivers at once and unconditionally. Pure: the same card and configuration give the same plan.
 */
public final class Router {
    private final RoutingConfig config;

    public Router(RoutingConfig config) {
        this.config = config;
    }

    /** A matched node and the escalation policy in force there (its own or its nearest ancestor's). */
    public record MatchedRoute(String path, String name, String escalation) {}

    public record Decision(List<MatchedRoute> routes, List<PlannedStep> plan) {}

    public Decision route(Alert a) {
        List<MatchedRoute> matched = new ArrayList<>();
        Route root = config.root();
        if (!descend(root, root.escalation(), a, matched)) {
            matched.add(new MatchedRoute(root.path(), root.name(), root.escalation()));
        }
        Map<String, PlannedStep> byReceiver = new LinkedHashMap<>();
        for (AlwaysRule rule : config.always()) {
            if (rule.match().matches(a)) {
                for (String r : rule.receivers()) {
                    byReceiver.putIfAbsent(r, PlannedStep.of(0, r, 0, rule.path(), true));
                }
            }
        }
        for (MatchedRoute m : matched) {
            EscalationPolicy p = config.escalations().get(m.escalation());
            for (int i = 0; i < p.steps().size(); i++) {
                EscalationPolicy.Step s = p.steps().get(i);
                for (String r : s.receivers()) {
                    PlannedStep existing = byReceiver.get(r);
                    long at = s.after().toMillis();
                    if (existing == null || (!existing.mandatory && at < existing.at)) {
                        byReceiver.put(r, PlannedStep.of(at, r, i, m.path() + " → " + p.name() + "[" + i + "]", false));
                    }
                }
            }
        }
        List<PlannedStep> plan = new ArrayList<>(byReceiver.values());
        plan.sort(Comparator.comparingLong((PlannedStep s) -> s.at).thenComparing(s -> s.receiver));
        return new Decision(List.copyOf(matched), plan);
    }

    /** Adds the deepest matching nodes under {@code node}; false when no child matches (the node itself decides). */
    private static boolean descend(Route node, String escalation, Alert a, List<MatchedRoute> out) {
        boolean any = false;
        for (Route child : node.routes()) {
            if (!child.match().matches(a)) {
                continue;
            }
            String esc = child.escalation() != null ? child.escalation() : escalation;
            if (!descend(child, esc, a, out)) {
                out.add(new MatchedRoute(child.path(), child.name(), esc));
            }
            any = true;
            if (!child.continueMatching()) {
                break;
            }
        }
        return any;
    }
}
