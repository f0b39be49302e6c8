-- Dimensions: centers, departments, windows and service items (事项). Names come from each center's catalogue
-- (loaded by the operator, or by the demo from the simulator's departments); windows and items seen in events
-- are recorded automatically so a BI tool can list them before anyone loads names.

CREATE TABLE IF NOT EXISTS dim_center
(
    center_id   String,
    name        String,
    region_code String COMMENT '行政区划代码',
    time_zone   String DEFAULT 'Asia/Shanghai',
    updated_at  DateTime64(3, 'Asia/Shanghai') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY center_id
COMMENT 'Dimension: government service centers (政务服务中心)';

CREATE TABLE IF NOT EXISTS dim_department
(
    center_id     String,
    department_id String,
    name          String,
    source_id     String COMMENT 'the departmental system its events come from',
    updated_at    DateTime64(3, 'Asia/Shanghai') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (center_id, department_id)
COMMENT 'Dimension: departments stationed in a center (进驻部门)';

CREATE TABLE IF NOT EXISTS dim_window
(
    center_id     String,
    window_id     String,
    department_id String,
    name          SimpleAggregateFunction(max, String),
    first_seen    SimpleAggregateFunction(min, DateTime64(3, 'Asia/Shanghai')),
    last_seen     SimpleAggregateFunction(max, DateTime64(3, 'Asia/Shanghai'))
)
ENGINE = AggregatingMergeTree
ORDER BY (center_id, window_id, department_id)
COMMENT 'Dimension: service windows (窗口), discovered from events';

CREATE MATERIALIZED VIEW IF NOT EXISTS dim_window_mv TO dim_window AS
SELECT center_id, assumeNotNull(window_id) AS window_id, department_id, '' AS name,
       min(business_time) AS first_seen, max(business_time) AS last_seen
FROM (SELECT * FROM ods_case_event WHERE window_id IS NOT NULL)
GROUP BY center_id, window_id, department_id;

CREATE TABLE IF NOT EXISTS dim_item
(
    center_id     String,
    item_code     String,
    department_id String,
    item_name     SimpleAggregateFunction(max, String),
    first_seen    SimpleAggregateFunction(min, DateTime64(3, 'Asia/Shanghai')),
    last_seen     SimpleAggregateFunction(max, DateTime64(3, 'Asia/Shanghai'))
)
ENGINE = AggregatingMergeTree
ORDER BY (center_id, item_code, department_id)
COMMENT 'Dimension: service items (政务服务事项), discovered from events';

CREATE MATERIALIZED VIEW IF NOT EXISTS dim_item_mv TO dim_item AS
SELECT center_id, assumeNotNull(item_code) AS item_code, department_id, max(ifNull(item_name, '')) AS item_name,
       min(business_time) AS first_seen, max(business_time) AS last_seen
FROM (SELECT * FROM ods_case_event WHERE item_code IS NOT NULL)
GROUP BY center_id, item_code, department_id;
