package cn.xiaoneng.deadline.engine;

/**
 * How canonical events say things the {@code EventType} list has no constant for. Documented in
 * docs/canonical-events.md ("Conventions the deadline engine reads"); mappings that produce these facts must
 * use exactly these values.
 */
public final class Conventions {
    private Conventions() {}

    /**
     * {@code STEP_COMPLETED} with this result: the step's department stayed away (缺席) from a 联合办理 or
     * 联审会 it was called to. It is bound by the outcome (缺席默认, DOMAIN.md §1.2) and the engine raises
     * {@link CardKind#ABSENCE_DEFAULT} against that department at the event's business time.
     */
    public static final String RESULT_ABSENT = "ABSENT";

    /**
     * {@code COMPLETED} or {@code WITHDRAWN} with this result: the applicant did not turn up when notified. The
     * case counts as finished on time (按期办结; departmental 限时办结制度, DOMAIN.md §1.2). Its business time is
     * the moment the applicant was notified, when the department's part ended.
     */
    public static final String RESULT_APPLICANT_ABSENT = "APPLICANT_ABSENT";

    /**
     * {@code SUSPENDED} / {@code RESUMED} whose step id is this prefix followed by an incident id: a pause the center
     * declared on the clocks of the open cases an emergency affects (4.5.2.5 附录C; issue 4: "with who approved it and
     * when"). The incident job writes them ({@code PauseEvents} in incident-rules) with the approver as {@code handler}
     * and a {@link DeclaredPauseReason} as {@code reason}. The engine pairs and applies them like any other pause; the
     * 跟踪表 shows them as {@link PauseRow.Kind#DECLARED} rows with the incident, the approver and the approval time.
     */
    public static final String DECLARED_PAUSE_STEP_PREFIX = "incident:";

    /** The step id of the events of a pause declared for {@code incidentId}. */
    public static String declaredPauseStepId(String incidentId) {
        return DECLARED_PAUSE_STEP_PREFIX + incidentId;
    }
}
