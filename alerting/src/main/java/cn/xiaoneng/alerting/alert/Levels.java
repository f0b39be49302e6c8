package cn.xiaoneng.alerting.alert;

import cn.xiaoneng.deadline.engine.CardKind;

/**
 * One severity scale, 1 … 4, for routing both kinds of card with the same {@code level} matcher.
 *
 * <p>Deadline cards follow the 预警 → 黄牌 → 红牌 ladder (DOMAIN.md §2.2, chinacreator's 监察级别 1 预警 / 2 黄牌 /
 * 3 红牌). A 环节超时, 超时默许 or 缺席默认 is a breach already (like a 黄牌) but not yet the 督办 stage: level 2.
 *
 * <p>Incident levels follow the national emergency classification, where Ⅰ is the gravest (特别重大) and Ⅳ the least
 * (一般): Ⅳ → 1, Ⅲ → 2, Ⅱ → 3, Ⅰ → 4. A level-Ⅰ incident thus outranks a 红牌.
 */
public final class Levels {
    public static final int MIN = 1;
    public static final int MAX = 4;

    private Levels() {}

    public static int of(CardKind kind) {
        return switch (kind) {
            case WARNING -> 1;
            case YELLOW, STEP_OVERRUN, DEEMED_CONSENT, ABSENCE_DEFAULT -> 2;
            case RED -> 3;
        };
    }

    /** "I" … "IV" (also Ⅰ … Ⅳ and 1 … 4 as written by some sources). */
    public static int ofIncident(String level) {
        if (level == null) {
            throw new IllegalArgumentException("incident card has no level");
        }
        return switch (level.strip().toUpperCase(java.util.Locale.ROOT)) {
            case "I", "Ⅰ", "1" -> 4;
            case "II", "Ⅱ", "2" -> 3;
            case "III", "Ⅲ", "3" -> 2;
            case "IV", "Ⅳ", "4" -> 1;
            default -> throw new IllegalArgumentException("incident level must be I, II, III or IV: " + level);
        };
    }
}
