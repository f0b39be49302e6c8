package cn.xiaoneng.incident;

/**
 * Severity of an incident, the four levels of the national 总体应急预案 (DOMAIN.md §4) with their warning colours.
 * Written as Roman numerals {@code I}..{@code IV} in facts, plans and cards.
 */
public enum IncidentLevel {
    /** 特别重大 (Ⅰ级, 红色). */
    I("特别重大", "红"),
    /** 重大 (Ⅱ级, 橙色). */
    II("重大", "橙"),
    /** 较大 (Ⅲ级, 黄色). */
    III("较大", "黄"),
    /** 一般 (Ⅳ级, 蓝色). */
    IV("一般", "蓝");

    private final String label;
    private final String colour;

    IncidentLevel(String label, String colour) {
        this.label = label;
        this.colour = colour;
    }

    /** 特别重大, 重大, 较大, 一般. */
    public String label() {
        return label;
    }

    /** 红, 橙, 黄, 蓝. */
    public String colour() {
        return colour;
    }

    /** e.g. {@code 重大(II级)}. */
    public String display() {
        return label + "(" + name() + "级)";
    }

    /** Parses {@code I}..{@code IV} (also the Chinese numerals Ⅰ..Ⅳ); the error lists the known values. */
    public static IncidentLevel parse(String text) {
        String t = text == null ? "" : text.strip();
        switch (t) {
            case "Ⅰ": return I;
            case "Ⅱ": return II;
            case "Ⅲ": return III;
            case "Ⅳ": return IV;
            default:
                try {
                    return valueOf(t);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + text + "' is not an incident level (I, II, III, IV)");
                }
        }
    }
}
