package cn.xiaoneng.incident.plan;

import cn.xiaoneng.incident.IncidentCardKind;

/**
 * The deadlines of an emergency plan. Each is a budget of time per level ({@code level.<L>.<key>}); a missed one
 * raises its card. What meets each one is in docs/incidents.md ("Plan rules").
 */
public enum PlanDeadline {
    /** 口头报告: main facts by phone to the next level up (珠海: 30 min for 重大/特别重大). */
    VERBAL_REPORT("verbalReport", "口头报告", IncidentCardKind.VERBAL_REPORT_OVERDUE),
    /** 书面报告 (珠海: 2 h; 河南: 较大 1 h, 一般 6 h). */
    WRITTEN_REPORT("writtenReport", "书面报告", IncidentCardKind.WRITTEN_REPORT_OVERDUE),
    /** 续报: the longest gap between reports while service is down (河南: twice a day). */
    FOLLOW_UP("followUpInterval", "续报", IncidentCardKind.FOLLOW_UP_OVERDUE),
    /** 启动响应. */
    RESPONSE("response", "启动响应", IncidentCardKind.RESPONSE_OVERDUE),
    /** 临时措施 (paper acceptance, other service points). */
    WORKAROUND("workaround", "临时措施", IncidentCardKind.WORKAROUND_OVERDUE),
    /** 恢复服务. */
    RESTORATION("restoration", "恢复服务", IncidentCardKind.RESTORATION_OVERDUE);

    private final String key;
    private final String label;
    private final IncidentCardKind cardKind;

    PlanDeadline(String key, String label, IncidentCardKind cardKind) {
        this.key = key;
        this.label = label;
        this.cardKind = cardKind;
    }

    /** The name in plan files and the qualifier of its cards. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public IncidentCardKind cardKind() {
        return cardKind;
    }

    /** By file key ({@code verbalReport}, …). */
    public static PlanDeadline byKey(String key) {
        for (PlanDeadline d : values()) {
            if (d.key.equals(key.strip())) {
                return d;
            }
        }
        StringBuilder known = new StringBuilder();
        for (PlanDeadline d : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(d.key);
        }
        throw new IllegalArgumentException("'" + key + "' is not a plan deadline (" + known + ")");
    }
}
