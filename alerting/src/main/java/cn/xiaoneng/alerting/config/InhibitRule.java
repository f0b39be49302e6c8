package cn.xiaoneng.alerting.config;

import java.time.Duration;
import java.util.List;

/**
 * While a raised, not withdrawn card matching {@code source} exists, cards matching {@code target} that agree with it
 * on every {@code equal} label are not notified (an acknowledgement does not end an inhibition: the source card still
 * stands).
 *
 * @param equal labels among {@code center}, {@code case}, {@code department}, {@code window}
 * @param affectedWindows the target's window must be one of the source's {@code windowIds} (all windows when the
 *     source lists none): "a confirmed center-wide incident inhibits per-case cards of the affected windows"
 * @param activeFor the source inhibits for this long after its instant at most (null = until withdrawn); incident
 *     cards have no "resolved" record yet
 */
public record InhibitRule(String name, Matcher source, Matcher target, List<String> equal, boolean affectedWindows,
        Duration activeFor) {}
