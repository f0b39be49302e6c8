package cn.xiaoneng.ingestion.simulator;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Exchange-table system (source ex): appends one row per step to ex_step_log, each carrying the case's
 * attributes as the provincial exchange tables do. A 审批 step is written once, when it ends, with its start.
 */
public final class ExWriter extends SourceWriter {
    public ExWriter(Connection connection, ZoneId zone) throws SQLException {
        super(connection, zone);
    }

    @Override
    public void apply(CasePlan p, CasePlan.Action a) throws SQLException {
        switch (a.kind()) {
            case SUBMIT -> row(p, a, "SB", null, null, null);
            case ACCEPT -> row(p, a, "SL", "1", null, null);
            case NOT_ACCEPT -> row(p, a, "SL", "2", null, null);
            case SUPPLEMENT_REQUEST -> row(p, a, "BJGZ", null, null, null);
            case SUPPLEMENT_RECEIVE -> row(p, a, "BJSL", null, null, null);
            case STEP_START -> {
                // Written with the SPCL row at the step's end.
            }
            case STEP_END -> row(p, a, "SPCL", null, p.caseId() + "-" + a.step(), stepStart(p, a.step()));
            case PAUSE_START -> row(p, a, "TBCXSQ", null, null, null);
            case PAUSE_END -> row(p, a, "TBCXJG", null, null, null);
            case COMPLETE -> row(p, a, "BJ", String.valueOf(LcWriter.closingCode(a.outcome())), null, null);
            case DELIVER -> row(p, a, "LQDJ", null, null, null);
            default -> throw new IllegalStateException("unhandled " + a.kind());
        }
    }

    private LocalDateTime stepStart(CasePlan p, int step) {
        for (CasePlan.Action x : p.actions()) {
            if (x.kind() == CasePlan.ActionKind.STEP_START && x.step() == step) {
                return local(x.businessAt());
            }
        }
        throw new IllegalStateException("step " + step + " of " + p.caseId() + " has no start");
    }

    private void row(CasePlan p, CasePlan.Action a, String stepTable, String resultCode, String stepId, LocalDateTime stepStart) throws SQLException {
        update("INSERT INTO exchange.ex_step_log (sblsh, hjslbs, step_table, sxbm, sxmc, bjlx, sjdwdm, xbdw, ckbh, sqrzjhm, lxrsj, hjmc, blr, kssj, "
                        + "clsj, jgdm, cnsx, cnsxdw, fdsx, fdsxdw, yy) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                p.caseId(), stepId, stepTable, p.item().code(), p.item().name(), LcWriter.kindCode(p.kind()), p.department().departmentId(),
                p.coDepartments() == null ? null : String.join(",", p.coDepartments()), p.window(), p.applicantId(), p.applicantPhone(),
                a.stepName(), a.handler(), stepStart, local(a.businessAt()), resultCode, p.committed().value, LcWriter.unitCode(p.committed().unit),
                p.legal().value, LcWriter.unitCode(p.legal().unit), a.reason());
    }
}
