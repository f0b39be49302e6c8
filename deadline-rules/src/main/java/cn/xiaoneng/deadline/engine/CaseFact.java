package cn.xiaoneng.deadline.engine;

import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.EventType;
import cn.xiaoneng.model.Limit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One canonical event reduced to what the deadline engine reads: the case's identity, applicant data and
 * source coordinates are left out (the case is the key of {@link CaseFacts}; applicant data is not needed to
 * supervise a clock). Immutable.
 *
 * @param eventId        the canonical event id (deduplication key)
 * @param type           what happened
 * @param businessTime   when it happened in the business (epoch ms); the engine orders facts by this
 * @param sourceCommitTime when the source committed it (epoch ms); used for retention only
 * @param departmentIds  departments of a 联办件, lead first; empty when not stated
 */
public record CaseFact(String eventId, EventType type, long businessTime, long sourceCommitTime, String departmentId,
                       String windowId, String handler, String stepId, String stepName, String result, String reason,
                       Limit committedLimit, Limit legalLimit, CaseKind caseKind, String itemCode, String itemName,
                       List<String> departmentIds) {

    /** Facts in the order the engine reads them: business time, then event id. */
    public static final Comparator<CaseFact> ORDER =
            Comparator.comparingLong(CaseFact::businessTime).thenComparing(CaseFact::eventId);

    public CaseFact {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        committedLimit = copy(committedLimit);
        legalLimit = copy(legalLimit);
        departmentIds = departmentIds == null ? List.of() : List.copyOf(departmentIds);
    }

    /** The fact of a canonical event. */
    public static CaseFact of(CaseEvent e) {
        if (e.eventId == null || e.eventId.isEmpty()) {
            throw new IllegalArgumentException("case event " + e + " has no eventId");
        }
        if (e.eventType == null) {
            throw new IllegalArgumentException("case event " + e.eventId + " has no eventType");
        }
        List<String> departments = e.departmentIds == null ? List.of()
                : Arrays.stream(e.departmentIds).filter(Objects::nonNull).toList();
        return new CaseFact(e.eventId, e.eventType, e.businessTime, e.sourceCommitTime, e.departmentId, e.windowId, e.handler,
                e.stepId, e.stepName, e.result, e.reason, e.committedLimit, e.legalLimit, e.caseKind, e.itemCode, e.itemName,
                departments);
    }

    @Override
    public Limit committedLimit() {
        return copy(committedLimit);
    }

    @Override
    public Limit legalLimit() {
        return copy(legalLimit);
    }

    private static Limit copy(Limit l) {
        return l == null || l.unit == null ? null : new Limit(l.value, l.unit); // Limit is a mutable POJO
    }
}
