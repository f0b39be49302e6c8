package cn.xiaoneng.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A MariaDB server of our own, as a local process: its own data dir, a free loopback port, a row-based binlog with
 * full images and full metadata (what Debezium's MariaDB connector reads). Layout under {@code dir}: {@code my.cnf}
 * (rewritten at each start with the new port), {@code db/} (the data, owned by the {@code mysql} OS user when it
 * exists), {@code run/} (socket and pid file) and {@code mariadb.log}. {@code root} has no password and may connect
 * over TCP from 127.0.0.1. Starting on a dir that already holds data reuses it.
 */
public final class MariaDbServer implements AutoCloseable {
    public static final String ROOT = "root";
    private static final Path SBIN = Path.of("/usr/sbin");
    private static final Path BIN = Path.of("/usr/bin");
    private static final String INSTALL_HINT = "install it with: apt-get install -y mariadb-server";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** Unix socket paths are limited to 108 bytes; deep checkouts exceed that. */
    private static final int MAX_SOCKET_PATH = 100;

    private final Path dir;
    private final int port;
    private final ManagedProcess process;

    private MariaDbServer(Path dir, int port, ManagedProcess process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static MariaDbServer start(Path dir) {
        Path home = dir.toAbsolutePath();
        Path mariadbd = Commands.binary(SBIN, "mariadbd", INSTALL_HINT);
        // mariadbd refuses to run as root unless told to; the Debian package creates the 'mysql' user.
        String osUser = !Commands.runningAsRoot() ? null : Commands.userExists("mysql") ? "mysql" : "root";
        Path data = home.resolve("db");
        Path run = home.resolve("run");
        try {
            Files.createDirectories(data);
            Files.createDirectories(run);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + home, e);
        }
        if (osUser != null && !osUser.equals("root")) {
            Commands.requireTraversable(data, osUser);
            Commands.chown(data, osUser);
            Commands.chown(run, osUser);
        }
        int port = FreePorts.next();
        Path socket = run.resolve("mariadb.sock");
        if (socket.toString().length() > MAX_SOCKET_PATH) {
            socket = Path.of(System.getProperty("java.io.tmpdir"), "xn-mariadb-" + port + ".sock");
        }
        Path cnf = home.resolve("my.cnf");
        writeConfig(cnf, data, run, socket, port, osUser);
        if (!Files.isDirectory(data.resolve("mysql"))) {
            Path installDb = Commands.binary(BIN, "mariadb-install-db", INSTALL_HINT);
            List<String> install = new ArrayList<>(List.of(installDb.toString(), "--defaults-file=" + cnf,
                    // 'normal' = root@localhost/127.0.0.1/::1 without password (the pre-10.4 layout): reachable over TCP
                    // by JDBC. The default 'socket' method would only admit the OS root user through the unix socket.
                    "--auth-root-authentication-method=normal", "--skip-test-db"));
            if (osUser != null) {
                install.add("--user=" + osUser);
            }
            Commands.run("mariadb-install-db", install, home, home.resolve("install-db.log"), Duration.ofSeconds(120));
        }
        ManagedProcess process = ManagedProcess.start("mariadb:" + port,
                List.of(mariadbd.toString(), "--defaults-file=" + cnf), home, Map.of(), home.resolve("mariadb.log"));
        MariaDbServer server = new MariaDbServer(home, port, process);
        try {
            Waits.until("MariaDB on port " + port + " to accept connections (log " + process.log() + ")", START_TIMEOUT, 100,
                    () -> {
                        process.checkAlive();
                        try (Connection c = server.connect("")) {
                            return c.isValid(2);
                        } catch (SQLException e) {
                            return false;
                        }
                    });
        } catch (RuntimeException e) {
            server.kill();
            throw e;
        }
        return server;
    }

    private static void writeConfig(Path cnf, Path data, Path run, Path socket, int port, String osUser) {
        List<String> lines = new ArrayList<>(List.of(
                "# Written by MariaDbServer at each start (the port changes per run).",
                "[client-server]",
                "port=" + port,
                "socket=" + socket,
                "",
                "[mariadbd]",
                "datadir=" + data,
                "bind-address=127.0.0.1",
                "pid-file=" + run.resolve("mariadb.pid"),
                "# Debezium reads the binlog: row events with full before/after images and column names.",
                "server_id=1",
                "log_bin=" + data.resolve("binlog"),
                "binlog_format=ROW",
                "binlog_row_image=FULL",
                "binlog_row_metadata=FULL",
                "expire_logs_days=1",
                "# No DNS lookups for clients: grants are by IP, and a lookup can stall on a box without DNS.",
                "skip-name-resolve",
                "character-set-server=utf8mb4",
                "collation-server=utf8mb4_unicode_ci",
                "default-time-zone='+00:00'",
                "# Small and fast rather than durable: test and demo data are thrown away.",
                "innodb_buffer_pool_size=64M",
                "innodb_log_file_size=16M",
                "innodb_flush_log_at_trx_commit=0",
                "sync_binlog=0",
                "performance_schema=OFF",
                "max_connections=100"));
        if (osUser != null) {
            lines.add("user=" + osUser);
        }
        try {
            Files.write(cnf, lines);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + cnf, e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path dir() {
        return dir;
    }

    public Path log() {
        return process.log();
    }

    public String user() {
        return ROOT;
    }

    /** Empty: root has no password on these local servers (loopback only). */
    public String password() {
        return "";
    }

    /** {@code db} may be empty for a connection without a default database. */
    public String jdbcUrl(String db) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + db;
    }

    public Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(db), ROOT, "");
    }

    public void createDatabase(String name) {
        execute("", "CREATE DATABASE IF NOT EXISTS `" + name.replace("`", "``") + "`");
    }

    /**
     * Creates (or re-grants) a user for Debezium, reachable from 127.0.0.1, with what the binlog connector needs:
     * SELECT for snapshots, RELOAD and SHOW DATABASES for the snapshot's locking and discovery, REPLICATION SLAVE and
     * REPLICATION CLIENT to read the binlog and its position.
     */
    public void createCdcUser(String user, String password) {
        String account = "'" + user.replace("'", "''") + "'@'127.0.0.1'";
        execute("",
                "CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY '" + password.replace("'", "''") + "'",
                "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO " + account);
    }

    /** Runs each statement in {@code db} ("" for none) with autocommit, as root. */
    public void execute(String db, String... sql) {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed in '" + db + "': " + e.getMessage(), e);
        }
    }

    /** Runs a query and returns the first column of every row as text (for assertions). */
    public List<String> queryColumn(String db, String sql) {
        try (Connection c = connect(db); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed in '" + db + "': " + e.getMessage(), e);
        }
    }

    /** SIGTERM: mariadbd closes connections, flushes InnoDB and exits (≈ 1–2 s). */
    public void stop() {
        process.stop();
    }

    /** SIGKILL, as a crash would; the next start runs InnoDB recovery. */
    public void kill() {
        process.kill();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "MariaDbServer[" + jdbcUrl("") + ", dir " + dir + "]";
    }
}
