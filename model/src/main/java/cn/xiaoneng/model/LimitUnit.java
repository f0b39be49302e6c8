package cn.xiaoneng.model;

/** Unit of a time limit (时限单位). Source systems say G/Z or 1/0 (工作日/自然日). */
public enum LimitUnit {
    WORKING_DAYS("工作日"),
    NATURAL_DAYS("自然日"),
    IMMEDIATE("即办");

    private final String label;

    LimitUnit(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
