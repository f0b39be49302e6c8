package cn.xiaoneng.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xiaoneng.testsupport.ClickHouseServer;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

class MigratorIT {
    private static final String BASIC = "db/migration-test/basic";

    @TempDir
    static Path serverDir;
    static ClickHouseServer server;

    @TempDir
    Path classpathRoot;

    @BeforeAll
    static void startClickHouse() {
        server = ClickHouseServer.start(serverDir);
    }

    @AfterAll
    static void stopClickHouse() {
        if (server != null) {
            server.stop();
        }
    }

    /** Each test migrates its own database on the shared server. */
    private static ClickHouseConnection connection(TestInfo test) {
        return ClickHouseConnection.builder(server.httpUrl()).database(test.getTestMethod().orElseThrow().getName()).build();
    }

    @Test
    void createsTheDatabaseAppliesEveryMigrationAndRecordsChecksums(TestInfo test) {
        ClickHouseConnection c = connection(test);
        MigrationReport report = new Migrator(c, BASIC).migrate();

        assertThat(report.applied()).containsExactly("V001__test_events.sql", "V002__test_event_ids.sql");
        assertThat(report.currentVersion()).isEqualTo(2);
        assertThat(report.toString()).startsWith("ClickHouse schema " + c.database() + ": applied 2 migrations");
        assertThat(server.query("SELECT name FROM system.tables WHERE database = '" + c.database() + "' ORDER BY name"))
                .isEqualTo("schema_migrations\ntest_event_counts\ntest_event_ids\ntest_events");
        var files = new Migrator(c, BASIC).migrations();
        assertThat(server.query("SELECT version, script, checksum, statements FROM " + c.database() + ".schema_migrations ORDER BY version"))
                .isEqualTo("1\tV001__test_events.sql\t" + files.get(0).checksum() + "\t2\n"
                        + "2\tV002__test_event_ids.sql\t" + files.get(1).checksum() + "\t1");
        // The literal with ';' inside survived the split: the column default is intact.
        server.query("INSERT INTO " + c.database() + ".test_events (event_id) VALUES ('e1')");
        assertThat(server.query("SELECT note FROM " + c.database() + ".test_events")).isEqualTo("a;b;");
    }

    @Test
    void runningAgainIsANoOp(TestInfo test) {
        ClickHouseConnection c = connection(test);
        new Migrator(c, BASIC).migrate();
        String history = server.query("SELECT version, checksum, applied_at FROM " + c.database() + ".schema_migrations ORDER BY version");

        MigrationReport again = new Migrator(c, BASIC).migrate();

        assertThat(again.upToDateAlready()).isTrue();
        assertThat(again.alreadyApplied()).isEqualTo(2);
        assertThat(again.toString()).startsWith("ClickHouse schema " + c.database() + ": up to date at version 2");
        assertThat(server.query("SELECT version, checksum, applied_at FROM " + c.database() + ".schema_migrations ORDER BY version"))
                .isEqualTo(history);
    }

    @Test
    void anEditedAppliedMigrationIsAnErrorNamingTheFile(TestInfo test) throws IOException {
        ClickHouseConnection c = connection(test);
        Path folder = write("V001__events.sql", "CREATE TABLE IF NOT EXISTS events (id String) ENGINE = MergeTree ORDER BY id;\n");
        migrateFromTempClasspath(c);

        Files.writeString(folder.resolve("V001__events.sql"),
                "CREATE TABLE IF NOT EXISTS events (id String, extra UInt8) ENGINE = MergeTree ORDER BY id;\n");

        assertThatThrownBy(() -> migrateFromTempClasspath(c))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("migration V001__events.sql was changed after it was applied to " + c.database())
                .hasMessageContaining("add a new migration V2__");
        assertThat(server.query("SELECT count() FROM system.columns WHERE database = '" + c.database() + "' AND table = 'events'"))
                .isEqualTo("1");
    }

    @Test
    void aNewMigrationIsAppliedOnTopAndAMissingAppliedOneIsAnError(TestInfo test) throws IOException {
        ClickHouseConnection c = connection(test);
        Path folder = write("V001__events.sql", "CREATE TABLE IF NOT EXISTS events (id String) ENGINE = MergeTree ORDER BY id;\n");
        migrateFromTempClasspath(c);
        write("V002__events_extra.sql", "ALTER TABLE events ADD COLUMN IF NOT EXISTS extra UInt8;\n");

        MigrationReport report = migrateFromTempClasspath(c);

        assertThat(report.applied()).containsExactly("V002__events_extra.sql");
        assertThat(report.alreadyApplied()).isEqualTo(1);
        assertThat(server.query("SELECT name FROM system.columns WHERE database = '" + c.database() + "' AND table = 'events' ORDER BY position"))
                .isEqualTo("id\nextra");

        Files.delete(folder.resolve("V002__events_extra.sql"));
        assertThatThrownBy(() -> migrateFromTempClasspath(c))
                .hasMessageContaining("migration V002__events_extra.sql (version 2) was applied to " + c.database())
                .hasMessageContaining("missing from classpath folder db/migration");
    }

    @Test
    void aFailingStatementNamesFileStatementAndLineAndIsNotRecorded(TestInfo test) throws IOException {
        ClickHouseConnection c = connection(test);
        write("V001__events.sql", "CREATE TABLE IF NOT EXISTS events (id String) ENGINE = MergeTree ORDER BY id;\n");
        write("V002__broken.sql", "ALTER TABLE events ADD COLUMN IF NOT EXISTS a UInt8;\n\nALTER TABLE no_such_table ADD COLUMN b UInt8;\n");

        assertThatThrownBy(() -> migrateFromTempClasspath(c))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("migration V002__broken.sql statement 2 of 2 (line 3) failed")
                .hasMessageContaining("no_such_table")
                .hasMessageContaining("statements 1–1 stay applied");
        assertThat(server.query("SELECT groupArray(version) FROM " + c.database() + ".schema_migrations")).isEqualTo("[1]");
    }

    @Test
    void theProjectsOwnMigrationsApplyToARealServerAndRerunAsANoOp(TestInfo test) {
        ClickHouseConnection c = connection(test);
        MigrationReport first = new Migrator(c).migrate();
        assertThat(first.applied()).hasSize(first.currentVersion());
        assertThat(new Migrator(c).migrate().upToDateAlready()).isTrue();
    }

    private Path write(String name, String sql) throws IOException {
        Path folder = Files.createDirectories(classpathRoot.resolve("db/migration"));
        Files.writeString(folder.resolve(name), sql);
        return folder;
    }

    /** The default location, db/migration, but from a temp classpath root the test can edit. */
    private MigrationReport migrateFromTempClasspath(ClickHouseConnection c) {
        try (URLClassLoader cl = new URLClassLoader(new URL[] {classpathRoot.toUri().toURL()}, null)) {
            return new Migrator(c, Migrator.DEFAULT_LOCATION, cl).migrate();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
