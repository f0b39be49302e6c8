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
 * A PostgreSQL 15 server of our own, as a local process: its own data dir, a free loopback port, logical decoding on
 * (Debezium's pgoutput), trust authentication. Layout under {@code dir}: {@code pgdata/} (the cluster, owned by the
 * {@code postgres} OS user when we are root) and {@code postgres.log}. Starting on a dir that already holds a cluster
 * reuses it, so the demo can keep its data between runs.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String SUPERUSER = "postgres";
    /** Override with -Dxiaoneng.postgres.bin for another installation. */
    private static final Path BIN = Path.of(System.getProperty("xiaoneng.postgres.bin", "/usr/lib/postgresql/15/bin"));
    private static final String OS_USER = "postgres";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final int port;
    private final ManagedProcess process;

    private PostgresServer(Path dir, int port, ManagedProcess process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static PostgresServer start(Path dir) {
        String osUser = Commands.runningAsRoot() ? OS_USER : null;
        Path postgres = Commands.binary(BIN, "postgres", "install it with: apt-get install -y postgresql-15");
        Path pgdata = dir.toAbsolutePath().resolve("pgdata");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir, e);
        }
        if (osUser != null) {
            Commands.requireTraversable(pgdata, osUser);
        }
        if (!Files.isRegularFile(pgdata.resolve("PG_VERSION"))) {
            initCluster(dir.toAbsolutePath(), pgdata, osUser);
        }
        int port = FreePorts.next();
        // Port, listener and socket are per run (a reused dir gets a fresh free port); the rest lives in postgresql.conf.
        // No unix socket: its directory would need to be writable by the postgres user and its path short; JDBC uses TCP.
        List<String> command = Commands.asUser(osUser, List.of(postgres.toString(), "-D", pgdata.toString(),
                "-c", "port=" + port, "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="));
        ManagedProcess process = ManagedProcess.start("postgres:" + port, command, dir.toAbsolutePath(), Map.of(),
                dir.toAbsolutePath().resolve("postgres.log"));
        PostgresServer server = new PostgresServer(dir.toAbsolutePath(), port, process);
        try {
            Waits.until("PostgreSQL on port " + port + " to accept connections (log " + process.log() + ")", START_TIMEOUT, 100,
                    () -> {
                        process.checkAlive();
                        try (Connection c = server.connect("postgres")) {
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

    private static void initCluster(Path dir, Path pgdata, String osUser) {
        try {
            Files.createDirectories(pgdata);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + pgdata, e);
        }
        Commands.chown(pgdata, osUser);
        Path initdb = Commands.binary(BIN, "initdb", "install it with: apt-get install -y postgresql-15");
        // --no-sync: a test cluster need not survive a power cut, and fsyncing the fresh catalog costs seconds.
        Commands.run("initdb", Commands.asUser(osUser, List.of(initdb.toString(), "-D", pgdata.toString(), "-U", SUPERUSER,
                "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync")), dir, dir.resolve("initdb.log"), Duration.ofSeconds(120));
        String conf = String.join("\n",
                "",
                "# --- Xiaoneng local server (PostgresServer) ---",
                "# Debezium's pgoutput needs logical decoding; one slot and one sender per connector, with headroom.",
                "wal_level = logical",
                "max_replication_slots = 20",
                "max_wal_senders = 20",
                "# Speed over durability against OS crashes (tests and demo data are thrown away). A killed server still",
                "# keeps every committed row: commits reach the kernel, only the fsync is skipped. So synchronous_commit",
                "# stays on: with it off, a kill loses the last ~0.5 s of commits and crash tests would lie.",
                "fsync = off",
                "full_page_writes = off",
                "shared_buffers = 64MB",
                "max_connections = 100",
                "log_min_messages = warning",
                "timezone = 'UTC'",
                "");
        try {
            Files.writeString(pgdata.resolve("postgresql.conf"), conf, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write postgresql.conf in " + pgdata, e);
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
        return SUPERUSER;
    }

    /** Empty: trust authentication. */
    public String password() {
        return "";
    }

    public String jdbcUrl(String db) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + db;
    }

    public Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(db), SUPERUSER, "");
    }

    /** Creates {@code name} unless it exists (CREATE DATABASE has no IF NOT EXISTS in PostgreSQL). */
    public void createDatabase(String name) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            try (var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name.replace("'", "''") + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Runs each statement in {@code db} with autocommit, as the superuser. */
    public void execute(String db, String... sql) {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed in " + db + ": " + e.getMessage(), e);
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
            throw new IllegalStateException("query failed in " + db + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fast shutdown (SIGINT): active sessions, including Debezium's replication connections, are cut off and a
     * checkpoint is written. SIGTERM would be a "smart" shutdown that waits for every client to leave.
     */
    public void stop() {
        if (process.isAlive()) {
            Commands.signal(process.pid(), "INT");
            process.waitFor(Duration.ofSeconds(30));
        }
        process.stop();
    }

    /** SIGKILL, as a crash would; the next start runs crash recovery. */
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
        return "PostgresServer[" + jdbcUrl("postgres") + ", dir " + dir + "]";
    }
}
