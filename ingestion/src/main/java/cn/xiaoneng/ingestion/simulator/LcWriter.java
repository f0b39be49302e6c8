package cn.xiaoneng.ingestion.simulator;

import cn.xiaoneng.model.LimitUnit;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** 浪潮-style system (source lc): updates the case index row in place and keeps one row per step. */
public final class LcWriter extends SourceWriter {
    public LcWriter(Connection connection, ZoneId zone) throws SQLException {
        super(connection, zone);
    }

    static String unitCode(LimitUnit u) {
        return switch (u) {
            case WORKING_DAYS -> "G";
            case NATURAL_DAYS -> "Z";
            case IMMEDIATE -> "J";
        };
    }

    static String kindCode(cn.xiaoneng.model.CaseKind k) {
        return switch (k) {
            case IMMEDIATE -> "JB";
            case COMMITTED -> "CN";
            case JOINT -> "LB";
            case REPORTED -> "SB";
            case RETURNED -> "TB";
            case RESUBMITTED -> "BB";
            case URGENT -> "JJ";
        };
    }

    /** BJJGDM: 0 出证办结, 1 退回办结, 2 作废办结, 6 办结 (a decision not to grant). */
    static int closingCode(CasePlan.Outcome o) {
        return switch (o) {
            case APPROVED -> 0;
            case RETURNED -> 1;
            case WITHDRAWN -> 2;
            case REJECTED -> 6;
        };
    }

    @Override
    public void apply(CasePlan p, CasePlan.Action a) throws SQLException {
        LocalDateTime at = local(a.businessAt());
        String id = p.caseId();
        switch (a.kind()) {
            case SUBMIT -> update("INSERT INTO approval.business_index (sblsh, sxbm, sxmc, bjlx, sjdwdm, xbdw, ckbh, sqrmc, sqrzjhm, lxrsj, sbsj, "
                            + "cnsx, cnsxdw, fdsx, fdsxdw) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    id, p.item().code(), p.item().name(), kindCode(p.kind()), p.department().departmentId(),
                    p.coDepartments() == null ? null : String.join(",", p.coDepartments()), p.window(), p.applicantName(), p.applicantId(),
                    p.applicantPhone(), at, p.committed().value, unitCode(p.committed().unit), p.legal().value, unitCode(p.legal().unit));
            case ACCEPT -> update("UPDATE approval.business_index SET slsj = ?, slztdm = 1, update_time = now() WHERE sblsh = ?", at, id);
            case NOT_ACCEPT -> update("UPDATE approval.business_index SET slsj = ?, slztdm = 2, bslyy = ?, update_time = now() WHERE sblsh = ?",
                    at, a.reason(), id);
            case SUPPLEMENT_REQUEST -> update("UPDATE approval.business_index SET bzgzsj = ?, bzgzyy = ?, update_time = now() WHERE sblsh = ?",
                    at, a.reason(), id);
            case SUPPLEMENT_RECEIVE -> update("UPDATE approval.business_index SET bzsj = ?, update_time = now() WHERE sblsh = ?", at, id);
            case STEP_START -> update("INSERT INTO approval.business_step (hjslbs, sblsh, hjdm, hjmc, blr, kssj) VALUES (?,?,?,?,?,?)",
                    id + "-" + a.step(), id, String.valueOf(a.step()), a.stepName(), a.handler(), at);
            case STEP_END -> update("UPDATE approval.business_step SET jssj = ?, blyj = ? WHERE hjslbs = ?", at, a.reason(), id + "-" + a.step());
            case PAUSE_START -> update("UPDATE approval.business_index SET tbcxksrq = ?, tbcxqdly = ?, update_time = now() WHERE sblsh = ?",
                    at, a.reason(), id);
            case PAUSE_END -> update("UPDATE approval.business_index SET tbcxjsrq = ?, update_time = now() WHERE sblsh = ?", at, id);
            case COMPLETE -> update("UPDATE approval.business_index SET bjsj = ?, bjjgdm = ?, update_time = now() WHERE sblsh = ?",
                    at, closingCode(a.outcome()), id);
            case DELIVER -> update("UPDATE approval.business_index SET lqsj = ?, update_time = now() WHERE sblsh = ?", at, id);
            default -> throw new IllegalStateException("unhandled " + a.kind());
        }
    }
}
