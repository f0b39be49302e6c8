package cn.xiaoneng.deadline.engine;

import java.util.Arrays;
import java.util.Objects;

/**
 * Who a 黄牌, 红牌 or 超时默许 is attributed to (责任追究, 6.6.7): the steps that consumed counted time over their
 * budgets, most over first; or, when no step is over budget, the holder of record at the card's instant. A
 * Flink POJO.
 */
public final class Attribution {
    /** How the responsibility was found. */
    public enum Basis {
        /** {@link #steps} lists the steps over budget, most over first. */
        STEPS_OVER_BUDGET,
        /** No step is over its budget (or none has one): {@link #holder} holds the case. */
        HOLDER_OF_RECORD
    }

    public Basis basis;
    public AttributedStep[] steps;
    public Holder holder;

    public Attribution() {}

    static Attribution steps(AttributedStep[] over) {
        Attribution a = new Attribution();
        a.basis = Basis.STEPS_OVER_BUDGET;
        a.steps = over;
        return a;
    }

    static Attribution holder(Holder h) {
        Attribution a = new Attribution();
        a.basis = Basis.HOLDER_OF_RECORD;
        a.steps = new AttributedStep[0];
        a.holder = h;
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attribution a && basis == a.basis && Arrays.equals(steps, a.steps) && Objects.equals(holder, a.holder);
    }

    @Override
    public int hashCode() {
        return Objects.hash(basis, Arrays.hashCode(steps), holder);
    }

    @Override
    public String toString() {
        return "Attribution{" + basis + " " + (basis == Basis.STEPS_OVER_BUDGET ? Arrays.toString(steps) : holder) + "}";
    }
}
