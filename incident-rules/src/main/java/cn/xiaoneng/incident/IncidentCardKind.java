package cn.xiaoneng.incident;

/**
 * The kinds of incident card. One kind per plan deadline plus the immediate card of a serious incident; the
 * default clause is 4.5.2.5 of the standard (every window unit keeps an 应急处置方案, 详见附录C) and the appendix
 * itself. A center's plan may cite its own clauses ({@code clause.<KIND>}).
 */
public enum IncidentCardKind {
    /** A level I or II incident (configurable: {@code raiseImmediately}) is open: raised at once. */
    INCIDENT_RAISED("突发事件", "4.5.2.5 附录C"),
    VERBAL_REPORT_OVERDUE("口头报告超时", "附录C 信息报告"),
    WRITTEN_REPORT_OVERDUE("书面报告超时", "附录C 信息报告"),
    FOLLOW_UP_OVERDUE("续报超时", "附录C 信息报告"),
    RESPONSE_OVERDUE("响应超时", "附录C 应急响应"),
    WORKAROUND_OVERDUE("临时措施超时", "附录C 应急处置"),
    RESTORATION_OVERDUE("恢复服务超时", "附录C 恢复与重建");

    private final String label;
    private final String defaultClause;

    IncidentCardKind(String label, String defaultClause) {
        this.label = label;
        this.defaultClause = defaultClause;
    }

    /** The Chinese name users read. */
    public String label() {
        return label;
    }

    public String defaultClause() {
        return defaultClause;
    }

    public static IncidentCardKind parse(String name) {
        try {
            return valueOf(name.strip());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("'" + name + "' is not an incident card kind (" + java.util.Arrays.toString(values()) + ")");
        }
    }
}
