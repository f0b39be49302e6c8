-- Test-only schema for the Migrator's own tests; the real ODS/DWD migrations live in src/main/resources/db/migration.
CREATE TABLE IF NOT EXISTS test_events
(
    event_id String,
    note     String DEFAULT 'a;b;' -- a ';' inside a literal must not split the statement;
) ENGINE = MergeTree ORDER BY event_id;

/* Two statements in one file: the Migrator sends them one by one. */
CREATE TABLE IF NOT EXISTS test_event_counts
(
    event_id String,
    n        UInt64
) ENGINE = SummingMergeTree ORDER BY event_id;
