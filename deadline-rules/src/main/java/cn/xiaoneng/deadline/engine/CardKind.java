package cn.xiaoneng.deadline.engine;

/**
 * The kinds of supervision card (监察卡) the engine raises. The ladder 预警 → 黄牌 → 红牌 follows the 电子监察
 * systems in DOMAIN.md §2.2 (湛江: 黄牌 over the limit, 红牌 when the 督办期限 also passes; chinacreator levels
 * 1 预警 / 2 黄牌 / 3 红牌); the step card follows the city measures in §2.3 (a single 环节 over time although
 * the whole limit has not passed); 超时默许 and 缺席默认 are the joint-handling rules of 6.5.4 (§1.2).
 *
 * <p>The default clause of each kind is only a default: a center's policy may name another
 * ({@code clause.<KIND>}).
 */
public enum CardKind {
    /** 预警: little counted time remains, or a share of the limit has elapsed (6.6.7 承诺时限报警). */
    WARNING("预警", "6.6.7"),
    /** 黄牌: the limit expired while the case is open (6.6.7). */
    YELLOW("黄牌", "6.6.7"),
    /** 红牌: still open a 督办期限 after the 黄牌 (6.6.7 责任追究). */
    RED("红牌", "6.6.7"),
    /** 环节超时: one step ran past its budget, even when the case as a whole is on time (6.6.7). */
    STEP_OVERRUN("环节超时", "6.6.7"),
    /** 超时默许: a department of a 联办件 has not finished its part by its part deadline (6.5.4). */
    DEEMED_CONSENT("超时默许", "6.5.4"),
    /** 缺席默认: the source reports that a department stayed away (联合办理: 缺席默认, 6.5.4). */
    ABSENCE_DEFAULT("缺席默认", "6.5.4");

    private final String label;
    private final String defaultClause;

    CardKind(String label, String defaultClause) {
        this.label = label;
        this.defaultClause = defaultClause;
    }

    /** The Chinese name users read. */
    public String label() {
        return label;
    }

    /** The clause of the standard behind this kind when the policy names none. */
    public String defaultClause() {
        return defaultClause;
    }
}
