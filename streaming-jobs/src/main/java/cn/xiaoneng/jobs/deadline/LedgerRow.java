package cn.xiaoneng.jobs.deadline;

import cn.xiaoneng.deadline.engine.StepRow;
import cn.xiaoneng.deadline.engine.TrackingTable;
import java.util.ArrayList;
import java.util.List;

/** One step of one case's 跟踪表 (附录E) as of the engine's clock: a row of {@code dwd_case_step_ledger}. A Flink POJO. */
public class LedgerRow {
    public String centerId;
    public String caseId;
    public long asOf;
    public StepRow step;

    public LedgerRow() {}

    /** The table's steps, one row each. */
    public static List<LedgerRow> of(TrackingTable t) {
        List<LedgerRow> rows = new ArrayList<>(t.steps == null ? 0 : t.steps.length);
        if (t.steps != null) {
            for (StepRow s : t.steps) {
                LedgerRow r = new LedgerRow();
                r.centerId = t.centerId;
                r.caseId = t.caseId;
                r.asOf = t.asOf;
                r.step = s;
                rows.add(r);
            }
        }
        return rows;
    }
}
