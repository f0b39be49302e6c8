-- Test-only table for ClickHouseSinkITCase (the real ODS/DWD tables are in warehouse-schema).
-- Plain MergeTree on purpose: a row written twice would show up in count().
CREATE TABLE IF NOT EXISTS sink_test_rows
(
    id    UInt64,
    label String,
    at    DateTime64(3, 'UTC')
) ENGINE = MergeTree ORDER BY id;
