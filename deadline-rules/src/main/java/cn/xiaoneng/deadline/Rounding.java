package cn.xiaoneng.deadline;

/**
 * How a working-day or 即办 due instant that lands mid-day (after a pause) is reported. Natural-day limits
 * always end at 24:00 (民法典 Art. 203 ¶2), whatever this says.
 */
public enum Rounding {
    /** Default: the due instant moves by exactly the counted time the pauses covered (issue 3, rule 5). */
    EXACT,
    /**
     * A due instant inside a day moves to 24:00 of that day, as systems that add whole paused working days
     * to the promised date do (Epoint adds paused 工作日 to {@code promiseenddate}). Off by default.
     */
    WHOLE_DAY
}
