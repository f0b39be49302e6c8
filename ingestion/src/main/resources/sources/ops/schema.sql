-- The center's own operations log (值班日志 / 应急处置记录, issue 4, 附录C): one row per entry of an incident's
-- timeline, appended by the duty officer (值班长) or the hall's duty system. Captured by Debezium like the departmental
-- sources (connectors/opslog.json) and mapped to incident facts (OpsLogMapper; docs/incidents.md, "Operations log").
-- The log is a journal: an entry is never edited or deleted, a correction is a new entry (a LEVEL_CHANGED, a report
-- entered with its true time). Times are local wall-clock times (Asia/Shanghai), as in every departmental system.
CREATE SCHEMA IF NOT EXISTS ops;

CREATE TABLE IF NOT EXISTS ops.incident_log (
    log_id        bigserial PRIMARY KEY,          -- entry number; the fact id is ops-<log_id>
    center_id     varchar(64)  NOT NULL,          -- 政务服务中心
    incident_no   varchar(128) NOT NULL,          -- 事件编号, e.g. GM-20220314-01; a detector's auto-… id to confirm or dismiss
    entry_type    varchar(32)  NOT NULL,          -- ONSET DETECTED VERBAL_REPORT WRITTEN_REPORT FOLLOW_UP_REPORT RESPONSE_STARTED WORKAROUND
                                                  -- SERVICE_RESTORED CLOSED CONFIRMED DISMISSED LEVEL_CHANGED CLOCK_PAUSE_DECLARED
                                                  -- PAPER_REGISTERED NOTE (or the Chinese labels 发生, 发现, 口头报告, …)
    happened_at   timestamp(3) NOT NULL,          -- 发生时间: when it happened (the plan judges this)
    incident_type varchar(32),                    -- ONSET: POWER_OUTAGE SYSTEM_FAILURE … (or 停电, 网络/业务系统故障, …)
    level         varchar(4),                     -- ONSET / LEVEL_CHANGED: I II III IV (or Ⅰ Ⅱ Ⅲ Ⅳ)
    suspected     boolean,                        -- ONSET: true = 疑似, until a CONFIRMED entry
    windows       varchar(400),                   -- affected windows, comma-separated
    departments   varchar(400),                   -- affected departments, comma-separated
    reported_by   varchar(64),                    -- reports: who reported
    reported_to   varchar(128),                   -- reports: to whom
    approver      varchar(64),                    -- CLOCK_PAUSE_DECLARED: who approved the pause (required)
    pause_from    timestamp(3),                   -- CLOCK_PAUSE_DECLARED: paused interval [pause_from, pause_to)
    pause_to      timestamp(3),                   --   no pause_to = until service is restored
    paper_cases   integer,                        -- PAPER_REGISTERED: cases accepted on paper at the one window in windows
    note          text,
    recorded_at   timestamp(3) NOT NULL DEFAULT localtimestamp  -- 登记时间 (the fact's recordedAt is the commit time)
);

ALTER TABLE ops.incident_log REPLICA IDENTITY FULL;
