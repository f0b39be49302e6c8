package cn.xiaoneng.ingestion.simulator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** Appends entries to a center's operations log ({@code ops.incident_log}) the way its duty system does. */
public final class OpsLogWriter implements AutoCloseable {
    /** The log table, as the mapper and Debezium name it. */
    public static final String TABLE = "ops.incident_log";
    private final Connection connection;
    private final ZoneId zone;

    public OpsLogWriter(Connection connection, ZoneId zone) throws SQLException {
        this.connection = connection;
        this.zone = zone;
        connection.setAutoCommit(true);
    }

    /** Inserts one entry and commits it (each entry is its own transaction, as a person types them). */
    public void write(OpsLogEntry e) throws SQLException {
        String sql = "INSERT INTO " + TABLE + " (center_id, incident_no, entry_type, happened_at, incident_type, level, suspected, windows, departments, "
                + "reported_by, reported_to, approver, pause_from, pause_to, paper_cases, note, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, e.centerId());
            ps.setString(2, e.incidentNo());
            ps.setString(3, e.entryType());
            ps.setObject(4, local(e.happenedAt()));
            ps.setString(5, e.incidentType());
            ps.setString(6, e.level());
            if (e.suspected() == null) {
                ps.setNull(7, Types.BOOLEAN);
            } else {
                ps.setBoolean(7, e.suspected());
            }
            ps.setString(8, e.windows().isEmpty() ? null : String.join(",", e.windows()));
            ps.setString(9, e.departments().isEmpty() ? null : String.join(",", e.departments()));
            ps.setString(10, e.reportedBy());
            ps.setString(11, e.reportedTo());
            ps.setString(12, e.approver());
            ps.setObject(13, e.pauseFrom() == null ? null : local(e.pauseFrom()), Types.TIMESTAMP);
            ps.setObject(14, e.pauseTo() == null ? null : local(e.pauseTo()), Types.TIMESTAMP);
            if (e.paperCases() == null) {
                ps.setNull(15, Types.INTEGER);
            } else {
                ps.setInt(15, e.paperCases());
            }
            ps.setString(16, e.note());
            ps.setObject(17, local(e.writeAt()));
            ps.executeUpdate();
        }
    }

    /** Local wall-clock time without zone, as the log stores it. */
    private LocalDateTime local(long epochMillis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
