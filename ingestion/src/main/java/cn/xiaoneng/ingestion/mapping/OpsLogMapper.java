package cn.xiaoneng.ingestion.mapping;

import cn.xiaoneng.incident.FactSource;
import cn.xiaoneng.incident.FactType;
import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.IncidentLevel;
import cn.xiaoneng.incident.IncidentType;
import cn.xiaoneng.model.DeadLetter;
import cn.xiaoneng.model.Times;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps one change record of a center's operations log ({@code ops.incident_log}, sources/ops/schema.sql) to an
 * {@link IncidentFact}, or to a dead letter with the reason — the ops-log counterpart of {@link Normalizer}, with the
 * same reason codes and the same rule: a record is mapped whole or not at all, and no record stops the job.
 *
 * <ul>
 *   <li>An inserted (or snapshotted) entry is one fact with id {@code ops-<log_id>}, so a redelivered record changes
 *       nothing downstream. {@code at} is the entry's {@code happened_at}; {@code recordedAt} is the commit time (when
 *       the log knew it), never before {@code at}.</li>
 *   <li>The log is a journal: corrections are new entries. An UPDATE or DELETE of an entry yields no fact (the
 *       receipt says so); it is not a dead letter because nothing was lost that a person meant to record.</li>
 *   <li>Codes may be the enum names or the Chinese labels the duty officer sees (口头报告, 停电, Ⅱ, …).</li>
 * </ul>
 *
 * <p>Plain Java, thread-confined per instance, no I/O.
 */
