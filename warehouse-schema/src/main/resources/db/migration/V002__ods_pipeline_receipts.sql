-- ODS: what the pipeline saw of each source, for the console and for operators: a receipt per raw change
-- record (captured rows, their outcome), dead letters with reasons, and the latest CDC heartbeat per source.

CREATE TABLE IF NOT EXISTS ods_raw_change
(
    source_id           LowCardinality(String),
    source_table        LowCardinality(String),
    topic               LowCardinality(String),
    partition           UInt32,
    offset              UInt64,
    op                  LowCardinality(String) COMMENT 'Debezium op: r snapshot, c insert, u update, d delete',
    outcome             LowCardinality(String) COMMENT 'MAPPED, NO_EVENT or DEAD_LETTER',
    events              UInt16 COMMENT 'canonical events produced from this record',
    source_commit_time  DateTime64(3, 'Asia/Shanghai'),
    processed_at        DateTime64(3, 'Asia/Shanghai'),
    ingested_at         DateTime64(3, 'Asia/Shanghai') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMMDD(processed_at)
ORDER BY (source_id, topic, partition, offset)
TTL toDateTime(processed_at) + INTERVAL 90 DAY
COMMENT 'ODS: one receipt per raw change record (Kafka topic/partition/offset), for capture counts and lag';

CREATE TABLE IF NOT EXISTS ods_dead_letter
(
    source_id           LowCardinality(String),
    source_table        Nullable(String),
    topic               String,
    partition           UInt32,
    offset              UInt64,
    source_position     Nullable(String),
    reason_code         LowCardinality(String),
    reason              String,
    raw_value           String,
    source_commit_time  DateTime64(3, 'Asia/Shanghai'),
    dead_lettered_at    DateTime64(3, 'Asia/Shanghai'),
    ingested_at         DateTime64(3, 'Asia/Shanghai') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
ORDER BY (topic, partition, offset)
COMMENT 'ODS: source records that could not be mapped, with the reason; fix the mapping and replay';

CREATE TABLE IF NOT EXISTS ods_source_heartbeat
(
    source_id           LowCardinality(String),
    heartbeat_time      DateTime64(3, 'Asia/Shanghai'),
    ingested_at         DateTime64(3, 'Asia/Shanghai') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(heartbeat_time)
ORDER BY source_id
COMMENT 'ODS: latest Debezium heartbeat per source: an idle source still shows it is alive';
