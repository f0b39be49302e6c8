package cn.xiaoneng.deadline.engine;

import cn.xiaoneng.model.Times;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code reason} of a declared pause's SUSPENDED/RESUMED events ({@link Conventions#DECLARED_PAUSE_STEP_PREFIX}):
 * {@code 应急停表 <incident id>[ <type label>], 批准人 <approver> <approval instant>}, e.g.
 * {@code 应急停表 SY-20260303-01 停电, 批准人 中心主任 周强 2026-03-03T15:00:00+08:00}.
 *
 * <p>One sentence a person reads on the 跟踪表 and in {@code ods_case_event}, which also carries what the issue asks to
 * be recorded ("with who approved it and when") in a form the engine reads back: the canonical model has no field for
 * an approval time, and a reason built here always parses. Incident ids contain no space or comma (incident fact ids:
 * letters, digits, {@code _ . / : @ # + -}), so the first space after the prefix ends the id; the approval instant is
 * the last space-separated word, so an approver's name may contain spaces.
 *
 * @param incidentTypeLabel the incident type's label (停电, 网络/业务系统故障, …), null when not known
 * @param approvedAt        when the approver declared the pause (epoch ms)
 */
public record DeclaredPauseReason(String incidentId, String incidentTypeLabel, String approver, long approvedAt) {
    static final String PREFIX = "应急停表 ";
    static final String APPROVER = ", 批准人 ";

    public DeclaredPauseReason {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(approver, "approver");
        if (incidentId.isEmpty() || incidentId.contains(" ") || incidentId.contains(",")) {
            throw new IllegalArgumentException("incident id '" + incidentId + "' is empty or contains a space or comma");
        }
        if (approver.isBlank()) {
            throw new IllegalArgumentException("a declared pause needs an approver");
        }
        incidentTypeLabel = incidentTypeLabel == null || incidentTypeLabel.isBlank() ? null : incidentTypeLabel;
    }

    /** The reason text, as written on the events. */
    public String text() {
        return PREFIX + incidentId + (incidentTypeLabel == null ? "" : " " + incidentTypeLabel) + APPROVER + approver + " " + Times.format(approvedAt);
    }

    /** The parts of a reason written by {@link #text()}; empty for any other text (a departmental reason, a hand-written one). */
    public static Optional<DeclaredPauseReason> parse(String reason) {
        if (reason == null || !reason.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int approverAt = reason.indexOf(APPROVER, PREFIX.length());
        int timeAt = reason.lastIndexOf(' ');
        if (approverAt < 0 || timeAt <= approverAt + APPROVER.length()) {
            return Optional.empty();
        }
        String head = reason.substring(PREFIX.length(), approverAt);
        int space = head.indexOf(' ');
        String incidentId = space < 0 ? head : head.substring(0, space);
        String typeLabel = space < 0 ? null : head.substring(space + 1);
        String approver = reason.substring(approverAt + APPROVER.length(), timeAt);
        try {
            return Optional.of(new DeclaredPauseReason(incidentId, typeLabel, approver, Times.parse(reason.substring(timeAt + 1))));
        } catch (RuntimeException e) {
            return Optional.empty(); // not an instant, an empty id or approver: not ours
        }
    }
}
