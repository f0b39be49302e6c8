package cn.xiaoneng.ingestion.simulator;

import cn.xiaoneng.model.LimitUnit;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * 国泰新点-style system (source xd): one case row whose status code changes in place (24 待接件, 28 待补办,
 * 26 已接件, 30 已受理, 50 审批通过, 40 审批不通过, 90 正常办结, 97 不予受理, 98 撤销申请, 99 异常终止), pauses in
 * audit_project_unusual, and every status change logged in audit_project_operation.
 */
public final class XdWriter extends SourceWriter {
    private long operationSeq;

    public XdWriter(Connection connection, ZoneId zone) throws SQLException {
        super(connection, zone);
    }

    static int kindCode(cn.xiaoneng.model.CaseKind k) {
        return k.ordinal() + 1;
    }

    static int unitCode(LimitUnit u) {
        return switch (u) {
            case WORKING_DAYS -> 1;
            case NATURAL_DAYS -> 0;
            case IMMEDIATE -> 2;
        };
    }

    @Override
    public void apply(CasePlan p, CasePlan.Action a) throws SQLException {
        LocalDateTime at = local(a.businessAt());
        String guid = "g-" + p.caseId();
        switch (a.kind()) {
            case SUBMIT -> {
                update("INSERT INTO audit_project (rowguid, flowsn, task_code, projectname, project_type, ouguid, windowguid, centerguid, applyername, "
                                + "certnum, contactmobile, applydate, promise_day, promise_type, legal_day, legal_type, status, operatedate) "
                                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,24,?)",
                        guid, p.caseId(), p.item().code(), p.item().name(), kindCode(p.kind()), p.department().departmentId(), p.window(),
                        "hn-cs-zwzx", p.applicantName(), p.applicantId(), p.applicantPhone(), at, p.committed().value, unitCode(p.committed().unit),
                        p.legal().value, unitCode(p.legal().unit), at);
                log(p, null, 24, at, null);
            }
            case SUPPLEMENT_REQUEST -> status(p, a, 28, "bubandate = ?", at);
            case SUPPLEMENT_RECEIVE -> status(p, a, 26, "bubanfinishdate = ?", at);
            case ACCEPT -> status(p, a, 30, "acceptuserdate = ?, receivedate = COALESCE(receivedate, ?)", at, at);
            case NOT_ACCEPT -> status(p, a, 97, "banjiedate = ?", at);
            case STEP_START -> update("UPDATE audit_project SET handleusername = ?, operatedate = ? WHERE rowguid = ?", a.handler(), at, guid);
            case STEP_END -> {
                if (a.step() == 3) {
                    status(p, a, 50, "operatedate = ?", at);
                } else {
                    update("UPDATE audit_project SET operatedate = ? WHERE rowguid = ?", at, guid);
                }
            }
            case PAUSE_START -> {
                update("INSERT INTO audit_project_unusual (rowguid, projectguid, flowsn, unusualtype, reason, startdate, operateusername) "
                        + "VALUES (?,?,?,1,?,?,?)", guid + "-u" + a.step(), guid, p.caseId(), a.reason(), at, a.handler());
                update("UPDATE audit_project SET is_pause = 1, operatedate = ? WHERE rowguid = ?", at, guid);
            }
            case PAUSE_END -> {
                update("UPDATE audit_project_unusual SET enddate = ? WHERE rowguid = ?", at, guid + "-u" + a.step());
                update("UPDATE audit_project SET is_pause = 0, operatedate = ? WHERE rowguid = ?", at, guid);
            }
            case COMPLETE -> {
                switch (a.outcome()) {
                    case APPROVED -> status(p, a, 90, "banjiedate = ?, banjieresult = 1", at);
                    case REJECTED -> status(p, a, 90, "banjiedate = ?, banjieresult = 2", at);
                    case WITHDRAWN -> status(p, a, 98, "banjiedate = ?", at);
                    case RETURNED -> status(p, a, 99, "banjiedate = ?", at);
                    default -> throw new IllegalStateException(a.outcome().name());
                }
            }
            case DELIVER -> {
                // This system records no 领证 step.
            }
            default -> throw new IllegalStateException("unhandled " + a.kind());
        }
    }

    private void status(CasePlan p, CasePlan.Action a, int status, String set, Object... args) throws SQLException {
        String guid = "g-" + p.caseId();
        Integer before = null;
        try (var ps = connection.prepareStatement("SELECT status FROM audit_project WHERE rowguid = ?")) {
            ps.setString(1, guid);
            try (var rs = ps.executeQuery()) {
                if (rs.next()) {
                    before = rs.getInt(1);
                }
            }
        }
        Object[] all = new Object[args.length + 3];
        all[0] = status;
        all[1] = a.handler();
        System.arraycopy(args, 0, all, 2, args.length);
        all[all.length - 1] = guid;
        update("UPDATE audit_project SET status = ?, handleusername = COALESCE(?, handleusername), " + set + " WHERE rowguid = ?", all);
        log(p, before, status, local(a.businessAt()), a.handler());
    }

    private void log(CasePlan p, Integer before, int after, LocalDateTime at, String who) throws SQLException {
        operationSeq++;
        update("INSERT INTO audit_project_operation (rowguid, projectguid, flowsn, status_before, status_after, operatedate, operateusername) "
                + "VALUES (?,?,?,?,?,?,?)", "op-" + p.caseId() + "-" + operationSeq, "g-" + p.caseId(), p.caseId(), before, after, at, who);
    }
}
