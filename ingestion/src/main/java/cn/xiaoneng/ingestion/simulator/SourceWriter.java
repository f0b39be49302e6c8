package cn.xiaoneng.ingestion.simulator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** Writes a case's recorded facts into one department's database, the way that department's system does. */
public abstract class SourceWriter implements AutoCloseable {
    protected final Connection connection;
    protected final ZoneId zone;

    protected SourceWriter(Connection connection, ZoneId zone) throws SQLException {
        this.connection = connection;
        this.zone = zone;
        connection.setAutoCommit(false);
    }

    /** Applies one action of {@code plan}; the caller commits. */
    public abstract void apply(CasePlan plan, CasePlan.Action action) throws SQLException;

    public void commit() throws SQLException {
        connection.commit();
    }

    /** Source systems store local wall-clock times without zone, as real departmental systems do. */
    protected LocalDateTime local(long epochMillis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone);
    }

    protected int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
