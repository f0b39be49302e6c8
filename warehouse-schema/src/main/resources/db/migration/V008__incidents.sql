-- Emergency-plan incidents (issue 4, 附录C; streaming-jobs IncidentJob): each incident as it stands, its timeline, its
-- plan deadlines (due, actual, met or missed, under which rule version), its cards with the card JSON as evidence, and
-- what it cost the applicants (throughput against a baseline, 事后补录). Rules: docs/incidents.md; tables:
-- docs/warehouse.md.

-- DWD: every incident after its latest change (one row per incident; highest revision, then as_of, wins; read FINAL).
CREATE TABLE IF NOT EXISTS dwd_incident
(
    center_id         LowCardinality(String),
    incident_id       String,
    incident_type     LowCardinality(String) COMMENT 'IncidentType name: POWER_OUTAGE, SYSTEM_FAILURE, …',
    level             LowCardinality(String) COMMENT 'I 特别重大, II 重大, III 较大, IV 一般 (in force now)',
    confirmed         UInt8 COMMENT '0 while suspected (疑似)',
    opened_suspected  UInt8 COMMENT '1 when opened as a suspicion (a detector, or the log marked it so)',
    status            LowCardinality(String) COMMENT 'SUSPECTED, OPEN, RESTORED, CLOSED or DISMISSED',
    source            LowCardinality(String) COMMENT 'OPS_LOG or DETECTOR: who opened it',
    rule              LowCardinality(String) COMMENT 'detection rule (source-silence, window-idle); empty for the ops log',
    onset             Nullable(DateTime64(3, 'Asia/Shanghai')) COMMENT '发生',
    detected          Nullable(DateTime64(3, 'Asia/Shanghai')) COMMENT '发现',
    restored_at       Nullable(DateTime64(3, 'Asia/Shanghai')) COMMENT '恢复服务',
    closed_at         Nullable(DateTime64(3, 'Asia/Shanghai')) COMMENT '结束 (or dismissed)',
    department_ids    Array(String) COMMENT 'affected departments',
    window_ids        Array(String) COMMENT 'affected windows',
    facts             UInt32 COMMENT 'timeline entries',
    cards_standing    UInt32 COMMENT 'cards raised and not retracted, as of as_of',
    deadlines_missed  UInt32 COMMENT 'plan deadlines due and not met as of as_of',
    rule_version      LowCardinality(String),
    revision          UInt32 COMMENT 'facts in the timeline: grows with every change',
    as_of             DateTime64(3, 'Asia/Shanghai') COMMENT 'the incident job''s clock for this row'
)
ENGINE = ReplacingMergeTree(as_of)
ORDER BY (center_id, incident_id)
COMMENT 'DWD: emergency-plan incidents (附录C), current state (read with FINAL)';

-- DWD: the timeline — every fact once, as the tracker accepted it (a redelivered fact is not repeated).
CREATE TABLE IF NOT EXISTS dwd_incident_fact
(
    center_id         LowCardinality(String),
    incident_id       String,
    fact_id           String COMMENT 'ops-<log_id> for the operations log; <incident>/<TYPE> for detectors',
    fact_type         LowCardinality(String) COMMENT 'FactType name: ONSET, DETECTED, VERBAL_REPORT, …',
    fact_label        LowCardinality(String) COMMENT '发生, 发现, 口头报告, …',
    at                DateTime64(3, 'Asia/Shanghai') COMMENT 'when it happened: the plan judges this',
    recorded_at       DateTime64(3, 'Asia/Shanghai') COMMENT 'when the log (or the detector) recorded it',
    source            LowCardinality(String) COMMENT 'OPS_LOG or DETECTOR',
    rule              LowCardinality(String),
    incident_type     LowCardinality(String),
    level             LowCardinality(String),
    confirmed         Nullable(UInt8),
    department_ids    Array(String),
    window_ids        Array(String),
    reported_by       String COMMENT 'reports: who reported',
    reported_to       String COMMENT 'reports: to whom',
    approver          String COMMENT 'declared pauses: who approved',
    pause_from        Nullable(DateTime64(3, 'Asia/Shanghai')),
    pause_to          Nullable(DateTime64(3, 'Asia/Shanghai')),
    paper_cases       Nullable(Int32) COMMENT 'PAPER_REGISTERED: cases accepted on paper at the window',
    note              String,
    source_position   String COMMENT 'ops-log LSN, or the detector''s observation',
    fact_json         String COMMENT 'the fact as on xn.incident.facts'
)
ENGINE = ReplacingMergeTree(recorded_at)
PARTITION BY toYYYYMM(at)
ORDER BY (center_id, incident_id, fact_id)
COMMENT 'DWD: incident timeline facts (ops log and detectors)';

