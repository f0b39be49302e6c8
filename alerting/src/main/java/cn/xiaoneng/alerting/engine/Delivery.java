package cn.xiaoneng.alerting.engine;

/** A notification on one channel of its receiver, waiting to be sent or retried (the outbox). JSON-mapped state. */
public final class Delivery {
    /** {@code <notification id>/<channel index>}. */
    public String id;
    public Notification notification;
    public int channelIndex;
    public String channelType;
    public String target;
    /** Attempts made so far. */
    public int attempts;
    public long nextAttemptAt;
    public String lastError;

    public Delivery() {}
}
