package cn.xiaoneng.alerting.engine;

/**
 * One receiver of a card's plan: told {@code offset} after the card was first routed (step {@code step} of its
 * escalation policy), unless acknowledged or withdrawn first; {@code mandatory} steps come from an {@code always} rule.
 * A JSON-mapped state object (public fields).
 */
public final class PlannedStep {
    /** Offset from when the card was routed, ms (as planned). */
    public long at;
    public String receiver;
    public int step;
    /** Why: the route path and policy step, or the always rule. */
    public String via;
    public boolean mandatory;
    /** Absolute time the step is due (router clock); later than planned while a silence or an inhibition holds it. */
    public long dueAt;
    public boolean done;
    public boolean cancelled;
    /** For a directory receiver: why the directory had nobody for the card (the step escalated at once), else null. */
    public String unresolved;

    public PlannedStep() {}

    static PlannedStep of(long at, String receiver, int step, String via, boolean mandatory) {
        PlannedStep s = new PlannedStep();
        s.at = at;
        s.receiver = receiver;
        s.step = step;
        s.via = via;
        s.mandatory = mandatory;
        return s;
    }

    @Override
    public String toString() {
        return receiver + "@+" + at + "ms" + (mandatory ? " (always)" : "") + " via " + via;
    }
}
