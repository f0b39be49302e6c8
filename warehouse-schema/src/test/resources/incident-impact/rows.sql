-- Rows for IncidentImpactViewsIT, as the incident and throughput jobs and DimensionLoader would write them. Center C.
-- 市场监管局 scjg staffs windows W01 and W02; 人社局 rsj staffs W07. The incident MAIN is a 业务系统故障 at scjg window W01
-- on Tue 2026-03-17 09:30 → restored 10:30. Its baseline weeks (same Tuesday, same minutes) k = 1 … 8 back:
--   k=1 03-10  ordinary, a dismissed false alarm 09:00–11:00 (not an incident: counts)
--   k=2 03-03  ordinary, but scjg had its own outage EARLIER 09:00–09:45: skipped for 09:30–10:00 only
--   k=3 02-24  ordinary; rsj had an outage (OTHER-DEPT) that does not touch scjg
--   k=4 02-17  春节 (dim_work_day REST): skipped
--   k=5 02-10  ordinary; the data start this day at 08:00
--   k=6..8     before the first throughput bucket: unknown, not zero, skipped
-- TOO-EARLY (rsj, Wed 02-11 10:00–11:00) has no week with data before it: no baseline, not a zero one. STILL-OPEN
-- (rsj, from 03-17 09:45, not restored) runs to the business "now": the end of the latest minute bucket, 10:11.
-- Tuesdays other than 02-17, 03-10 and 03-17 have no dim_work_day row: the weekend rule says WORKDAY.
INSERT INTO dim_window (center_id, window_id, department_id, name, first_seen, last_seen) VALUES
('C', 'W01', 'scjg', '1号窗口', '2026-02-10 08:00:00', '2026-03-17 10:40:00'),
('C', 'W02', 'scjg', '', '2026-02-10 08:00:00', '2026-03-17 10:10:00'),
('C', 'W07', 'rsj', '', '2026-02-10 08:00:00', '2026-03-17 09:50:00');

INSERT INTO dim_work_day (center_id, day, working, day_class, label, provisional, calendar_id) VALUES
('C', '2026-02-17', 0, 'REST', '放假 春节', 0, 'china'),
('C', '2026-03-10', 1, 'WORKDAY', '工作日', 0, 'china'),
('C', '2026-03-17', 1, 'WORKDAY', '工作日', 0, 'china');

INSERT INTO dwd_incident (center_id, incident_id, incident_type, level, confirmed, opened_suspected, status, source, rule, onset, detected,
    restored_at, closed_at, department_ids, window_ids, facts, cards_standing, deadlines_missed, rule_version, revision, as_of) VALUES
('C', 'MAIN', 'SYSTEM_FAILURE', 'IV', 1, 0, 'CLOSED', 'OPS_LOG', '', '2026-03-17 09:30:00', '2026-03-17 09:32:00', '2026-03-17 10:30:00',
    '2026-03-17 11:00:00', ['scjg'], ['W01'], 5, 0, 0, 'v1', 5, '2026-03-17 11:00:00'),
('C', 'EARLIER', 'POWER_OUTAGE', 'IV', 1, 0, 'CLOSED', 'OPS_LOG', '', '2026-03-03 09:00:00', NULL, '2026-03-03 09:45:00',
    '2026-03-03 10:00:00', ['scjg'], [], 3, 0, 0, 'v1', 3, '2026-03-03 10:00:00'),
('C', 'FALSE-ALARM', 'SYSTEM_FAILURE', 'IV', 0, 1, 'DISMISSED', 'DETECTOR', 'source-silence', '2026-03-10 09:00:00', '2026-03-10 09:10:00', NULL,
    '2026-03-10 11:00:00', ['scjg'], [], 3, 0, 0, 'v1', 3, '2026-03-10 11:00:00'),
('C', 'OTHER-DEPT', 'SYSTEM_FAILURE', 'IV', 1, 0, 'CLOSED', 'OPS_LOG', '', '2026-02-24 09:00:00', NULL, '2026-02-24 11:00:00',
    '2026-02-24 11:00:00', ['rsj'], [], 3, 0, 0, 'v1', 3, '2026-02-24 11:00:00'),