-- DWD: the plan deadlines of each incident after each change of its timeline. A revision replaces every earlier one
-- (a follow-up deadline can disappear when a report is entered late): read dwd_incident_deadline_current.
CREATE TABLE IF NOT EXISTS dwd_incident_deadline
(
    center_id         LowCardinality(String),
    incident_id       String,
    deadline          LowCardinality(String) COMMENT 'plan key: verbalReport, writtenReport, followUpInterval, response, workaround, restoration',
    qualifier         String COMMENT 'the deadline key; followUp#n for the n-th follow-up',
    level             LowCardinality(String) COMMENT 'the level whose budget made the due instant',
    start_at          Nullable(DateTime64(3, 'Asia/Shanghai')) COMMENT 'what the budget counts from (detection, onset, previous report)',
    due_at            Nullable(DateTime64(3, 'Asia/Shanghai')) COMMENT 'the planned deadline; null when not applicable',
    budget            String COMMENT 'ISO-8601, e.g. PT30M',
    counting          LowCardinality(String) COMMENT 'CLOCK or OFFICE_HOURS',
    actual_at         Nullable(DateTime64(3, 'Asia/Shanghai')) COMMENT 'the first fact that met it',
    status            LowCardinality(String) COMMENT 'MET, MET_LATE, UNMET, MOOT, NOT_APPLICABLE',
    met               Nullable(UInt8) COMMENT '1 met in time, 0 missed (late or not at all), null moot / not applicable',
    rule_version      LowCardinality(String),
    revision          UInt32 COMMENT 'facts in the timeline when computed',
    as_of             DateTime64(3, 'Asia/Shanghai')
)
ENGINE = ReplacingMergeTree(revision)
ORDER BY (center_id, incident_id, revision, qualifier)
COMMENT 'DWD: plan-deadline checks per incident revision';

CREATE VIEW IF NOT EXISTS dwd_incident_deadline_current AS
SELECT d.*
FROM dwd_incident_deadline AS d FINAL
INNER JOIN
(
    SELECT center_id, incident_id, max(revision) AS latest
    FROM dwd_incident_deadline
    GROUP BY center_id, incident_id
) AS l ON d.center_id = l.center_id AND d.incident_id = l.incident_id AND d.revision = l.latest;

-- DWD: every incident card record (same model as dwd_deadline_card): RAISED when its instant passed with the incident
-- open, RETRACTED when a fact entered later (a report typed in with its true time, a dismissal) removes it.
CREATE TABLE IF NOT EXISTS dwd_incident_card
(
    card_id           String,
    status            LowCardinality(String) COMMENT 'RAISED or RETRACTED',
    kind              LowCardinality(String) COMMENT 'INCIDENT_RAISED, VERBAL_REPORT_OVERDUE, WRITTEN_REPORT_OVERDUE, FOLLOW_UP_OVERDUE, RESPONSE_OVERDUE, WORKAROUND_OVERDUE, RESTORATION_OVERDUE',
    kind_label        LowCardinality(String) COMMENT '突发事件, 口头报告超时, 书面报告超时, …',
    qualifier         String COMMENT 'level=II for INCIDENT_RAISED; the deadline key otherwise',
    instant           DateTime64(3, 'Asia/Shanghai') COMMENT 'when the plan says the card falls due',
    center_id         LowCardinality(String),
    incident_id       String,
    incident_type     LowCardinality(String),
    level             LowCardinality(String) COMMENT 'level in force at the instant',
    confirmed         UInt8 COMMENT '0 = still suspected at the instant',
    department_ids    Array(String),
    window_ids        Array(String),
    start_at          Nullable(DateTime64(3, 'Asia/Shanghai')) COMMENT 'what the deadline counted from',
    due_at            Nullable(DateTime64(3, 'Asia/Shanghai')) COMMENT 'the planned deadline',
    rule_version      LowCardinality(String),
    clause            String COMMENT 'clause of the standard or plan behind the card',
    summary           String COMMENT 'the Chinese sentence alerting sends',
    card_json         String COMMENT 'the card as published on xn.incident.cards: the evidence',
    emitted_at        DateTime64(3, 'Asia/Shanghai') COMMENT 'the card''s instant: a replay rewrites the same row'
)
ENGINE = ReplacingMergeTree(emitted_at)
PARTITION BY toYYYYMM(instant)
ORDER BY (center_id, incident_id, card_id, status)
COMMENT 'DWD: incident cards (附录C plan deadlines), raised and retracted';