public final class OpsLogMapper implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The one captured table, as Debezium names it. */
    public static final String TABLE = "ops.incident_log";
    /** Source id on dead letters and receipts of the operations log. */
    public static final String SOURCE_ID = "ops";
    static final List<String> REQUIRED = List.of("log_id", "center_id", "incident_no", "entry_type", "happened_at");
    private static final long EARLIEST_PLAUSIBLE = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    private static final long MAX_FUTURE_MILLIS = 24L * 3600 * 1000;

    private final ZoneId zone;
    private transient EnvelopeReader reader;

    /** @param zone the zone of the log's wall-clock columns */
    public OpsLogMapper(ZoneId zone) {
        this.zone = zone;
    }

    /** The simulator's and the built-in centers' log: Asia/Shanghai. */
    public static OpsLogMapper standard() {
        return new OpsLogMapper(Times.CHINA);
    }

    /** What became of one record: a fact, nothing (update, delete, tombstone), or a dead letter. */
    public record Outcome(Optional<IncidentFact> fact, DeadLetter deadLetter, String op, long commitTime) {
        public boolean isDeadLetter() {
            return deadLetter != null;
        }
    }

    public Outcome map(String topic, int partition, long offset, byte[] value, long nowMillis) {
        if (value == null) {
            return new Outcome(Optional.empty(), null, "", 0);
        }
        String table = null;
        String position = null;
        String op = "";
        long commitTime = 0;
        try {
            ChangeEnvelope change;
            try {
                change = reader().read(value);
            } catch (IOException e) {
                throw new Rejection(Rejection.Code.MALFORMED, "record value is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
            table = change.qualifiedTable();
            op = change.op();
            position = change.position();
            commitTime = change.commitTime();
            if (!TABLE.equals(table)) {
                throw new Rejection(Rejection.Code.UNMAPPED_TABLE, "the operations log maps only " + TABLE + ", not " + table);
            }
            if (!change.isCreate()) {
                return new Outcome(Optional.empty(), null, op, commitTime);
            }
            try {
                return new Outcome(Optional.of(fact(change.row(), position, commitTime)), null, op, commitTime);
            } catch (RuntimeException bug) {
                throw new Rejection(Rejection.Code.MAPPING_ERROR, "operations log entry could not be mapped: " + bug);
            }
        } catch (Rejection r) {
            DeadLetter d = new DeadLetter();
            d.sourceId = SOURCE_ID;
            d.sourceTable = table;
            d.topic = topic;
            d.partition = partition;
            d.offset = offset;
            d.sourcePosition = position;
            d.reasonCode = r.code().name();
            d.reason = r.getMessage();
            d.rawValue = new String(value, java.nio.charset.StandardCharsets.UTF_8);
            d.sourceCommitTime = commitTime;
            d.deadLetteredAt = nowMillis;
            return new Outcome(Optional.empty(), d, op, commitTime);
        }
    }

    private IncidentFact fact(RowImage row, String position, long commitTime) throws Rejection {
        for (String column : REQUIRED) {
            if (!row.has(column)) {
                throw new Rejection(Rejection.Code.SCHEMA_DRIFT, "column " + column + " is missing from " + TABLE + " (renamed or dropped upstream?)");
            }
        }
        String logId = ChangeEnvelope.text(row, "log_id");
        String what = TABLE + " entry " + logId;
        IncidentFact f = new IncidentFact();
        f.factId = "ops-" + logId;
        f.centerId = ChangeEnvelope.text(row, "center_id");
        f.incidentId = ChangeEnvelope.text(row, "incident_no");
        f.factType = code(row, "entry_type", what, OpsLogMapper::factType);
        Long at = ChangeEnvelope.instant(row, "happened_at", zone, what);
        if (at == null) {
            throw new Rejection(Rejection.Code.MISSING_TIME, "column happened_at is empty, for " + what);
        }
        plausible(at, commitTime, "happened_at", what);
        f.at = at;
        f.recordedAt = commitTime > 0 ? Math.max(at, commitTime) : at;
        f.incidentType = code(row, "incident_type", what, OpsLogMapper::incidentType);
        f.level = code(row, "level", what, IncidentLevel::parse);
        JsonNode suspected = row.get("suspected");
        if (suspected != null && !suspected.isNull()) {
            if (!suspected.isBoolean()) {
                throw new Rejection(Rejection.Code.BAD_VALUE, "column suspected value '" + suspected.asText() + "' is not a boolean, for " + what);
            }
            f.confirmed = !suspected.booleanValue();
        }
        f.windowIds = list(ChangeEnvelope.text(row, "windows"));
        f.departmentIds = list(ChangeEnvelope.text(row, "departments"));
        f.reportedBy = ChangeEnvelope.text(row, "reported_by");
        f.reportedTo = ChangeEnvelope.text(row, "reported_to");
        f.approver = ChangeEnvelope.text(row, "approver");
        f.pauseFrom = ChangeEnvelope.instant(row, "pause_from", zone, what);
        f.pauseTo = ChangeEnvelope.instant(row, "pause_to", zone, what);
        String paper = ChangeEnvelope.text(row, "paper_cases");
        if (paper != null) {
            try {
                f.paperCases = Integer.valueOf(paper);
            } catch (NumberFormatException e) {
                throw new Rejection(Rejection.Code.BAD_VALUE, "column paper_cases value '" + paper + "' is not a whole number, for " + what);
            }
        }
        f.note = ChangeEnvelope.text(row, "note");
        f.source = FactSource.OPS_LOG;
        f.sourcePosition = position;
        try {
            return f.validate();
        } catch (IllegalArgumentException e) {
            throw new Rejection(Rejection.Code.BAD_VALUE, e.getMessage() + ", for " + what);
        }
    }

    private static void plausible(long t, long commitTime, String column, String what) throws Rejection {
        if (t < EARLIEST_PLAUSIBLE || (commitTime > 0 && t > commitTime + MAX_FUTURE_MILLIS)) {
            throw new Rejection(Rejection.Code.IMPOSSIBLE_TIME, "column " + column + " says " + Times.format(t) + ", impossible for an entry committed at "
                    + Times.format(commitTime) + ", for " + what);
        }
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T code(RowImage row, String column, String what, Parser<T> parser) throws Rejection {
        String v = ChangeEnvelope.text(row, column);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return parser.parse(v.strip());
        } catch (IllegalArgumentException e) {
            throw new Rejection(Rejection.Code.UNKNOWN_CODE, "unknown code in column " + column + ": " + e.getMessage() + ", for " + what);
        }
    }

    /** A FactType name or its Chinese label (口头报告). */
    static FactType factType(String text) {
        for (FactType t : FactType.values()) {
            if (t.label().equals(text)) {
                return t;
            }
        }
        return FactType.parse(text);
    }

    /** An IncidentType name or its Chinese label (停电, 网络/业务系统故障). */
    static IncidentType incidentType(String text) {
        for (IncidentType t : IncidentType.values()) {
            if (t.label().equals(text)) {
                return t;
            }
        }
        return IncidentType.parse(text);
    }

    private static String[] list(String text) {
        if (text == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String p : text.split("[,，、;；\\s]+")) {
            if (!p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out.isEmpty() ? null : out.toArray(new String[0]);
    }

    private EnvelopeReader reader() {
        if (reader == null) {
            reader = new EnvelopeReader(new ObjectMapper());
        }
        return reader;
    }
}
