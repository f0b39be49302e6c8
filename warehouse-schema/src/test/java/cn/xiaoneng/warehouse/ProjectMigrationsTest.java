package cn.xiaoneng.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The project's real migrations (src/main/resources/db/migration) load, split and run 1, 2, 3 … without a server. */
class ProjectMigrationsTest {

    @Test
    void theProjectsMigrationsAreWellFormedAndInSequence() {
        var migrations = new Migrator(ClickHouseConnection.of("http://127.0.0.1:1")).migrations();
        assertThat(migrations).isNotEmpty();
        assertThat(migrations.get(0).version()).isEqualTo(1);
        assertThat(migrations).allSatisfy(m -> assertThat(m.statements()).isNotEmpty());
    }
}