('C', 'TOO-EARLY', 'SYSTEM_FAILURE', 'IV', 1, 0, 'CLOSED', 'OPS_LOG', '', '2026-02-11 10:00:00', NULL, '2026-02-11 11:00:00',
    '2026-02-11 11:00:00', ['rsj'], [], 3, 0, 0, 'v1', 3, '2026-02-11 11:00:00'),
('C', 'STILL-OPEN', 'POWER_OUTAGE', 'III', 1, 0, 'OPEN', 'OPS_LOG', '', '2026-03-17 09:45:00', NULL, NULL,
    NULL, ['rsj'], [], 2, 0, 0, 'v1', 2, '2026-03-17 10:12:00');

-- Acceptances per minute bucket (the throughput job's rows; only `accepted` matters here).
INSERT INTO dws_throughput_minute (center_id, department_id, window_id, case_kind, bucket_start, accepted, completed, returned, not_accepted,
    withdrawn, supplement_requested, handled, handling_p50_s, handling_p90_s, handling_sum_s, version, emitted_at) VALUES
('C', 'scjg', 'W01', 'IMMEDIATE', '2026-02-10 08:00:00', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, '2026-02-10 08:00:00'),
('C', 'scjg', 'W01', 'IMMEDIATE', '2026-02-10 09:31:00', 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, '2026-02-10 09:31:00'),
('C', 'scjg', 'W01', 'IMMEDIATE', '2026-02-10 10:15:00', 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, '2026-02-10 10:15:00'),
('C', 'scjg', 'W01', 'IMMEDIATE', '2026-02-17 09:31:00', 50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50, '2026-02-17 09:31:00'),
('C', 'scjg', 'W01', 'IMMEDIATE', '2026-02-17 10:01:00', 50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50, '2026-02-17 10:01:00'),
('C', 'scjg', 'W01', 'IMMEDIATE', '2026-02-24 09:30:00', 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, '2026-02-24 09:30:00'),
('C', 'scjg', 'W01', 'IMMEDIATE', '2026-02-24 10:29:00', 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6, '2026-02-24 10:29:00'),
('C', 'scjg', 'W01', 'IMMEDIATE', '2026-03-03 09:40:00', 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100, '2026-03-03 09:40:00'),
('C', 'scjg', 'W01', 'IMMEDIATE', '2026-03-03 10:00:00', 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, '2026-03-03 10:00:00'),
('C', 'scjg', 'W01', 'IMMEDIATE', '2026-03-03 10:30:00', 70, 0, 0, 0, 0, 0, 0, 0, 0, 0, 70, '2026-03-03 10:30:00'),
('C', 'scjg', 'W01', 'IMMEDIATE', '2026-03-10 09:00:00', 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, '2026-03-10 09:00:00'),
('C', 'scjg', 'W01', 'IMMEDIATE', '2026-03-10 09:45:00', 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6, '2026-03-10 09:45:00'),
('C', 'scjg', 'W02', 'COMMITTED', '2026-03-10 09:40:00', 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, '2026-03-10 09:40:00'),
('C', 'scjg', 'W01', 'IMMEDIATE', '2026-03-10 10:20:00', 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, '2026-03-10 10:20:00'),
('C', 'scjg', 'W01', 'IMMEDIATE', '2026-03-17 09:05:00', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, '2026-03-17 09:05:00'),
('C', 'scjg', 'W01', 'IMMEDIATE', '2026-03-17 09:35:00', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, '2026-03-17 09:35:00'),
('C', 'scjg', 'W01', 'IMMEDIATE', '2026-03-17 09:40:00', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, '2026-03-17 09:40:00'),
('C', 'scjg', 'W02', 'COMMITTED', '2026-03-17 10:10:00', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, '2026-03-17 10:10:00'),
('C', 'rsj', 'W07', 'COMMITTED', '2026-03-17 09:50:00', 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9, '2026-03-17 09:50:00');

-- A re-emission of 03-17 09:35 with a lower version in its own part: FINAL keeps the higher one (1, not 7).
INSERT INTO dws_throughput_minute (center_id, department_id, window_id, case_kind, bucket_start, accepted, completed, returned, not_accepted,
    withdrawn, supplement_requested, handled, handling_p50_s, handling_p90_s, handling_sum_s, version, emitted_at) VALUES
('C', 'scjg', 'W01', 'IMMEDIATE', '2026-03-17 09:35:00', 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '2026-03-17 09:35:00');

-- The paper register of W01 (纸质受理登记): 4 at 10:00, corrected to 5 at 10:20 (the latest counts).
INSERT INTO dwd_incident_fact (center_id, incident_id, fact_id, fact_type, fact_label, at, recorded_at, source, rule, incident_type, level,
    confirmed, department_ids, window_ids, reported_by, reported_to, approver, pause_from, pause_to, paper_cases, note, source_position, fact_json) VALUES
('C', 'MAIN', 'ops-1', 'PAPER_REGISTERED', '纸质受理登记', '2026-03-17 10:00:00', '2026-03-17 10:01:00', 'OPS_LOG', '', '', '', NULL, [], ['W01'],
    '', '', '', NULL, NULL, 4, '', '', ''),
('C', 'MAIN', 'ops-2', 'PAPER_REGISTERED', '纸质受理登记', '2026-03-17 10:20:00', '2026-03-17 10:21:00', 'OPS_LOG', '', '', '', NULL, [], ['W01'],
    '', '', '', NULL, NULL, 5, '', '', '');

-- Acceptances of MAIN's interval: c1 typed in at once; c2 (twice: a replay), c3, c4 entered 2 h, 1 h, 4 h late (补录);
-- c5 at W02 and c7 at rsj are not at the incident's window; c6 was accepted after the restoration.
INSERT INTO ods_case_event (event_id, schema_version, case_id, center_id, department_id, department_ids, window_id, event_type, business_time,
    source_commit_time, source_id, source_table, source_position) VALUES
('e1', 1, 'c1', 'C', 'scjg', [], 'W01', 'ACCEPTED', '2026-03-17 09:35:00', '2026-03-17 09:35:10', 'lc', 't', '1'),
('e2', 1, 'c2', 'C', 'scjg', [], 'W01', 'ACCEPTED', '2026-03-17 09:40:00', '2026-03-17 11:40:00', 'lc', 't', '2'),
('e2', 1, 'c2', 'C', 'scjg', [], 'W01', 'ACCEPTED', '2026-03-17 09:40:00', '2026-03-17 11:40:00', 'lc', 't', '2'),
('e3', 1, 'c3', 'C', 'scjg', [], 'W01', 'ACCEPTED', '2026-03-17 09:50:00', '2026-03-17 10:50:00', 'lc', 't', '3'),
('e4', 1, 'c4', 'C', 'scjg', [], 'W01', 'ACCEPTED', '2026-03-17 10:05:00', '2026-03-17 14:05:00', 'lc', 't', '4'),
('e5', 1, 'c5', 'C', 'scjg', [], 'W02', 'ACCEPTED', '2026-03-17 10:10:00', '2026-03-17 12:10:00', 'lc', 't', '5'),
('e6', 1, 'c6', 'C', 'scjg', [], 'W01', 'ACCEPTED', '2026-03-17 10:40:00', '2026-03-17 15:00:00', 'lc', 't', '6'),
('e7', 1, 'c7', 'C', 'rsj', [], 'W07', 'ACCEPTED', '2026-03-17 09:45:00', '2026-03-17 12:00:00', 'xd', 't', '7'),
('e8', 1, 'c1', 'C', 'scjg', [], 'W01', 'COMPLETED', '2026-03-17 09:36:00', '2026-03-17 09:36:10', 'lc', 't', '8');
