package cn.xiaoneng.deadline.engine;

import cn.xiaoneng.model.Limit;
import cn.xiaoneng.model.LimitUnit;

/**
 * A case's clock as the facts set it, for the "current case clocks" table and for operators.
 *
 * @param accepted      受理 (epoch ms)
 * @param countingStart where counted time starts (民法典 Art. 201: 00:00 after the 受理 day; the 受理 itself for 即办)
 * @param due           the due instant (epoch ms); null while a pause with no end stops the clock
 * @param limit         the limit counted, and {@code basis} where it came from
 * @param measure       which days count: WORKING_DAYS (also 即办) or NATURAL_DAYS
 * @param budgetMillis  the limit plus in-time extensions, in counted time
 * @param stoppedSince  start of a pause that has not ended (epoch ms), or null
 * @param provisional   whether the due instant depends on a year without a published calendar
 * @param lateExtension whether an extension was approved only at or after the due instant (超时)
 */
public record CaseClock(long accepted, long countingStart, Long due, Limit limit, LimitBasis basis, LimitUnit measure,
                        long budgetMillis, Long stoppedSince, boolean provisional, boolean lateExtension) {

    public CaseClock {
        limit = new Limit(limit.value, limit.unit);
    }

    @Override
    public Limit limit() {
        return new Limit(limit.value, limit.unit);
    }
}
