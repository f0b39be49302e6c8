-- DWD: case facts and step facts, maintained by materialized views from ods_case_event.
-- Every aggregate here is idempotent (min, max, uniqExact over event ids), so a replayed or re-inserted event
-- changes nothing: the facts stay exact under at-least-once delivery. Attributes that are constant for a case
-- use max() (NULLs are skipped). Read through the *_current views, which merge the partial states.

CREATE TABLE IF NOT EXISTS dwd_case
(
    center_id               LowCardinality(String),
    case_id                 String,
    source_id               SimpleAggregateFunction(max, String),
    department_id           SimpleAggregateFunction(max, String),
    department_ids          SimpleAggregateFunction(groupUniqArrayArray, Array(String)),
    window_id               SimpleAggregateFunction(max, Nullable(String)),
    item_code               SimpleAggregateFunction(max, Nullable(String)),
    item_name               SimpleAggregateFunction(max, Nullable(String)),
    case_kind               SimpleAggregateFunction(max, Nullable(String)),
    committed_limit         SimpleAggregateFunction(max, Nullable(String)),
    legal_limit             SimpleAggregateFunction(max, Nullable(String)),
    applicant_key           SimpleAggregateFunction(max, Nullable(String)),
    submitted_at            SimpleAggregateFunction(min, Nullable(DateTime64(3, 'Asia/Shanghai'))),
    accepted_at             SimpleAggregateFunction(min, Nullable(DateTime64(3, 'Asia/Shanghai'))),
    closed_at               SimpleAggregateFunction(min, Nullable(DateTime64(3, 'Asia/Shanghai'))),
    closing_type            SimpleAggregateFunction(max, Nullable(String)) COMMENT 'COMPLETED, RETURNED, WITHDRAWN or NOT_ACCEPTED',
    result                  SimpleAggregateFunction(max, Nullable(String)),
    delivered_at            SimpleAggregateFunction(min, Nullable(DateTime64(3, 'Asia/Shanghai'))),
    supplement_requests     AggregateFunction(uniqExact, String),
    suspensions             AggregateFunction(uniqExact, String),
    events                  AggregateFunction(uniqExact, String),
    last_event_at           SimpleAggregateFunction(max, DateTime64(3, 'Asia/Shanghai')),
    last_source_commit_at   SimpleAggregateFunction(max, DateTime64(3, 'Asia/Shanghai'))
)
ENGINE = AggregatingMergeTree
ORDER BY (center_id, case_id)
COMMENT 'DWD: one row per case (办件事实), built from ods_case_event';

CREATE MATERIALIZED VIEW IF NOT EXISTS dwd_case_mv TO dwd_case AS
SELECT
    center_id,
    case_id,
    max(source_id)                                                                    AS source_id,
    max(department_id)                                                                AS department_id,
    groupUniqArrayArray(department_ids)                                               AS department_ids,
    max(window_id)                                                                    AS window_id,
    max(item_code)                                                                    AS item_code,
    max(item_name)                                                                    AS item_name,
    max(case_kind)                                                                    AS case_kind,
    max(committed_limit)                                                              AS committed_limit,
    max(legal_limit)                                                                  AS legal_limit,
    max(applicant_key)                                                                AS applicant_key,
    min(if(event_type = 'SUBMITTED', business_time, NULL))                            AS submitted_at,
    min(if(event_type = 'ACCEPTED', business_time, NULL))                             AS accepted_at,
    min(if(event_type IN ('COMPLETED', 'RETURNED', 'WITHDRAWN', 'NOT_ACCEPTED'), business_time, NULL)) AS closed_at,
    max(if(event_type IN ('COMPLETED', 'RETURNED', 'WITHDRAWN', 'NOT_ACCEPTED'), toString(event_type), NULL)) AS closing_type,
    max(if(event_type IN ('COMPLETED', 'RETURNED', 'WITHDRAWN', 'NOT_ACCEPTED'), result, NULL)) AS result,
    min(if(event_type = 'DELIVERED', business_time, NULL))                            AS delivered_at,
    uniqExactStateIf(event_id, event_type = 'SUPPLEMENT_REQUESTED')                   AS supplement_requests,
    uniqExactStateIf(event_id, event_type = 'SUSPENDED')                              AS suspensions,
    uniqExactState(event_id)                                                          AS events,
    max(business_time)                                                                AS last_event_at,
    max(source_commit_time)                                                           AS last_source_commit_at
