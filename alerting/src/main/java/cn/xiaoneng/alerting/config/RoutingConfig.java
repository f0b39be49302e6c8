package cn.xiaoneng.alerting.config;

import cn.xiaoneng.alerting.alert.Alert;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The validated routing configuration: receivers, escalation policies, the routing tree, {@code always} rules,
 * inhibitions and silences. Read by {@link RoutingConfigLoader}; documented in docs/alerting.md.
 *
 * @param trackingLink template of the link to a case's 跟踪表 ({@code {centerId}}, {@code {caseId}})
 * @param retention how long a card's delivery state is kept after its last activity (dedupe horizon)
 */
public record RoutingConfig(Map<String, Receiver> receivers, Map<String, EscalationPolicy> escalations, Route root,
        List<AlwaysRule> always, List<InhibitRule> inhibitions, List<Silence> silences, Map<String, RetryPolicy> retries,
        SmtpSettings smtp, SmsGateway sms, String trackingLink, Duration retention, Directory directory) {

    /**
     * A configured receiver, or a directory receiver for one person ({@code handler@p-lina}, built from the template and
     * the directory); null when either is not (or no longer) configured.
     */
    public Receiver receiver(String id) {
        int at = id.indexOf(Receiver.PERSON);
        if (at < 0) {
            return receivers.get(id);
        }
        Receiver template = receivers.get(id.substring(0, at));
        Person p = directory.people().get(id.substring(at + 1));
        return template == null || template.directory() == null || p == null ? null : template.forPerson(p);
    }

    /** Whom a directory receiver stands for on card {@code a}: the ids to tell ({@code <id>@<person>}), or why nobody. */
    public Resolved resolve(Receiver template, Alert a) {
        Directory.Resolution r = directory.resolve(template.directory(), a);
        if (!r.resolved()) {
            return new Resolved(List.of(), r.problem());
        }
        List<String> ids = new java.util.ArrayList<>();
        List<String> unreachable = new java.util.ArrayList<>();
        for (Person p : r.people()) {
            if (template.forPerson(p) == null) {
                unreachable.add(p.name() + " (" + p.id() + ")");
            } else {
                ids.add(template.id() + Receiver.PERSON + p.id());
            }
        }
        if (ids.isEmpty()) {
            return new Resolved(List.of(), String.join(", ", unreachable) + " has no " + template.channels().stream()
                    .map(ChannelConfig::type).map(t -> t.equals("sms") ? "phone" : "email address").distinct()
                    .reduce((x, y) -> x + " or " + y).orElse("channel") + " in " + RoutingConfigLoader.DIRECTORY);
        }
        return new Resolved(List.copyOf(ids), null);
    }

    /** @param receiverIds the ids to tell; empty with a {@code problem} when the directory has nobody reachable */
    public record Resolved(List<String> receiverIds, String problem) {}

    public RetryPolicy retry(String channelType) {
        return retries.getOrDefault(channelType, RetryPolicy.DEFAULT);
    }

    /** The link to a case's 跟踪表, or null for a card without a case (an incident). */
    public String trackingLink(Alert a) {
        if (trackingLink == null || a.caseId() == null) {
            return null;
        }
        return trackingLink.replace("{centerId}", enc(a.centerId())).replace("{caseId}", enc(a.caseId()));
    }

    private static String enc(String s) {
        return s == null ? "" : java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    public RoutingConfig withSilences(List<Silence> newSilences) {
        return new RoutingConfig(receivers, escalations, root, always, inhibitions, List.copyOf(newSilences), retries, smtp,
                sms, trackingLink, retention, directory);
    }
}
