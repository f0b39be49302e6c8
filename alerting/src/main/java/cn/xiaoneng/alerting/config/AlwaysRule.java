package cn.xiaoneng.alerting.config;

import java.util.List;

/**
 * Receivers that get every matching card at once, whatever the tree says, and that neither silences, inhibitions nor
 * acknowledgements hold back: "a 红牌 always reaches the supervisory body" (6.6.7 责任追究). Validation refuses a
 * configuration where no such rule sends every 红牌 to a receiver of role SUPERVISORY.
 */
public record AlwaysRule(String path, Matcher match, List<String> receivers) {}
