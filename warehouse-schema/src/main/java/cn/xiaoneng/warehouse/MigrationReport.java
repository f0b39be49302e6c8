package cn.xiaoneng.warehouse;

import java.time.Duration;
import java.util.List;

/** What one {@link Migrator#migrate()} did; {@link #toString()} is the one-line summary for the console. */
public record MigrationReport(String database, List<String> applied, int alreadyApplied, int currentVersion, Duration took) {

    public MigrationReport {
        applied = List.copyOf(applied);
    }

    public boolean upToDateAlready() {
        return applied.isEmpty();
    }

    @Override
    public String toString() {
        String version = currentVersion == 0 ? "no migrations" : "version " + currentVersion;
        if (applied.isEmpty()) {
            return "ClickHouse schema " + database + ": up to date at " + version + " (" + alreadyApplied
                    + " migrations already applied, checked in " + took.toMillis() + " ms)";
        }
        return "ClickHouse schema " + database + ": applied " + applied.size() + " migration" + (applied.size() == 1 ? "" : "s")
                + " (" + String.join(", ", applied) + "), now at " + version + "; " + alreadyApplied
                + " already applied; " + took.toMillis() + " ms";
    }
}
