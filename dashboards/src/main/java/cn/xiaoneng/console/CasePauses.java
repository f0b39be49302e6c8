package cn.xiaoneng.console;

import cn.xiaoneng.deadline.engine.CaseFacts;
import cn.xiaoneng.deadline.engine.CaseTracker;
import cn.xiaoneng.deadline.engine.PauseRow;
import cn.xiaoneng.model.CaseEvent;
import java.util.List;
import java.util.Objects;

/**
 * The clock stops of one case's 跟踪表 (附录E: 补正, 暂停, 上报, 应急停表) from the case's canonical events, by the deadline
 * engine's own rules: the events go through {@link CaseFacts} and {@link CaseTracker#tracking} exactly as in the
 * deadline job, and the rows are its {@code TrackingTable.pauses}. So the pairing (a 补正 ends at the 受理; a RESUMED
 * ends the suspension of its step id, else the oldest; a declared pause, step id {@code incident:<id>}, ends only with
 * its own RESUMED), the incident, approver and approval time read back from the reason, and the counted time held
 * back are the engine's, not a second copy in SQL. No table holds pause rows (the step ledger lists process steps
 * only); {@code ods_case_event} holds every fact they come from.
 */
final class CasePauses {
    private CasePauses() {}

    /**
     * The pause rows of one case's events (duplicates by event id count once), read as of {@code engineAsOf} — the
     * engine's clock on the case's {@code dws_case_clock} row, so that a row's held-back time matches the clock shown
     * beside it — or of the latest commit time among the events when that is later (facts the engine has not yet
     * written a clock for), which is the instant the deadline job itself reads a 跟踪表 at: max(clock, latest commit).
     *
     * @param engineAsOf null when the engine has written no clock for the case
     */
    static List<PauseRow> of(List<CaseEvent> events, Long engineAsOf, CaseTracker tracker) {
        Objects.requireNonNull(tracker, "tracker");
        if (events.isEmpty()) {
            return List.of();
        }
        CaseFacts facts = CaseFacts.of(events);
        long latestCommit = facts.latestCommitTime();
        long asOf = engineAsOf == null ? latestCommit : Math.max(engineAsOf, latestCommit);
        return List.of(tracker.tracking(facts, asOf).pauses);
    }
}
