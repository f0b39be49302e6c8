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
        SmtpSettings smtp, SmsGateway sms, String trackingLink, Duration retention) {

    public Receiver receiver(String id) {
        return receivers.get(id);
    }

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
                sms, trackingLink, retention);
    }
}
