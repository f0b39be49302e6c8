package cn.xiaoneng.model;

/** What happened to a case. Every departmental status, step and pause maps to one of these. */
public enum EventType {
    SUBMITTED("申办"),
    ACCEPTED("受理"),
    NOT_ACCEPTED("不予受理"),
    STEP_STARTED("环节开始"),
    STEP_COMPLETED("环节完成"),
    SUPPLEMENT_REQUESTED("补正告知"),
    SUPPLEMENT_RECEIVED("补正受理"),
    SUSPENDED("暂停计时"),
    RESUMED("恢复计时"),
    EXTENSION_APPROVED("延期批准"),
    REPORTED_UP("上报"),
    RETURNED("退办"),
    COMPLETED("办结"),
    DELIVERED("送达/领证"),
    WITHDRAWN("撤件");

    private final String label;

    EventType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Events after which the case is closed: no clock runs any more. */
    public boolean closesCase() {
        return this == NOT_ACCEPTED || this == RETURNED || this == COMPLETED || this == WITHDRAWN;
    }
}
