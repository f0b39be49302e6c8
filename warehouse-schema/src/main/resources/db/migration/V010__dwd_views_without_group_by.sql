-- The DWD views without GROUP BY (issue 8, the bench's ClickHouse profile). dwd_case_mv grouped every inserted block
-- by case into 25 aggregate states, three of them uniqExact sets of event ids; those sets were most of ClickHouse's
-- cost: on 600,000 canonical events the view took 5.3 s of CPU and the merges of dwd_case 3.7 s; without GROUP BY and
-- without the sets, 0.9 s and 1.8 s (docs/performance.md, session 6). A block from the normalization sink holds one or
-- two events of a case, so grouping at insert saved the merges little.
--
-- Now each event becomes one partial row of its case; the SimpleAggregateFunction columns (min, max, set union) are
-- combined by background merges and by the *_current views at read time, exactly as before. Every column stays
-- idempotent: a replayed event (a restore from a checkpoint, a re-sent batch) changes no min, no max and no set.
--
-- Changed for readers of dwd_case_current:
-- - supplement_requests and suspensions are still counts of distinct events, now the length of the id sets
--   supplement_request_ids / suspension_ids (only 补正 and 中止 events fill them; every other row carries []);
-- - events (distinct events per case) is gone: nothing read it, and it cost a set per case. Count a case's events in
--   ods_case_event (SELECT uniqExact(event_id) ... WHERE case_id = ...).
--
-- Re-runnable and without a gap: the view's query is changed in place (MODIFY QUERY), so no insert is missed; the id
-- sets of earlier events are filled from ods_case_event (rare rows: only 补正 and 中止 events). An event inserted while
-- this runs may land twice, which the idempotent columns absorb.

ALTER TABLE dwd_case
    ADD COLUMN IF NOT EXISTS supplement_request_ids SimpleAggregateFunction(groupUniqArrayArray, Array(String))
        COMMENT 'event ids of 补正 requests (SUPPLEMENT_REQUESTED)' AFTER delivered_at,
    ADD COLUMN IF NOT EXISTS suspension_ids SimpleAggregateFunction(groupUniqArrayArray, Array(String))
        COMMENT 'event ids of legal pauses (SUSPENDED)' AFTER supplement_request_ids;

ALTER TABLE dwd_case_mv MODIFY QUERY
SELECT
    center_id,
    case_id,
    source_id,
    department_id,
    department_ids,
    window_id,
    item_code,
    item_name,
    case_kind,
    committed_limit,
    legal_limit,
    applicant_key,
    if(event_type = 'SUBMITTED', business_time, NULL)                                                  AS submitted_at,
    if(event_type = 'ACCEPTED', business_time, NULL)                                                   AS accepted_at,
    if(event_type IN ('COMPLETED', 'RETURNED', 'WITHDRAWN', 'NOT_ACCEPTED'), business_time, NULL)      AS closed_at,
    if(event_type IN ('COMPLETED', 'RETURNED', 'WITHDRAWN', 'NOT_ACCEPTED'), toString(event_type), NULL) AS closing_type,
    if(event_type IN ('COMPLETED', 'RETURNED', 'WITHDRAWN', 'NOT_ACCEPTED'), result, NULL)             AS result,
    if(event_type = 'DELIVERED', business_time, NULL)                                                  AS delivered_at,
    if(event_type = 'SUPPLEMENT_REQUESTED', [event_id], [])                                            AS supplement_request_ids,
    if(event_type = 'SUSPENDED', [event_id], [])                                                       AS suspension_ids,
    business_time                                                                                      AS last_event_at,
    source_commit_time                                                                                 AS last_source_commit_at
FROM ods_case_event;

CREATE OR REPLACE VIEW dwd_case_current AS
SELECT
    center_id,
    case_id,
    max(source_id)                                        AS source_id,
    max(department_id)                                    AS department_id,
    groupUniqArrayArray(department_ids)                   AS department_ids,
    max(window_id)                                        AS window_id,
    max(item_code)                                        AS item_code,
    max(item_name)                                        AS item_name,
    max(case_kind)                                        AS case_kind,
    max(committed_limit)                                  AS committed_limit,
    max(legal_limit)                                      AS legal_limit,
    max(applicant_key)                                    AS applicant_key,
    min(submitted_at)                                     AS submitted_at,
    min(accepted_at)                                      AS accepted_at,
    min(closed_at)                                        AS closed_at,
    max(closing_type)                                     AS closing_type,
    max(result)                                           AS result,
    min(delivered_at)                                     AS delivered_at,
    length(groupUniqArrayArray(supplement_request_ids))   AS supplement_requests,
    length(groupUniqArrayArray(suspension_ids))           AS suspensions,
    max(last_event_at)                                    AS last_event_at,
    max(last_source_commit_at)                            AS last_source_commit_at
FROM dwd_case
GROUP BY center_id, case_id;

-- The id sets of events inserted before this migration (the other columns of these rows repeat what the case has).
INSERT INTO dwd_case (center_id, case_id, source_id, department_id, department_ids, window_id, item_code, item_name, case_kind,
                      committed_limit, legal_limit, applicant_key, supplement_request_ids, suspension_ids, last_event_at,
                      last_source_commit_at)
SELECT center_id, case_id, source_id, department_id, department_ids, window_id, item_code, item_name, case_kind,
       committed_limit, legal_limit, applicant_key,
       if(event_type = 'SUPPLEMENT_REQUESTED', [event_id], []), if(event_type = 'SUSPENDED', [event_id], []),
       business_time, source_commit_time
FROM ods_case_event
WHERE event_type IN ('SUPPLEMENT_REQUESTED', 'SUSPENDED');

ALTER TABLE dwd_case
    DROP COLUMN IF EXISTS supplement_requests,
    DROP COLUMN IF EXISTS suspensions,
    DROP COLUMN IF EXISTS events;

ALTER TABLE dwd_case_step_mv MODIFY QUERY
SELECT
    center_id,
    case_id,
    assumeNotNull(step_id)                                          AS step_id,
    department_id,
    step_name,
    handler,
    if(event_type = 'STEP_STARTED', business_time, NULL)            AS started_at,
    if(event_type = 'STEP_COMPLETED', business_time, NULL)          AS ended_at,
    if(event_type = 'STEP_COMPLETED', reason, NULL)                 AS opinion
FROM ods_case_event
WHERE event_type IN ('STEP_STARTED', 'STEP_COMPLETED') AND step_id IS NOT NULL;
