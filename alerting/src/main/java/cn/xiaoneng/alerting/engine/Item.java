package cn.xiaoneng.alerting.engine;

import cn.xiaoneng.alerting.alert.Alert;

/** One line of a message: a card and why the receiver is told now. JSON-mapped state. */
public final class Item {
    public enum Type {
        /** First time, step 0 of the plan (or an {@code always} receiver). */
        NEW,
        /** A later escalation step: nobody acknowledged in time. */
        ESCALATED,
        /** Told again after the repeat interval, still unacknowledged. */
        REPEAT,
        /** The card was withdrawn by its producer. */
        RETRACTED
    }

    public Type type;
    public String cardId;
    /**
     * The card; not stored with the item (a group of hundreds of cards would rewrite every card's JSON at each change of
     * the group): {@link AlertEngine#restore} links it again from the card's own state entry.
     */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public Alert alert;
    public int step;
    public int repeat;
    public boolean mandatory;
    public long queuedAt;

    public Item() {}

    static Item of(Type type, Alert alert, int step, int repeat, boolean mandatory, long now) {
        Item i = new Item();
        i.type = type;
        i.alert = alert;
        i.cardId = alert.cardId();
        i.step = step;
        i.repeat = repeat;
        i.mandatory = mandatory;
        i.queuedAt = now;
        return i;
    }
}
