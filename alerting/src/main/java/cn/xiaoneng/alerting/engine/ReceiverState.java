package cn.xiaoneng.alerting.engine;

import java.util.ArrayList;
import java.util.List;

/** A receiver's group being collected, its message sequence and its recent sends (rate limit). JSON-mapped state. */
public final class ReceiverState {
    public String receiverId;
    /** Number of the receiver's last message; the idempotency key of a message is {@code receiverId:seq}. */
    public long seq;
    public Long flushAt;
    public Long lastFlushAt;
    public List<Item> pending = new ArrayList<>();
    /** Send times within the rate-limit window. */
    public List<Long> sent = new ArrayList<>();

    public ReceiverState() {}
}
