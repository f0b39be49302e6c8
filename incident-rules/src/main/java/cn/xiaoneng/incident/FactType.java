package cn.xiaoneng.incident;

/**
 * One entry of an incident's timeline (the operations log, or an automatic detector). The plan deadlines are
 * judged on these (docs/incidents.md, "Plan rules").
 */
public enum FactType {
    /** 发生: when the event began. Carries the type, the level and whether it is only suspected. */
    ONSET("发生"),
    /** 发现: when the hall (or a detector) became aware of it; plan deadlines count from here by default. */
    DETECTED("发现"),
    /** 口头报告 (phone) to the next level up: who reported to whom. */
    VERBAL_REPORT("口头报告"),
    /** 书面报告; also satisfies the verbal report. */
    WRITTEN_REPORT("书面报告"),
    /** 续报: a follow-up report while the incident lasts. */
    FOLLOW_UP_REPORT("续报"),
    /** 启动响应: the plan's response team is at work. */
    RESPONSE_STARTED("启动响应"),
    /** 临时措施到位 (accept on paper, send applicants to another service point, manual queueing). */
    WORKAROUND("临时措施"),
    /** 恢复服务. */
    SERVICE_RESTORED("恢复服务"),
    /** 结束: the incident file is closed. A detector's automatic closure applies only to a suspected incident. */
    CLOSED("结束"),
    /** 确认: a suspected incident is real. */
    CONFIRMED("确认"),
    /** 排除: a suspected incident was not one; every card it raised is retracted. */
    DISMISSED("排除"),
    /** 级别调整: the level in force from this instant. */
    LEVEL_CHANGED("级别调整"),
    /** 声明停表: the center declares a pause on the clocks of affected open cases, approved by someone. */
    CLOCK_PAUSE_DECLARED("声明停表"),
    /** 纸质受理登记: how many cases a window accepted on paper during the incident (for 事后补录). */
    PAPER_REGISTERED("纸质受理登记"),
    /** 备注/影响范围: adds affected windows or departments, or a note, and nothing else. */
    NOTE("备注");

    private final String label;

    FactType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses the enum name; the error lists the known names. */
    public static FactType parse(String name) {
        try {
            return valueOf(name.strip());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("'" + name + "' is not an incident fact type (" + java.util.Arrays.toString(values()) + ")");
        }
    }
}
