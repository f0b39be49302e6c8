package cn.xiaoneng.alerting.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * One grouped message to one receiver. Its {@link #id} ({@code receiverId:seq}) is the idempotency key every channel
 * carries: after a crash between a send and its record, the same message is sent again with the same key, and the
 * receiver can drop it. JSON-mapped state.
 */
public final class Notification {
    public String id;
    public String receiverId;
    public long seq;
    public long createdAt;
    public List<Item> items = new ArrayList<>();
    /** More cards than the receiver's {@code summaryAbove}: the message gives counts and the most severe cards. */
    public boolean summary;

    public Notification() {}
}
