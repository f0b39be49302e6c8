package cn.xiaoneng.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting on a condition (never on a bare sleep), with a timeout that names what was awaited. */
public final class Waits {
    private Waits() {}

    /**
     * Polls {@code condition} every {@code pollMillis} until true; a condition that throws counts as false.
     * @throws IllegalStateException naming {@code what} after {@code timeout}
     */
    public static void until(String what, Duration timeout, long pollMillis, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + (last == null ? "" : " (last error: " + last.getMessage() + ")"), last);
            }
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, 200, condition);
    }
}
