package cn.xiaoneng.deadline.engine;

/**
 * Where a case's limit came from, strongest first. {@link #clause()} is what a card cites for the limit.
 */
public enum LimitBasis {
    /** The center's policy sets a limit for this item ({@code item.<code>.limit}). */
    ITEM_POLICY("center policy item limit"),
    /** 急办件 and the center's policy sets a limit for them ({@code urgent.limit}). */
    URGENT_POLICY("center policy 急办件 limit"),
    /** The 承诺时限 the source states (6.6.7 承诺时限). */
    COMMITTED("6.6.7 承诺时限"),
    /** The 法定时限 the source states (行政许可法 第四十二条, 第八十二条: 工作日). */
    LEGAL("行政许可法 第四十二条"),
    /** A 即办件 that states no limit: 当场或当天 (6.1.4). */
    IMMEDIATE_KIND("6.1.4 即办件"),
    /** No limit stated anywhere: 6.5.4, 20 WD for one department, 45 WD for more. */
    DEFAULT("6.5.4");

    private final String clause;

    LimitBasis(String clause) {
        this.clause = clause;
    }

    public String clause() {
        return clause;
    }
}
