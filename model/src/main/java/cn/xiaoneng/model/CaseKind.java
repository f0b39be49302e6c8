package cn.xiaoneng.model;

/** The standard's seven kinds of case (办件类型): 政务服务中心管理和服务规范 6.6.1, defined in 3.3–3.9. */
public enum CaseKind {
    IMMEDIATE("即办件"),
    COMMITTED("承诺件"),
    JOINT("联办件"),
    REPORTED("上报件"),
    RETURNED("退办件"),
    RESUBMITTED("补办件"),
    URGENT("急办件");

    private final String label;

    CaseKind(String label) {
        this.label = label;
    }

    /** The Chinese label users read. */
    public String label() {
        return label;
    }
}
