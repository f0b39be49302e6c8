package cn.xiaoneng.alerting.config;

import java.time.Duration;
import java.util.List;

/**
 * A chain of steps: step 0 at once, each later step {@code after} the card was first routed (cumulative, strictly
 * increasing) unless the card was acknowledged or withdrawn by then. Like the 三明 三色督查单 and the 12345 督办 in
 * DOMAIN.md §2.4: each step is issued when the previous one's time passed without action.
 */
public record EscalationPolicy(String name, List<Step> steps) {
    public record Step(Duration after, List<String> receivers) {}
}
