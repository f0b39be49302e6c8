package cn.xiaoneng.alerting.config;

import java.time.Duration;

/**
 * Retries of one channel type: backoff doubles from {@code initialBackoff} up to {@code maxBackoff}; after
 * {@code maxAttempts} attempts the message goes to the channel's dead letter. The default budget (20 attempts, 1 s
 * doubling to 10 min) spans about 2.5 hours: a receiver down for a lunch break still gets everything.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(20, Duration.ofSeconds(1), Duration.ofMinutes(10));

    /** Wait before attempt {@code attempt + 1}, after {@code attempt} failed attempts (1-based). */
    public Duration backoffAfter(int attempt) {
        long ms = initialBackoff.toMillis();
        for (int i = 1; i < attempt && ms < maxBackoff.toMillis(); i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
    }
}
