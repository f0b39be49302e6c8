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
}
