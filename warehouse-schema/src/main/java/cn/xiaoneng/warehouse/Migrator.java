package cn.xiaoneng.warehouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.query.GenericRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a ClickHouse database to the latest schema by applying the versioned SQL files of a classpath folder
 * ({@value #DEFAULT_LOCATION} by default) in version order, and records each applied file with its checksum in
 * {@value #HISTORY_TABLE}. Running it again is a no-op; an applied file that was edited, or one that disappeared,
 * stops it before anything runs.
 *
 * <p>ClickHouse has no transactional DDL: if statement 3 of a file fails, statements 1–2 stay applied and the file is
 * not recorded, so the next run repeats it from the top. Migrations are therefore written re-runnable
 * ({@code CREATE TABLE IF NOT EXISTS}, {@code ADD COLUMN IF NOT EXISTS}). Statements run with {@link
 * ClickHouseConnection#database()} as the default database, so files use unqualified table names and the same files
 * serve the demo's {@code xiaoneng}, each test's own database and production's.
 *
 * <p>Two migrators racing on one database are not coordinated; the app runs it once at start-up.
 */
public final class Migrator {
    public static final String DEFAULT_LOCATION = "db/migration";
    public static final String HISTORY_TABLE = "schema_migrations";
    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
    private static final long STATEMENT_TIMEOUT_SECONDS = 300;

    private final ClickHouseConnection connection;
    private final String location;
    private final ClassLoader classLoader;

    /** Applies the project's migrations from {@value #DEFAULT_LOCATION}. */
    public Migrator(ClickHouseConnection connection) {
        this(connection, DEFAULT_LOCATION);
    }

    /** Applies the migrations in classpath folder {@code location} (tests use their own folders). */
    public Migrator(ClickHouseConnection connection, String location) {
        this(connection, location, defaultClassLoader());
    }

    public Migrator(ClickHouseConnection connection, String location, ClassLoader classLoader) {
        this.connection = java.util.Objects.requireNonNull(connection, "connection");
        this.location = stripSlashes(java.util.Objects.requireNonNull(location, "location"));
        this.classLoader = java.util.Objects.requireNonNull(classLoader, "classLoader");
    }

    /** The migrations found in the folder, parsed, split and checked for gaps and duplicates; needs no server. */
    public List<Migration> migrations() {
        return load(classLoader, location);
    }

    /** Applies what is pending and returns what was done; {@link MigrationReport#toString()} is a one-line summary. */
    public MigrationReport migrate() {
        long started = System.nanoTime();
        List<Migration> migrations = migrations();
        String db = connection.database();
        createDatabaseIfMissing(db);
        try (Client client = connection.newClient()) {
            run(client, "CREATE TABLE IF NOT EXISTS " + HISTORY_TABLE + " (\n"
                    + "    version UInt32,\n"
                    + "    script String,\n"
                    + "    checksum String,\n"
                    + "    statements UInt32,\n"
                    + "    applied_at DateTime64(3, 'UTC'),\n"
                    + "    execution_ms UInt64\n"
                    + ") ENGINE = MergeTree ORDER BY version", Map.of());
            Map<Integer, AppliedRow> applied = readHistory(client);
            verifyHistory(migrations, applied);
            List<String> done = new ArrayList<>();
            for (Migration m : migrations) {
                if (!applied.containsKey(m.version())) {
                    apply(client, m);
                    done.add(m.script());
                }
            }
            MigrationReport report = new MigrationReport(db, done, migrations.size() - done.size(),
                    migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version(),
                    Duration.ofNanos(System.nanoTime() - started));
            LOG.info("{}", report);
            return report;
        }
    }

    private void createDatabaseIfMissing(String db) {
        // Connected to "default": requests naming a database that does not exist yet are refused by the server.
        try (Client admin = connection.newClient("default")) {
            List<GenericRecord> found = query(admin, "SELECT name FROM system.databases WHERE name = {db:String}", Map.of("db", db));
            if (found.isEmpty()) {
                run(admin, "CREATE DATABASE IF NOT EXISTS `" + db + "`", Map.of());
                LOG.info("created ClickHouse database {}", db);
            }
        }
    }

    private record AppliedRow(int version, String script, String checksum, String appliedAt) {}

    private Map<Integer, AppliedRow> readHistory(Client client) {
        Map<Integer, AppliedRow> rows = new LinkedHashMap<>();
        for (GenericRecord r : query(client, "SELECT version, script, checksum, toString(applied_at) AS applied_at FROM "
                + HISTORY_TABLE + " ORDER BY version, applied_at", Map.of())) {
            // The first record of a version wins; a second one could only come from two migrators racing.
            rows.putIfAbsent((int) r.getLong("version"), new AppliedRow((int) r.getLong("version"), r.getString("script"),
                    r.getString("checksum"), r.getString("applied_at")));
        }
        return rows;
    }

    /** Fails before anything is applied if history and files disagree. */
    private void verifyHistory(List<Migration> migrations, Map<Integer, AppliedRow> applied) {
        Map<Integer, Migration> byVersion = new HashMap<>();
        migrations.forEach(m -> byVersion.put(m.version(), m));
        for (AppliedRow row : applied.values()) {
            Migration m = byVersion.get(row.version());
            if (m == null) {
                throw new MigrationException("migration " + row.script() + " (version " + row.version() + ") was applied to "
                        + connection.database() + " on " + row.appliedAt() + " but is missing from classpath folder " + location
                        + ": the database is newer than this build, or the file was deleted");
            }
            if (!m.checksum().equals(row.checksum())) {
                throw new MigrationException("migration " + m.script() + " was changed after it was applied to "
                        + connection.database() + " on " + row.appliedAt() + " (as " + row.script() + ", checksum "
                        + row.checksum() + ", the file now has " + m.checksum() + "): revert the edit and add a new migration"
                        + " V" + (migrations.get(migrations.size() - 1).version() + 1) + "__… instead");
            }
        }
    }

    private void apply(Client client, Migration m) {
        long started = System.nanoTime();
        List<SqlScript.Statement> statements = m.statements();
        for (int i = 0; i < statements.size(); i++) {
            SqlScript.Statement s = statements.get(i);
            try {
                run(client, s.sql(), Map.of());
            } catch (MigrationException e) {
                throw new MigrationException("migration " + m.script() + " statement " + (i + 1) + " of " + statements.size()
                        + " (line " + s.line() + ") failed: " + e.getMessage()
                        + (i == 0 ? "" : "; statements 1–" + i + " stay applied (ClickHouse DDL is not transactional) and run"
                        + " again on the next attempt, so keep them re-runnable"), e.getCause());
            }
        }
        long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
        run(client, "INSERT INTO " + HISTORY_TABLE + " (version, script, checksum, statements, applied_at, execution_ms)"
                        + " SELECT {version:UInt32}, {script:String}, {checksum:String}, {statements:UInt32}, now64(3, 'UTC'),"
                        + " {ms:UInt64}",
                Map.of("version", m.version(), "script", m.script(), "checksum", m.checksum(),
                        "statements", statements.size(), "ms", ms));
        LOG.info("applied {} ({} statements, {} ms) to {}", m.script(), statements.size(), ms, connection.database());
    }

    private static CommandSettings settings() {
        CommandSettings s = new CommandSettings();
        // Report a failure as an HTTP error even if it happens after the server started answering.
        s.waitEndOfQuery(true);
        return s;
    }

    private void run(Client client, String sql, Map<String, Object> params) {
        try (CommandResponse ignored = client.execute(sql, params, settings()).get(STATEMENT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            // executed; DDL has no result
        } catch (Exception e) {
            throw failure(sql, e);
        }
    }

    private List<GenericRecord> query(Client client, String sql, Map<String, Object> params) {
        try {
            return client.queryAll(sql, params, settings());
        } catch (Exception e) {
            throw failure(sql, e);
        }
    }

    private MigrationException failure(String sql, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String what = e instanceof TimeoutException ? "no answer within " + STATEMENT_TIMEOUT_SECONDS + " s" : cause.getMessage();
        return new MigrationException(what + " [at " + connection.endpoint() + ", database " + connection.database()
                + ": " + firstLine(sql) + "]", cause);
    }

    private static String firstLine(String sql) {
        String line = sql.strip().lines().filter(l -> !l.isBlank() && !l.strip().startsWith("--")).findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    // ---- loading from the classpath ----

    /**
     * Loads and validates every {@code *.sql} directly in classpath folder {@code location}, from directories and jars
     * (jars must carry directory entries, as Maven's do, for the class loader to find the folder).
     */
    public static List<Migration> load(ClassLoader classLoader, String location) {
        String folder = stripSlashes(location);
        Map<String, String> files = new LinkedHashMap<>();  // file name → content
        Map<String, URL> origin = new HashMap<>();
        try {
            Enumeration<URL> roots = classLoader.getResources(folder);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                for (Map.Entry<String, String> f : readFolder(root, folder).entrySet()) {
                    if (files.putIfAbsent(f.getKey(), f.getValue()) != null) {
                        throw new MigrationException("migration " + f.getKey() + " exists twice on the classpath, in "
                                + origin.get(f.getKey()) + " and " + root);
                    }
                    origin.put(f.getKey(), root);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list classpath folder " + folder, e);
        }
        if (files.isEmpty()) {
            throw new MigrationException("no migrations (*.sql) found in classpath folder " + folder);
        }
        List<Migration> parsed = new ArrayList<>();
        files.forEach((name, content) -> parsed.add(Migration.parse(name, content)));
        return Migration.inOrder(parsed, "classpath folder " + folder);
    }

    private static Map<String, String> readFolder(URL root, String folder) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        switch (root.getProtocol()) {
            case "file" -> {
                Path dir;
                try {
                    dir = Path.of(root.toURI());
                } catch (URISyntaxException e) {
                    throw new IOException("bad classpath URL " + root, e);
                }
                try (Stream<Path> list = Files.list(dir)) {
                    for (Path p : list.filter(Files::isRegularFile).sorted().toList()) {
                        String name = p.getFileName().toString();
                        if (name.endsWith(".sql")) {
                            out.put(name, Files.readString(p, StandardCharsets.UTF_8));
                        }
                    }
                }
            }
            case "jar" -> {
                URLConnection c = root.openConnection();
                c.setUseCaches(false);
                String prefix = folder + "/";
                try (JarFile jar = ((JarURLConnection) c).getJarFile()) {
                    for (JarEntry e : jar.stream().sorted(java.util.Comparator.comparing(JarEntry::getName)).toList()) {
                        String rest = e.getName().startsWith(prefix) ? e.getName().substring(prefix.length()) : null;
                        if (rest != null && !e.isDirectory() && !rest.contains("/") && rest.endsWith(".sql")) {
                            try (InputStream in = jar.getInputStream(e)) {
                                out.put(rest, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                            }
                        }
                    }
                }
            }
            default -> throw new MigrationException("cannot list migrations in " + root + " (only file: and jar: classpath entries)");
        }
        return out;
    }

    private static String stripSlashes(String location) {
        String s = location.strip();
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("migration location must name a classpath folder, e.g. " + DEFAULT_LOCATION);
        }
        return s;
    }

    private static ClassLoader defaultClassLoader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : Migrator.class.getClassLoader();
    }
}
