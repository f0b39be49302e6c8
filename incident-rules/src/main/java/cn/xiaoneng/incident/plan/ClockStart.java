package cn.xiaoneng.incident.plan;

/**
 * What the plan deadlines count from. Hall plans say "发现后 30 分钟内报告": nobody can report what nobody has
 * seen, so the default is the detection. A center whose rules say "事发后" counts from the onset.
 */
public enum ClockStart {
    /** The first DETECTED fact; the onset when there is none. */
    DETECTED,
    /** The ONSET fact; the first detection when there is none. */
    ONSET;

    public static ClockStart parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not DETECTED or ONSET");
        }
    }
}
