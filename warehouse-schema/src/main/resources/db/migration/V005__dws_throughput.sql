-- DWS: live throughput per center, department, service window (窗口) and case kind, in 1-minute, 1-hour and
-- 1-day buckets of business time (Asia/Shanghai), written by the throughput job (streaming-jobs).
--
-- Why versioned rows: the job emits the *whole* figure of a bucket each time the bucket fires, again when a late
-- event (a paper case entered hours later) corrects it, and again after a restore. Each emission carries
-- version = number of distinct events the bucket has counted; counts only grow as events arrive, so the row with the
-- highest version is the most complete, and ReplacingMergeTree(version) keeps it. A re-emitted or replayed bucket
-- never adds up twice. Read with FINAL (or argMax by version) for exact figures before background merges.
-- Metric definitions (口径): docs/metrics.md.

CREATE TABLE IF NOT EXISTS dws_throughput_minute
(
    center_id              LowCardinality(String),
    department_id          LowCardinality(String),
    window_id              String COMMENT '窗口; empty when the source does not say',
    case_kind              LowCardinality(String) COMMENT 'CaseKind name; empty when unknown',
    bucket_start           DateTime('Asia/Shanghai'),
    accepted               UInt32 COMMENT '受理',
    completed              UInt32 COMMENT '办结 (a decision, approving or not)',
    returned               UInt32 COMMENT '退办',
    not_accepted           UInt32 COMMENT '不予受理',
    withdrawn              UInt32 COMMENT '撤件',
    supplement_requested   UInt32 COMMENT '补正告知',
    handled                UInt32 COMMENT 'completions whose acceptance is known (basis of handling time)',
    handling_p50_s         Float64 COMMENT 'median handling time (办结 − 受理), seconds',
    handling_p90_s         Float64,
    handling_sum_s         Float64 COMMENT 'sum of handling times, for averages over several buckets',
    version                UInt64 COMMENT 'distinct events counted in this bucket; highest wins',
    emitted_at             DateTime64(3, 'Asia/Shanghai')
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(bucket_start)
ORDER BY (center_id, department_id, window_id, case_kind, bucket_start)
COMMENT 'DWS: throughput per minute of business time (live, exact under late data and replays)';

CREATE TABLE IF NOT EXISTS dws_throughput_hour AS dws_throughput_minute
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(bucket_start)
ORDER BY (center_id, department_id, window_id, case_kind, bucket_start)
COMMENT 'DWS: throughput per hour of business time';

CREATE TABLE IF NOT EXISTS dws_throughput_day AS dws_throughput_minute
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYear(bucket_start)
ORDER BY (center_id, department_id, window_id, case_kind, bucket_start)
COMMENT 'DWS: throughput per day of business time';
