-- ODS: canonical case events exactly as the normalization job produced them (docs/canonical-events.md).
-- One row per event id. A replay or a restart re-inserts the same ids; ReplacingMergeTree keeps one per key
-- at merge time, and readers that need exact figures before a merge use FINAL or aggregate by event_id.
CREATE TABLE IF NOT EXISTS ods_case_event
(
    event_id                String,
    schema_version          UInt16,
    case_id                 String,
    center_id               LowCardinality(String),
    department_id           LowCardinality(String),
    department_ids          Array(String),
    window_id               Nullable(String),
    item_code               Nullable(String),
    item_name               Nullable(String),
    case_kind               LowCardinality(Nullable(String)),
    event_type              LowCardinality(String),
    step_id                 Nullable(String),
    step_name               Nullable(String),
    handler                 Nullable(String),
    reason                  Nullable(String),
    result                  Nullable(String),
    business_time           DateTime64(3, 'Asia/Shanghai'),
    source_commit_time      DateTime64(3, 'Asia/Shanghai'),
    committed_limit         Nullable(String) COMMENT 'e.g. 20WD, 30ND, IMMEDIATE',
    legal_limit             Nullable(String),
    applicant_key           Nullable(String) COMMENT 'keyed hash of the identity number, never the number',
    applicant_phone_masked  Nullable(String),
    source_id               LowCardinality(String),
    source_table            LowCardinality(String),
    source_position         String,
    ingested_at             DateTime64(3, 'Asia/Shanghai') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(business_time)
ORDER BY (center_id, case_id, event_id)
COMMENT 'ODS: canonical case events (办件事件), one per event id';