FROM ods_case_event
GROUP BY center_id, case_id;

CREATE VIEW IF NOT EXISTS dwd_case_current AS
SELECT
    center_id,
    case_id,
    max(source_id)                        AS source_id,
    max(department_id)                    AS department_id,
    groupUniqArrayArray(department_ids)   AS department_ids,
    max(window_id)                        AS window_id,
    max(item_code)                        AS item_code,
    max(item_name)                        AS item_name,
    max(case_kind)                        AS case_kind,
    max(committed_limit)                  AS committed_limit,
    max(legal_limit)                      AS legal_limit,
    max(applicant_key)                    AS applicant_key,
    min(submitted_at)                     AS submitted_at,
    min(accepted_at)                      AS accepted_at,
    min(closed_at)                        AS closed_at,
    max(closing_type)                     AS closing_type,
    max(result)                           AS result,
    min(delivered_at)                     AS delivered_at,
    uniqExactMerge(supplement_requests)   AS supplement_requests,
    uniqExactMerge(suspensions)           AS suspensions,
    uniqExactMerge(events)                AS events,
    max(last_event_at)                    AS last_event_at,
    max(last_source_commit_at)            AS last_source_commit_at
FROM dwd_case
GROUP BY center_id, case_id;

CREATE TABLE IF NOT EXISTS dwd_case_step
(
    center_id       LowCardinality(String),
    case_id         String,
    step_id         String,
    department_id   SimpleAggregateFunction(max, String),
    step_name       SimpleAggregateFunction(max, Nullable(String)),
    handler         SimpleAggregateFunction(max, Nullable(String)),
    started_at      SimpleAggregateFunction(min, Nullable(DateTime64(3, 'Asia/Shanghai'))),
    ended_at        SimpleAggregateFunction(min, Nullable(DateTime64(3, 'Asia/Shanghai'))),
    opinion         SimpleAggregateFunction(max, Nullable(String))
)
ENGINE = AggregatingMergeTree
ORDER BY (center_id, case_id, step_id)
COMMENT 'DWD: one row per case step (环节事实): who held it, from when to when';

CREATE MATERIALIZED VIEW IF NOT EXISTS dwd_case_step_mv TO dwd_case_step AS
SELECT
    center_id,
    case_id,
    assumeNotNull(step_id)                                             AS step_id,
    max(department_id)                                                 AS department_id,
    max(step_name)                                                     AS step_name,
    max(handler)                                                       AS handler,
    min(if(event_type = 'STEP_STARTED', business_time, NULL))          AS started_at,
    min(if(event_type = 'STEP_COMPLETED', business_time, NULL))        AS ended_at,
    max(if(event_type = 'STEP_COMPLETED', reason, NULL))               AS opinion
-- Filter in a subquery: in ClickHouse an alias (step_id above) would shadow the column in WHERE.
FROM (SELECT * FROM ods_case_event WHERE event_type IN ('STEP_STARTED', 'STEP_COMPLETED') AND step_id IS NOT NULL)
GROUP BY center_id, case_id, step_id;

CREATE VIEW IF NOT EXISTS dwd_case_step_current AS
SELECT
    center_id,
    case_id,
    step_id,
    max(department_id)  AS department_id,
    max(step_name)      AS step_name,
    max(handler)        AS handler,
    min(started_at)     AS started_at,
    min(ended_at)       AS ended_at,
    max(opinion)        AS opinion
FROM dwd_case_step
GROUP BY center_id, case_id, step_id;
