package cn.xiaoneng.incident.plan;

/**
 * How a plan deadline's budget is counted. Reporting rules (DOMAIN.md §4: "within 30 minutes", "within 2 hours")
 * are in clock time: an incident at 17:20 must still be reported by 17:50. A center may count some levels' targets
 * in office hours only, so that a 一般 outage found at 17:20 is not overdue on restoration at night.
 */
public enum Counting {
    /** Clock minutes, day and night, holidays included (default). */
    CLOCK,
    /** Only time the hall is open: the center's office hours on its working calendar (holidays and 调休 included). */
    OFFICE_HOURS;

    public static Counting parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not CLOCK or OFFICE_HOURS");
        }
    }
}
