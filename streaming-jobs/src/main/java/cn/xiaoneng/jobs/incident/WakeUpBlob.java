package cn.xiaoneng.jobs.incident;

import java.util.Arrays;

/**
 * The layout of every keyed value of this job (as in the deadline job): 8 bytes of wake-up — the time of the key's one
 * event-time timer, big-endian epoch ms, {@link #NONE} for none — then the rules' own encoded state. One read and at
 * most one write per record or timer.
 */
final class WakeUpBlob {
    static final long NONE = Long.MIN_VALUE;

    private WakeUpBlob() {}

    static byte[] of(long wakeUp, byte[] state) {
        byte[] b = new byte[Long.BYTES + state.length];
        long v = wakeUp;
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        System.arraycopy(state, 0, b, Long.BYTES, state.length);
        return b;
    }

    static long wakeUp(byte[] blob) {
        long v = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            v = (v << 8) | (blob[i] & 0xFF);
        }
        return v;
    }

    static byte[] state(byte[] blob) {
        return Arrays.copyOfRange(blob, Long.BYTES, blob.length);
    }
}
