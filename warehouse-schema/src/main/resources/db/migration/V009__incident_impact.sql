-- Incident impact a supervisor can trust (issue 4 "Impact"; 4.5.2.5, 附录C): throughput during an incident per
-- affected department and window against a baseline of comparable weeks, and the 事后补录 backlog (paper cases entered
-- later: how many, how late, how many still missing against the paper register). Replaces the V008 views, whose
-- baseline averaged the same minutes 1–4 weeks earlier whatever those days were (a 春节 week, a 调休 Saturday, an hour
-- with its own outage). Definitions (口径): docs/metrics.md#incident-impact; plain-Java twins ThroughputImpact and
-- BackfillImpact (incident-rules) compute the same figures.

-- Dimension: each center's working calendar, one row per date, written by code from deadline-rules' calendars
-- (CenterCalendars: the 国办 notices plus the center's overrides) through dashboards' DimensionLoader. A date without
-- a row falls back to the weekend rule, as WorkCalendar does for a year without a published notice.
CREATE TABLE IF NOT EXISTS dim_work_day
(
    center_id    LowCardinality(String),
    day          Date,
    working      UInt8 COMMENT '1 = the center works (法定工作日, 调休上班 included)',
    day_class    LowCardinality(String) COMMENT 'DayClass: WORKDAY 工作日, MAKEUP_WORKDAY 调休上班, REST 休息日 (周末, 放假, 闭厅)',
    label        String COMMENT 'what the calendar says, e.g. 工作日, 周末, 放假 春节, 调休上班 国庆节调休上班',
    provisional  UInt8 COMMENT '1 = the year has no published calendar (weekend rule)',
    calendar_id  String COMMENT 'the layers that decided it, e.g. china+calendars/china-2026.cal',
    updated_at   DateTime64(3, 'Asia/Shanghai') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (center_id, day)
COMMENT 'Dimension: working calendar per center (read with FINAL)';

-- DWS: throughput per incident, affected department or window, and hour of the incident.
-- * The incident runs from its opening (earliest of onset and detection) to service restoration, else its closing,
--   else the center's business "now" (end of its latest minute bucket); it is cut at whole hours into pieces.
-- * actual: acceptances (dws_throughput_minute FINAL, business time, so paper cases count once entered) in minute
--   buckets whose start lies in the piece. A department row counts all its windows, a window row all its departments.
-- * baseline: the mean of the same minutes k = 1, 2, … weeks earlier over the first 4 comparable weeks among k ≤ 8.
--   Week k is comparable when (1) its date has the same DayClass as the incident's date (an ordinary working day is
--   compared with ordinary working days only: 放假, 闭厅, weekends and 调休上班 days are skipped), (2) no incident touching
--   the same department or window (this one included, dismissed ones not) overlaps that piece, and (3) the center
--   already had throughput data then (not before its first minute bucket). No comparable week: baseline NULL.
-- A department row is touched by an incident naming that department, naming one of its windows (dim_window), or naming
-- neither departments nor windows (the whole hall). A window row is touched by an incident naming that window, or
-- naming no window but the window's department (dim_window), or naming neither.
-- Cost: a view, recomputed on every read over every incident (about 0.3-1 s on the embedded server for a handful).
-- When incidents and history grow, the incident job should write these figures at restoration instead.
CREATE OR REPLACE VIEW dws_incident_throughput_hour AS
WITH
    centers AS
    (
        SELECT center_id, min(bucket_start) AS data_since, max(bucket_start) + INTERVAL 1 MINUTE AS business_now
        FROM dws_throughput_minute
        GROUP BY center_id
    ),
    incidents AS
    (
        SELECT i.center_id AS center_id, i.incident_id AS incident_id, i.department_ids AS department_ids, i.window_ids AS window_ids,
               toDateTime(assumeNotNull(coalesce(least(i.onset, i.detected), i.onset, i.detected)), 'Asia/Shanghai') AS from_t,
               greatest(from_t, toDateTime(coalesce(i.restored_at, i.closed_at, if(c.center_id = i.center_id, c.business_now, NULL)),
                                           'Asia/Shanghai')) AS to_t,
               -- a center without any throughput has no comparable week at all
               if(c.center_id = i.center_id, c.data_since, toDateTime('2105-01-01 00:00:00', 'Asia/Shanghai')) AS data_since
        FROM (SELECT * FROM dwd_incident FINAL WHERE status != 'DISMISSED' AND coalesce(onset, detected) IS NOT NULL) AS i
        LEFT JOIN centers AS c ON c.center_id = i.center_id
    ),
    dept_windows AS (SELECT center_id, department_id, groupUniqArray(window_id) AS windows FROM dim_window GROUP BY center_id, department_id),
    window_depts AS (SELECT center_id, window_id, arraySort(groupUniqArray(department_id)) AS departments FROM dim_window GROUP BY center_id, window_id),
    scopes AS
    (
        SELECT s.center_id AS center_id, s.incident_id AS incident_id, s.from_t AS from_t, s.to_t AS to_t, s.data_since AS data_since,
               'department' AS scope, s.department_id AS department_id, '' AS window_id, s.department_id AS scope_id,
               [s.department_id] AS scope_departments, dw.windows AS scope_windows
        FROM (SELECT *, department_id FROM incidents ARRAY JOIN department_ids AS department_id) AS s
        LEFT JOIN dept_windows AS dw ON dw.center_id = s.center_id AND dw.department_id = s.department_id
        UNION ALL
        SELECT s.center_id, s.incident_id, s.from_t, s.to_t, s.data_since,
               'window', wd.departments[1], s.window_id, s.window_id,
               wd.departments, [s.window_id]
        FROM (SELECT *, window_id FROM incidents ARRAY JOIN window_ids AS window_id) AS s
        LEFT JOIN window_depts AS wd ON wd.center_id = s.center_id AND wd.window_id = s.window_id
    ),
    pieces AS
    (
        SELECT sc.*, hour_start, greatest(hour_start, from_t) AS piece_from, least(hour_start + INTERVAL 1 HOUR, to_t) AS piece_to
        FROM scopes AS sc
        ARRAY JOIN arrayMap(h -> toStartOfHour(from_t) + toIntervalHour(h),
                            range(if(to_t > from_t, toUInt32(dateDiff('hour', toStartOfHour(from_t), to_t - INTERVAL 1 SECOND)) + 1, 0)))
            AS hour_start
    ),
    -- k = 0 is the piece itself (actual); k = 1 … 8 the candidate weeks.
    candidates AS
    (
        SELECT p.*, k, p.piece_from - toIntervalWeek(k) AS b_from, p.piece_to - toIntervalWeek(k) AS b_to
        FROM pieces AS p
        ARRAY JOIN range(0, 9) AS k
    ),
    classes AS
    (
        SELECT center_id, mapFromArrays(groupArray(day), groupArray(day_class)) AS by_day
        FROM (SELECT center_id, day, day_class FROM dim_work_day FINAL)
        GROUP BY center_id
    ),
    covered AS
    (
        SELECT DISTINCT c.center_id AS center_id, c.incident_id AS incident_id, c.scope AS scope, c.scope_id AS scope_id,
                        c.hour_start AS hour_start, c.k AS k
        FROM (SELECT * FROM candidates WHERE k > 0) AS c
        INNER JOIN incidents AS o ON o.center_id = c.center_id
        WHERE o.from_t < c.b_to AND o.to_t > c.b_from
          AND (hasAny(o.window_ids, c.scope_windows)
               OR (c.scope = 'department' AND has(o.department_ids, c.scope_id))
               OR (c.scope = 'window' AND empty(o.window_ids) AND hasAny(o.department_ids, c.scope_departments))
               OR (empty(o.department_ids) AND empty(o.window_ids)))
    ),
    minutes AS
    (
        SELECT center_id, 'department' AS scope, department_id AS scope_id, bucket_start, sum(accepted) AS accepted
        FROM dws_throughput_minute FINAL
        GROUP BY center_id, department_id, bucket_start
        UNION ALL
        SELECT center_id, 'window' AS scope, window_id AS scope_id, bucket_start, sum(accepted) AS accepted
        FROM dws_throughput_minute FINAL
        GROUP BY center_id, window_id, bucket_start
    ),
    counted AS
    (
        SELECT c.center_id AS center_id, c.incident_id AS incident_id, c.scope AS scope, c.department_id AS department_id,
               c.window_id AS window_id, c.scope_id AS scope_id, c.from_t AS from_t, c.to_t AS to_t, c.hour_start AS hour_start,
               c.piece_from AS piece_from, c.piece_to AS piece_to, c.k AS k, c.b_from AS b_from, c.data_since AS data_since,
               toUInt64(ifNull(sum(t.accepted), 0)) AS accepted
        FROM candidates AS c
        LEFT JOIN (SELECT *, toStartOfHour(bucket_start) AS hour FROM minutes) AS t
            ON t.center_id = c.center_id AND t.scope = c.scope AND t.scope_id = c.scope_id AND t.hour = toStartOfHour(c.b_from)
            AND t.bucket_start >= c.b_from AND t.bucket_start < c.b_to
        GROUP BY center_id, incident_id, scope, department_id, window_id, scope_id, from_t, to_t, hour_start, piece_from, piece_to, k,
                 b_from, data_since
    ),
    judged AS
    (
        SELECT n.center_id AS center_id, n.incident_id AS incident_id, n.scope AS scope, n.department_id AS department_id,
               n.window_id AS window_id, n.from_t AS from_t, n.to_t AS to_t, n.hour_start AS hour_start, n.piece_from AS piece_from,
               n.piece_to AS piece_to, n.k AS k, n.b_from AS b_from, n.data_since AS data_since, n.accepted AS accepted,
               cl.by_day AS by_day,
               if(mapContains(by_day, toDate(n.piece_from)), by_day[toDate(n.piece_from)],
                  if(toDayOfWeek(n.piece_from) <= 5, 'WORKDAY', 'REST')) AS piece_class,
               if(mapContains(by_day, toDate(n.b_from)), by_day[toDate(n.b_from)],
                  if(toDayOfWeek(n.b_from) <= 5, 'WORKDAY', 'REST')) AS week_class,
               ifNull(v.hit, 0) AS covered
        FROM counted AS n
        LEFT JOIN classes AS cl ON cl.center_id = n.center_id
        LEFT JOIN (SELECT *, 1 AS hit FROM covered) AS v
            ON v.center_id = n.center_id AND v.incident_id = n.incident_id AND v.scope = n.scope AND v.scope_id = n.scope_id
            AND v.hour_start = n.hour_start AND v.k = n.k
    )
SELECT center_id, incident_id, scope, department_id, window_id, from_t, to_t, hour_start, piece_from, piece_to,
       any(piece_class) AS day_class,
       sumIf(accepted, k = 0) AS actual,
       arraySlice(arraySort(x -> x.1, groupArrayIf((k, accepted),
           k > 0 AND week_class = piece_class AND covered = 0 AND b_from >= data_since)), 1, 4) AS chosen,
       toUInt8(length(chosen)) AS weeks_used,
       arrayMap(x -> x.1, chosen) AS weeks_back,
       if(weeks_used = 0, NULL, arrayAvg(x -> toFloat64(x.2), chosen)) AS baseline
FROM judged
GROUP BY center_id, incident_id, scope, department_id, window_id, from_t, to_t, hour_start, piece_from, piece_to;

-- DWS: throughput per incident and affected department (the V008 grain), from the hours above. baseline is the sum
-- of the hours' baselines, NULL when some hour has no comparable week (hours_without_baseline > 0): a total that leaves
-- hours out would not be the incident's. ratio = actual ÷ baseline (NULL when the baseline is NULL or 0),
-- shortfall = baseline − actual (cases not accepted compared with usual; negative = more than usual).
CREATE OR REPLACE VIEW dws_incident_throughput AS
SELECT h.center_id AS center_id, h.incident_id AS incident_id, h.department_id AS department_id, h.from_t AS from_t, h.to_t AS to_t,
       sum(h.actual) AS actual,
       if(countIf(h.weeks_used = 0) > 0, NULL, sum(ifNull(h.baseline, 0))) AS baseline,
       if(baseline > 0, actual / baseline, NULL) AS ratio,
       baseline - actual AS shortfall,
       toUInt32(count()) AS hours,
       toUInt32(countIf(h.weeks_used = 0)) AS hours_without_baseline,
       min(h.weeks_used) AS weeks_used_min
FROM dws_incident_throughput_hour AS h
WHERE h.scope = 'department'
GROUP BY h.center_id, h.incident_id, h.department_id, h.from_t, h.to_t;

-- DWS: the same per incident and affected window (a window row counts the window's acceptances for every department:
-- department_id is the window's department in dim_window, the first by id if it serves several, '' if unknown).
CREATE OR REPLACE VIEW dws_incident_throughput_window AS
SELECT h.center_id AS center_id, h.incident_id AS incident_id, h.window_id AS window_id, any(h.department_id) AS department_id,
       h.from_t AS from_t, h.to_t AS to_t,
       sum(h.actual) AS actual,
       if(countIf(h.weeks_used = 0) > 0, NULL, sum(ifNull(h.baseline, 0))) AS baseline,
       if(baseline > 0, actual / baseline, NULL) AS ratio,
       baseline - actual AS shortfall,
       toUInt32(count()) AS hours,
       toUInt32(countIf(h.weeks_used = 0)) AS hours_without_baseline,
       min(h.weeks_used) AS weeks_used_min
FROM dws_incident_throughput_hour AS h
WHERE h.scope = 'window'
GROUP BY h.center_id, h.incident_id, h.window_id, h.from_t, h.to_t;

-- DWS: 事后补录 per incident and window (BackfillImpact.WindowBackfill). The incident interval is the one above, to the
-- millisecond. A case is in scope when its first ACCEPTED (ods_case_event FINAL) lies in it, and it belongs to an
-- affected department (all, if the incident names none) and an affected window (all, if it names none). It is
-- backfilled (补录) when its source commit came more than 15 minutes after the acceptance: lateness = commit −
-- acceptance. registered = the latest PAPER_REGISTERED count of the window (纸质受理登记, by `at`), NULL without one.
-- missing = max(0, registered − backfilled), NULL without a register. department_ids: the departments the register
-- names, else those dim_window gives the window.
CREATE OR REPLACE VIEW dws_incident_backfill_window AS
WITH
    centers AS (SELECT center_id, max(bucket_start) + INTERVAL 1 MINUTE AS business_now FROM dws_throughput_minute GROUP BY center_id),
    incidents AS
    (
        SELECT i.center_id AS center_id, i.incident_id AS incident_id, i.department_ids AS department_ids, i.window_ids AS window_ids,
               assumeNotNull(coalesce(least(i.onset, i.detected), i.onset, i.detected)) AS from_t,
               greatest(from_t, coalesce(i.restored_at, i.closed_at, if(c.center_id = i.center_id, toDateTime64(c.business_now, 3), NULL))) AS to_t
        FROM (SELECT * FROM dwd_incident FINAL WHERE status != 'DISMISSED' AND coalesce(onset, detected) IS NOT NULL) AS i
        LEFT JOIN centers AS c ON c.center_id = i.center_id
    ),
    accepted AS
    (
        SELECT center_id, case_id, any(department_id) AS department_id, ifNull(any(window_id), '') AS window_id,
               min(business_time) AS accepted_at, argMin(source_commit_time, business_time) AS committed_at,
               dateDiff('millisecond', accepted_at, committed_at) AS lateness_ms
        FROM ods_case_event FINAL
        WHERE event_type = 'ACCEPTED'
        GROUP BY center_id, case_id
    ),
    late AS
    (
        SELECT i.center_id AS center_id, i.incident_id AS incident_id, a.window_id AS window_id, count() AS backfilled,
               max(a.lateness_ms) AS lateness_max_ms, groupUniqArray(a.department_id) AS case_departments
        FROM incidents AS i
        INNER JOIN accepted AS a ON a.center_id = i.center_id
        WHERE a.accepted_at >= i.from_t AND a.accepted_at < i.to_t
          AND (empty(i.department_ids) OR has(i.department_ids, a.department_id))
          AND (empty(i.window_ids) OR has(i.window_ids, a.window_id))
          AND a.lateness_ms > 15 * 60 * 1000
        GROUP BY i.center_id, i.incident_id, a.window_id
    ),
    registers AS
    (
        SELECT f.center_id AS center_id, f.incident_id AS incident_id, f.window_ids[1] AS window_id,
               argMax(f.paper_cases, (f.at, f.recorded_at)) AS registered, argMax(f.department_ids, (f.at, f.recorded_at)) AS named
        FROM dwd_incident_fact AS f FINAL
        WHERE f.fact_type = 'PAPER_REGISTERED' AND notEmpty(f.window_ids)
          AND (f.center_id, f.incident_id) IN (SELECT center_id, incident_id FROM incidents)
        GROUP BY f.center_id, f.incident_id, window_id
    ),
    window_depts AS (SELECT center_id, window_id, arraySort(groupUniqArray(department_id)) AS departments FROM dim_window GROUP BY center_id, window_id),
    both AS
    (
        SELECT center_id, incident_id, window_id, 1 AS has_register, assumeNotNull(registered) AS registered, named,
               toUInt64(0) AS backfilled, CAST(NULL, 'Nullable(Int64)') AS lateness_max_ms, CAST([], 'Array(String)') AS case_departments
        FROM registers
        UNION ALL
        SELECT center_id, incident_id, window_id, 0, 0, [], backfilled, lateness_max_ms, case_departments
        FROM late
    )
SELECT b.center_id AS center_id, b.incident_id AS incident_id, b.window_id AS window_id,
       if(max(b.has_register) = 1, toNullable(toInt64(maxIf(b.registered, b.has_register = 1))), NULL) AS registered,
       sum(b.backfilled) AS backfilled,
       if(registered IS NULL, NULL, greatest(toInt64(0), registered - toInt64(backfilled))) AS missing,
       max(b.lateness_max_ms) AS lateness_max_ms,
       arraySort(if(notEmpty(groupArrayArray(b.named)), arrayDistinct(groupArrayArray(b.named)),
                    arrayDistinct(arrayConcat(any(wd.departments), groupArrayArray(b.case_departments))))) AS department_ids
FROM both AS b
LEFT JOIN window_depts AS wd ON wd.center_id = b.center_id AND wd.window_id = b.window_id
GROUP BY b.center_id, b.incident_id, b.window_id;

-- DWS: 事后补录 per incident and affected department (the V008 grain; BackfillImpact for that department and the
-- incident's windows): in_scope, backfilled, lateness (lower median and greatest, ms) and the last 补录 commit; the
-- paper register and what is still missing summed over the department's windows of dws_incident_backfill_window.
CREATE OR REPLACE VIEW dws_incident_backfill AS
WITH
    centers AS (SELECT center_id, max(bucket_start) + INTERVAL 1 MINUTE AS business_now FROM dws_throughput_minute GROUP BY center_id),
    incidents AS
    (
        SELECT i.center_id AS center_id, i.incident_id AS incident_id, i.department_ids AS department_ids, i.window_ids AS window_ids,
               assumeNotNull(coalesce(least(i.onset, i.detected), i.onset, i.detected)) AS from_t,
               greatest(from_t, coalesce(i.restored_at, i.closed_at, if(c.center_id = i.center_id, toDateTime64(c.business_now, 3), NULL))) AS to_t
        FROM (SELECT * FROM dwd_incident FINAL WHERE status != 'DISMISSED' AND coalesce(onset, detected) IS NOT NULL) AS i
        LEFT JOIN centers AS c ON c.center_id = i.center_id
    ),
    accepted AS
    (
        SELECT center_id, case_id, any(department_id) AS department_id, ifNull(any(window_id), '') AS window_id,
               min(business_time) AS accepted_at, argMin(source_commit_time, business_time) AS committed_at,
               dateDiff('millisecond', accepted_at, committed_at) AS lateness_ms
        FROM ods_case_event FINAL
        WHERE event_type = 'ACCEPTED'
        GROUP BY center_id, case_id
    ),
    rows AS
    (
        SELECT s.center_id AS center_id, s.incident_id AS incident_id, s.department_id AS department_id, s.from_t AS from_t, s.to_t AS to_t,
               countIf(a.case_id != '') AS in_scope,
               countIf(a.lateness_ms > 15 * 60 * 1000) AS backfilled,
               if(backfilled = 0, NULL, quantileExactLowIf(0.5)(a.lateness_ms, a.lateness_ms > 15 * 60 * 1000)) AS lateness_p50_ms,
               if(backfilled = 0, NULL, maxIf(a.lateness_ms, a.lateness_ms > 15 * 60 * 1000)) AS lateness_max_ms,
               if(backfilled = 0, NULL, maxIf(a.committed_at, a.lateness_ms > 15 * 60 * 1000)) AS last_entered_at
        FROM (SELECT *, department_id FROM incidents ARRAY JOIN department_ids AS department_id) AS s
        LEFT JOIN accepted AS a ON a.center_id = s.center_id AND a.department_id = s.department_id
            AND a.accepted_at >= s.from_t AND a.accepted_at < s.to_t AND (empty(s.window_ids) OR has(s.window_ids, a.window_id))
        GROUP BY s.center_id, s.incident_id, s.department_id, s.from_t, s.to_t
    ),
    registers AS
    (
        SELECT center_id, incident_id, department_id, sum(registered) AS paper_registered, sum(missing) AS missing
        FROM dws_incident_backfill_window ARRAY JOIN department_ids AS department_id
        WHERE registered IS NOT NULL
        GROUP BY center_id, incident_id, department_id
    )
SELECT r.center_id AS center_id, r.incident_id AS incident_id, r.department_id AS department_id, r.from_t AS from_t, r.to_t AS to_t,
       r.in_scope AS in_scope, r.backfilled AS backfilled, r.lateness_p50_ms AS lateness_p50_ms, r.lateness_max_ms AS lateness_max_ms,
       r.last_entered_at AS last_entered_at,
       if(g.center_id = r.center_id, toNullable(g.paper_registered), NULL) AS paper_registered,
       if(g.center_id = r.center_id, toNullable(g.missing), NULL) AS missing
FROM rows AS r
LEFT JOIN registers AS g ON g.center_id = r.center_id AND g.incident_id = r.incident_id AND g.department_id = r.department_id;
