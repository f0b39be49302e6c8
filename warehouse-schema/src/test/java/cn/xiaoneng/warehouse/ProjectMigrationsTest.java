package cn.xiaoneng.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The project's real migrations (src/main/resources/db/migration) load, split and run 1, 2, 3 … without a server. */
class ProjectMigrationsTest {
    private static final Pattern CREATE = Pattern.compile(
            "CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:MATERIALIZED\\s+)?(?:TABLE|VIEW)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)",
            Pattern.CASE_INSENSITIVE);

    private static List<Migration> migrations() {
        return new Migrator(ClickHouseConnection.of("http://127.0.0.1:1")).migrations();
    }

    @Test
    void theProjectsMigrationsAreWellFormedAndInSequence() {
        var migrations = migrations();
        assertThat(migrations).isNotEmpty();
        assertThat(migrations.get(0).version()).isEqualTo(1);
        assertThat(migrations).allSatisfy(m -> assertThat(m.statements()).isNotEmpty());
    }

    @Test
    void everyNameInTablesIsATableOrViewAMigrationCreates() throws IllegalAccessException {
        Set<String> created = migrations().stream()
                .flatMap(m -> m.statements().stream())
                .flatMap(s -> {
                    Matcher m = CREATE.matcher(s.sql());
                    return m.results().map(r -> r.group(1));
                })
                .collect(Collectors.toSet());
        List<Field> constants = Arrays.stream(Tables.class.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .toList();
        assertThat(constants).extracting(Field::getName).contains("DIM_WORK_DAY", "DWS_INCIDENT_THROUGHPUT_WINDOW",
                "DWS_INCIDENT_THROUGHPUT_HOUR", "DWS_INCIDENT_BACKFILL_WINDOW");
        for (Field f : constants) {
            assertThat(created).as("Tables.%s", f.getName()).contains((String) f.get(null));
        }
    }
}