-- DWS: throughput during each incident against a baseline, per affected department: acceptances (business time, so
-- paper cases count once entered) in [opening, restoration or closing or now) against the mean of the same minutes 1–4
-- weeks earlier. Unlike ThroughputImpact (plain Java) this SQL baseline does not skip weeks whose day had another
-- working-day status (a 春节 week lowers it); see docs/incidents.md.
CREATE VIEW IF NOT EXISTS dws_incident_throughput AS
WITH incidents AS
(
    SELECT center_id, incident_id, department_id,
           toDateTime(coalesce(least(onset, detected), onset, detected)) AS from_t,
           toDateTime(coalesce(restored_at, closed_at, now64(3))) AS to_t
    FROM dwd_incident FINAL
    ARRAY JOIN department_ids AS department_id
    WHERE status != 'DISMISSED' AND coalesce(onset, detected) IS NOT NULL
)
SELECT i.center_id AS center_id, i.incident_id AS incident_id, i.department_id AS department_id, i.from_t AS from_t, i.to_t AS to_t,
       sumIf(t.accepted, t.bucket_start >= i.from_t AND t.bucket_start < i.to_t) AS actual,
       (sumIf(t.accepted, t.bucket_start >= i.from_t - INTERVAL 1 WEEK AND t.bucket_start < i.to_t - INTERVAL 1 WEEK)
        + sumIf(t.accepted, t.bucket_start >= i.from_t - INTERVAL 2 WEEK AND t.bucket_start < i.to_t - INTERVAL 2 WEEK)
        + sumIf(t.accepted, t.bucket_start >= i.from_t - INTERVAL 3 WEEK AND t.bucket_start < i.to_t - INTERVAL 3 WEEK)
        + sumIf(t.accepted, t.bucket_start >= i.from_t - INTERVAL 4 WEEK AND t.bucket_start < i.to_t - INTERVAL 4 WEEK)) / 4 AS baseline,
       if(baseline > 0, actual / baseline, NULL) AS ratio
FROM incidents AS i
LEFT JOIN (SELECT * FROM dws_throughput_minute FINAL) AS t ON t.center_id = i.center_id AND t.department_id = i.department_id
GROUP BY i.center_id, i.incident_id, i.department_id, i.from_t, i.to_t;

-- DWS: 事后补录 per incident and affected department: cases accepted during the incident (business time) and entered
-- into the system more than 15 minutes later, how late, and — against the paper register (PAPER_REGISTERED facts) —
-- how many are still missing per department.
CREATE VIEW IF NOT EXISTS dws_incident_backfill AS
WITH incidents AS
(
    SELECT center_id, incident_id, department_id,
           coalesce(least(onset, detected), onset, detected) AS from_t,
           coalesce(restored_at, closed_at, now64(3)) AS to_t
    FROM dwd_incident FINAL
    ARRAY JOIN department_ids AS department_id
    WHERE status != 'DISMISSED' AND coalesce(onset, detected) IS NOT NULL
),
registered AS
(
    SELECT center_id, incident_id, sum(paper_cases) AS paper_cases
    FROM
    (
        SELECT center_id, incident_id, window_ids[1] AS window_id, argMax(paper_cases, at) AS paper_cases
        FROM dwd_incident_fact FINAL
        WHERE fact_type = 'PAPER_REGISTERED'
        GROUP BY center_id, incident_id, window_id
    )
    GROUP BY center_id, incident_id
)
SELECT i.center_id AS center_id, i.incident_id AS incident_id, i.department_id AS department_id, i.from_t AS from_t, i.to_t AS to_t,
       uniqExactIf(e.case_id, e.business_time >= i.from_t AND e.business_time < i.to_t) AS in_scope,
       uniqExactIf(e.case_id, e.business_time >= i.from_t AND e.business_time < i.to_t
                   AND dateDiff('millisecond', e.business_time, e.source_commit_time) > 15 * 60 * 1000) AS backfilled,
       maxIf(dateDiff('millisecond', e.business_time, e.source_commit_time), e.business_time >= i.from_t AND e.business_time < i.to_t)
           AS lateness_max_ms,
       any(r.paper_cases) AS paper_registered
FROM incidents AS i
LEFT JOIN (SELECT case_id, center_id, department_id, business_time, source_commit_time FROM ods_case_event FINAL WHERE event_type = 'ACCEPTED') AS e
    ON e.center_id = i.center_id AND e.department_id = i.department_id
LEFT JOIN registered AS r ON r.center_id = i.center_id AND r.incident_id = i.incident_id
GROUP BY i.center_id, i.incident_id, i.department_id, i.from_t, i.to_t;
