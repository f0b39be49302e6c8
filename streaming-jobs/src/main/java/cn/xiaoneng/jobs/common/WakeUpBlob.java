package cn.xiaoneng.jobs.common;

import java.util.Arrays;
import org.apache.flink.streaming.api.TimerService;

/**
 * The layout of the keyed values of the timer-driven jobs (deadline, incident): 8 bytes of wake-up — the time of the key's one
 * event-time timer, big-endian epoch ms, {@link #NONE} for none — then the rules' own encoded state. One read and at
 * most one write per record or timer.
 */
public final class WakeUpBlob {
    public static final long NONE = Long.MIN_VALUE;

    private WakeUpBlob() {}

    public static byte[] of(long wakeUp, byte[] state) {
        byte[] b = new byte[Long.BYTES + state.length];
        long v = wakeUp;
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        System.arraycopy(state, 0, b, Long.BYTES, state.length);
        return b;
    }

    public static long wakeUp(byte[] blob) {
        long v = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            v = (v << 8) | (blob[i] & 0xFF);
        }
        return v;
    }

    public static byte[] state(byte[] blob) {
        return Arrays.copyOfRange(blob, Long.BYTES, blob.length);
    }

    /** The same state under another wake-up: the state's bytes are copied, not encoded again. */
    public static byte[] withWakeUp(byte[] blob, long wakeUp) {
        byte[] b = blob.clone();
        long v = wakeUp;
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    /** Moves the key's one event-time timer from {@code pending} to {@code wakeUp} (either may be {@link #NONE}). */
    public static void moveTimer(TimerService timers, long pending, long wakeUp) {
        if (pending == wakeUp) {
            return;
        }
        if (pending != NONE) {
            timers.deleteEventTimeTimer(pending);
        }
        if (wakeUp != NONE) {
            timers.registerEventTimeTimer(wakeUp);
        }
    }
}
