package cn.xiaoneng.console;

import cn.xiaoneng.console.SupervisionFacts.CardRow;
import cn.xiaoneng.deadline.engine.PauseRow;
import java.util.List;

/**
 * One case's 跟踪表 (standard 附录E) as the deadline engine last wrote it: its clock (dws_case_clock), each step with
 * its holder and counted time against its budget (dwd_case_step_ledger), every card record, retractions included
 * (dwd_deadline_card), and each clock stop (补正, 暂停, 上报, 应急停表) as the engine's rules make it from the case's events
 * in ods_case_event ({@link CasePauses}). Instants in epoch ms.
 */
public record CaseTrackingFacts(String centerId, String caseId, Clock clock, List<Step> steps, List<PauseRow> pauses, List<CardRow> cards) {

    /** The engine never saw the case (pause rows alone, from events it has not processed, do not make it known). */
    public boolean isEmpty() {
        return clock == null && steps.isEmpty() && cards.isEmpty();
    }

    public record Clock(String itemCode, String itemName, String caseKind, String departmentId, String windowId, Long acceptedMillis,
                        Long dueMillis, String limitText, String limitBasis, Long usedMillis, Long remainingMillis, String outcome,
                        Long closedMillis, long overdueMillis, long asOfMillis) {}

    public record Step(String stepKey, String stepId, String stepName, String departmentId, String windowId, String handler,
                       long startedMillis, boolean startInferred, Long endedMillis, String result, long usedMillis, String budget,
                       Long budgetMillis, long overBudgetMillis, long asOfMillis) {}
}
