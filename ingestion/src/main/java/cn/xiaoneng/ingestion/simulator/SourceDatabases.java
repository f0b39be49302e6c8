package cn.xiaoneng.ingestion.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the simulated departments' databases from {@code sources/<id>/schema.sql} and prepares them for
 * capture: a PostgreSQL publication per source (Debezium runs with publication.autocreate.mode=disabled)
 * and a capture user with only the rights Debezium needs.
 */
public final class SourceDatabases {
    /** Database names of the simulated sources. */
    public static final String LC_DB = "lc_approval";
    public static final String EX_DB = "ex_exchange";
    public static final String XD_DB = "epoint";
    /** The center's operations log (issue 4). */
    public static final String OPS_DB = "ops_log";
    public static final String CDC_USER = "xn_cdc";
    public static final String CDC_PASSWORD = "xn_cdc_pw";

    private SourceDatabases() {}

    /**
     * @param postgresAdminUrl JDBC URL of the server's {@code postgres} database as a superuser
     * @param postgresUrlFor   JDBC URL template with {@code %s} for the database name
     */
    public static void createPostgres(String postgresAdminUrl, String postgresUrlFor, String user) throws SQLException {
        try (Connection c = DriverManager.getConnection(postgresAdminUrl, user, "")) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                for (String db : new String[] {LC_DB, EX_DB}) {
                    if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = '" + db + "'")) {
                        s.execute("CREATE DATABASE " + db);
                    }
                }
                if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = '" + CDC_USER + "'")) {
                    s.execute("CREATE ROLE " + CDC_USER + " WITH LOGIN REPLICATION PASSWORD '" + CDC_PASSWORD + "'");
                }
            }
        }
        prepare(String.format(postgresUrlFor, LC_DB), user, "lc", "approval", "approval.business_index, approval.business_step");
        prepare(String.format(postgresUrlFor, EX_DB), user, "ex", "exchange", "exchange.ex_step_log");
    }

    private static void prepare(String url, String user, String sourceId, String schema, String tables) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            c.setAutoCommit(true);
            runScript(c, "sources/" + sourceId + "/schema.sql");
            try (Statement s = c.createStatement()) {
                s.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + CDC_USER);
                s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + CDC_USER);
                String pub = "xn_" + sourceId;
                if (!exists(c, "SELECT 1 FROM pg_publication WHERE pubname = '" + pub + "'")) {
                    s.execute("CREATE PUBLICATION " + pub + " FOR TABLE " + tables);
                }
            }
        }
    }

    /**
     * Creates the center's operations-log database ({@code sources/ops/schema.sql}), its publication {@code xn_ops} and
     * the capture user's rights. Same parameters as {@link #createPostgres}.
     */
    public static void createOpsLog(String postgresAdminUrl, String postgresUrlFor, String user) throws SQLException {
        try (Connection c = DriverManager.getConnection(postgresAdminUrl, user, "")) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = '" + OPS_DB + "'")) {
                    s.execute("CREATE DATABASE " + OPS_DB);
                }
                if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = '" + CDC_USER + "'")) {
                    s.execute("CREATE ROLE " + CDC_USER + " WITH LOGIN REPLICATION PASSWORD '" + CDC_PASSWORD + "'");
                }
            }
        }
        prepare(String.format(postgresUrlFor, OPS_DB), user, "ops", "ops", "ops.incident_log");
    }

    /** @param rootUrl JDBC URL of the MariaDB server (no database) as root */
    public static void createMariaDb(String rootUrl, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(rootUrl, user, password)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE IF NOT EXISTS " + XD_DB + " CHARACTER SET utf8mb4");
                s.execute("CREATE USER IF NOT EXISTS '" + CDC_USER + "'@'%' IDENTIFIED BY '" + CDC_PASSWORD + "'");
                s.execute("GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + CDC_USER + "'@'%'");
                s.execute("USE " + XD_DB);
            }
            runScript(c, "sources/xd/schema.sql");
        }
    }

    static void runScript(Connection c, String resource) throws SQLException {
        String sql;
        try (InputStream in = SourceDatabases.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try (Statement s = c.createStatement()) {
            for (String stmt : statements(sql)) {
                s.execute(stmt);
            }
        }
    }

    /** Splits a schema script on ';' at line ends; the scripts hold no procedures or quoted semicolons. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : sql.split("\n")) {
            String code = line.contains("--") ? line.substring(0, line.indexOf("--")) : line;
            cur.append(code).append('\n');
            if (code.trim().endsWith(";")) {
                String s = cur.toString().trim();
                out.add(s.substring(0, s.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().trim());
        }
        return out;
    }

    private static boolean exists(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery(query)) {
            return rs.next();
        }
    }
}
