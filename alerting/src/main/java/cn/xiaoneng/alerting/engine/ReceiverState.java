package cn.xiaoneng.alerting.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
    /**
     * Card ids with a raise (not a withdrawal) in {@link #pending}: whether a card is already in the next message is
     * asked at every enqueue, and a busy receiver's group holds thousands of cards (a scan each time was quadratic).
     * Not stored; rebuilt from {@link #pending} when null.
     */
    @JsonIgnore
    private Set<String> queued;

    public ReceiverState() {}

    boolean queued(String cardId) {
        if (queued == null) {
            queued = new HashSet<>();
            for (Item i : pending) {
                if (i.type != Item.Type.RETRACTED) {
                    queued.add(i.cardId);
                }
            }
        }
        return queued.contains(cardId);
    }

    void add(Item i) {
        pending.add(i);
        if (queued != null && i.type != Item.Type.RETRACTED) {
            queued.add(i.cardId);
        }
    }

    /** After {@link #pending} changed other than by {@link #add}. */
    void reindex() {
        queued = null;
    }
}
