package cn.xiaoneng.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationLoadingTest {
    private static final ClickHouseConnection NOWHERE = ClickHouseConnection.of("http://127.0.0.1:1");

    @TempDir
    Path tmp;

    @Test
    void loadsAFolderFromTheClasspathInVersionOrderWithoutAServer() {
        var migrations = new Migrator(NOWHERE, "db/migration-test/basic").migrations();
        assertThat(migrations).extracting(Migration::script).containsExactly("V001__test_events.sql", "V002__test_event_ids.sql");
        assertThat(migrations.get(0).statements()).hasSize(2);
        assertThat(migrations.get(0).statements().get(0).sql()).contains("DEFAULT 'a;b;'");
    }

    @Test
    void loadsAFolderInsideAJar() throws IOException {
        Path jar = tmp.resolve("schema.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            // Directory entries, as Maven's jar plugin writes them: ClassLoader.getResources finds folders by them.
            put(out, "db/", null);
            put(out, "db/migration/", null);
            put(out, "db/migration/V002__second.sql", "SELECT 2;\n");
            put(out, "db/migration/V001__first.sql", "SELECT 1;\n");
            put(out, "db/migration/README.md", "not a migration");
            put(out, "db/migration/old/V009__elsewhere.sql", "SELECT 9;\n");
        }
        try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(Migrator.load(cl, "/db/migration/")).extracting(Migration::version).containsExactly(1, 2);
        }
    }

    @Test
    void gapsDuplicatesAndBadNamesOnTheClasspathNameTheFiles() {
        assertThatThrownBy(() -> new Migrator(NOWHERE, "db/migration-test/gap").migrations())
                .hasMessageContaining("version 2 is missing in classpath folder db/migration-test/gap: after V001__first.sql comes V003__third.sql");
        assertThatThrownBy(() -> new Migrator(NOWHERE, "db/migration-test/duplicate").migrations())
                .hasMessageContaining("duplicate migration version 1").hasMessageContaining("V001__first.sql and V1__also_first.sql");
        assertThatThrownBy(() -> new Migrator(NOWHERE, "db/migration-test/bad-name").migrations())
                .hasMessageContaining("V001_single_underscore.sql does not match");
    }

    @Test
    void aMissingFolderIsAnError() {
        assertThatThrownBy(() -> new Migrator(NOWHERE, "db/no-such-folder").migrations())
                .isInstanceOf(MigrationException.class).hasMessage("no migrations (*.sql) found in classpath folder db/no-such-folder");
    }

    private static void put(JarOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        if (content != null) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        out.closeEntry();
    }

}
