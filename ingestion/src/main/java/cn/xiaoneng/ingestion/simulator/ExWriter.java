package cn.xiaoneng.ingestion.simulator;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Exchange-table system (source ex): appends one row per step to ex_step_log, each carrying the case's
 * attributes as the provincial exchange tables do. A 审批 step is written once, when it ends, with its start.
 */
public final class ExWriter extends SourceWriter {
    /** The log table, as the mapping and Debezium name it. */
    public static final String TABLE = "exchange.ex_step_log";

    public ExWriter(Connection connection, ZoneId zone) throws SQLException {
        super(connection, zone);
    }

    @Override
    public void apply(CasePlan p, CasePlan.Action a) throws SQLException {
        Optional<Map<String, Object>> row = row(p, a, zone);
        if (row.isEmpty()) {
            return;
        }
        Map<String, Object> r = row.get();
        String columns = String.join(", ", r.keySet());
        String marks = String.join(",", java.util.Collections.nCopies(r.size(), "?"));
        update("INSERT INTO " + TABLE + " (" + columns + ") VALUES (" + marks + ")", r.values().toArray());
    }

    /**
     * The log row this system appends for {@code a} (column → value, wall-clock times in {@code zone}), or empty when
     * it writes nothing then. The benchmark uses the same rows to feed Kafka without a database in between.
     */
    public static Optional<Map<String, Object>> row(CasePlan p, CasePlan.Action a, ZoneId zone) {
        return switch (a.kind()) {
            case SUBMIT -> Optional.of(row(p, a, "SB", null, null, null, zone));
            case ACCEPT -> Optional.of(row(p, a, "SL", "1", null, null, zone));
            case NOT_ACCEPT -> Optional.of(row(p, a, "SL", "2", null, null, zone));
            case SUPPLEMENT_REQUEST -> Optional.of(row(p, a, "BJGZ", null, null, null, zone));
            case SUPPLEMENT_RECEIVE -> Optional.of(row(p, a, "BJSL", null, null, null, zone));
            // Written with the SPCL row at the step's end.
            case STEP_START -> Optional.empty();
            case STEP_END -> Optional.of(row(p, a, "SPCL", null, p.caseId() + "-" + a.step(), stepStart(p, a.step(), zone), zone));
            case PAUSE_START -> Optional.of(row(p, a, "TBCXSQ", null, null, null, zone));
            case PAUSE_END -> Optional.of(row(p, a, "TBCXJG", null, null, null, zone));
            case COMPLETE -> Optional.of(row(p, a, "BJ", String.valueOf(LcWriter.closingCode(a.outcome())), null, null, zone));
            case DELIVER -> Optional.of(row(p, a, "LQDJ", null, null, null, zone));
        };
    }

    private static LocalDateTime stepStart(CasePlan p, int step, ZoneId zone) {
        for (CasePlan.Action x : p.actions()) {
            if (x.kind() == CasePlan.ActionKind.STEP_START && x.step() == step) {
                return LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(x.businessAt()), zone);
            }
        }
        throw new IllegalStateException("step " + step + " of " + p.caseId() + " has no start");
    }

    private static Map<String, Object> row(CasePlan p, CasePlan.Action a, String stepTable, String resultCode, String stepId, LocalDateTime stepStart,
                                           ZoneId zone) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("sblsh", p.caseId());
        r.put("hjslbs", stepId);
        r.put("step_table", stepTable);
        r.put("sxbm", p.item().code());
        r.put("sxmc", p.item().name());
        r.put("bjlx", LcWriter.kindCode(p.kind()));
        r.put("sjdwdm", p.department().departmentId());
        r.put("xbdw", p.coDepartments() == null ? null : String.join(",", p.coDepartments()));
        r.put("ckbh", p.window());
        r.put("sqrzjhm", p.applicantId());
        r.put("lxrsj", p.applicantPhone());
        r.put("hjmc", a.stepName());
        r.put("blr", a.handler());
        r.put("kssj", stepStart);
        r.put("clsj", LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(a.businessAt()), zone));
        r.put("jgdm", resultCode);
        r.put("cnsx", p.committed().value);
        r.put("cnsxdw", LcWriter.unitCode(p.committed().unit));
        r.put("fdsx", p.legal().value);
        r.put("fdsxdw", LcWriter.unitCode(p.legal().unit));
        r.put("yy", a.reason());
        return r;
    }
}
