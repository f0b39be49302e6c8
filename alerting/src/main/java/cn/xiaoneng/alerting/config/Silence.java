package cn.xiaoneng.alerting.config;

import java.util.List;

/**
 * A declared quiet period (a closure, a maintenance window): matching cards are not notified between
 * {@code startsAt} (inclusive) and {@code endsAt} (exclusive); what falls due meanwhile goes out when it ends, if the
 * card still stands. {@code receivers} empty = every receiver.
 */
public record Silence(String id, String comment, String createdBy, long startsAt, long endsAt, Matcher match,
        List<String> receivers) {
    public boolean activeAt(long now) {
        return now >= startsAt && now < endsAt;
    }
}
