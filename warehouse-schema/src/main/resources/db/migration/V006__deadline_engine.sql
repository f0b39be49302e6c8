-- The commitment-deadline engine's outputs (streaming-jobs, DeadlineJob): cards, each case's clock, and the
-- 跟踪表 step ledger (standard 附录E). People are held responsible on these rows, so every card keeps, besides its
-- columns, the whole card exactly as it was published on Kafka (card_json): facts, rule version and clause.
-- Rules and their clauses: docs/deadline-engine.md.

-- DWD: every card record — RAISED when its instant passed on the engine's clock with the case open, RETRACTED when a
-- fact that arrived later (a completion entered late with its true, earlier time) means the case never reached it.
-- The card id is deterministic (case, kind, qualifier, instant, rule version): a replay or a restore re-emits the same
-- ids, and ReplacingMergeTree keeps one row per (card, status). A card counts while it has no RETRACTED row.
CREATE TABLE IF NOT EXISTS dwd_deadline_card
(
    card_id          String,
    status           LowCardinality(String) COMMENT 'RAISED or RETRACTED',
    kind             LowCardinality(String) COMMENT 'CardKind name: WARNING, YELLOW, RED, STEP_OVERRUN, DEEMED_CONSENT, ABSENCE_DEFAULT',
    kind_label       LowCardinality(String) COMMENT '预警 / 黄牌 / 红牌 / 环节超时 / 超时默许 / 缺席默认',
    qualifier        String COMMENT 'threshold, step or department the card is about; empty when none',
    instant          DateTime64(3, 'Asia/Shanghai') COMMENT 'when the rule says the card falls due',
    center_id        LowCardinality(String),
    case_id          String,
    item_code        String,
    item_name        String,
    case_kind        LowCardinality(String),
    department_id    LowCardinality(String) COMMENT 'holder at the instant: department',
    window_id        String COMMENT 'holder at the instant: 窗口',
    handler          String COMMENT 'holder at the instant: 经办人',
    step_name        String COMMENT 'holder at the instant: 环节',
    due_at           Nullable(DateTime64(3, 'Asia/Shanghai')) COMMENT 'the case''s due instant when the card was computed',
    remaining_ms     Nullable(Int64) COMMENT 'counted time left at the instant; negative = overdue by',
    rule_version     LowCardinality(String),
    clause           String COMMENT 'clause of the standard or article of law behind the rule',
    provisional      UInt8 COMMENT '1 when a date in the count has no published holiday calendar yet',
    card_json        String COMMENT 'the card as published on the cards topic: the evidence',
    emitted_at       DateTime64(3, 'Asia/Shanghai') COMMENT 'the card''s instant: records of one card and status are identical, a replay rewrites the same row'
)
ENGINE = ReplacingMergeTree(emitted_at)
PARTITION BY toYYYYMM(instant)
ORDER BY (center_id, case_id, card_id, status)
COMMENT 'DWD: deadline cards (预警, 黄牌, 红牌, 环节超时, 超时默许, 缺席默认), raised and retracted';

-- DWS: each case's clock as of the engine's latest change to it (one row per case; highest as_of wins).
CREATE TABLE IF NOT EXISTS dws_case_clock
(
    center_id        LowCardinality(String),
    case_id          String,
    item_code        String,
    item_name        String,
    case_kind        LowCardinality(String),
    department_id    LowCardinality(String),
    window_id        String,
    accepted_at      Nullable(DateTime64(3, 'Asia/Shanghai')) COMMENT '受理',
    due_at           Nullable(DateTime64(3, 'Asia/Shanghai')) COMMENT 'due instant after pauses and extensions',
    limit_text       String COMMENT 'e.g. 20WD, 30ND, IMMEDIATE',
    limit_basis      LowCardinality(String) COMMENT 'where the limit came from (committed, legal, default 6.5.4, …)',
    used_ms          Nullable(Int64) COMMENT 'counted time used as of as_of',
    remaining_ms     Nullable(Int64) COMMENT 'counted time left; negative = overdue by',
    steps            UInt16 COMMENT 'rows in the step ledger',
    outcome          LowCardinality(String) COMMENT 'empty while open; ON_TIME, OVERDUE, RETURNED, NOT_ACCEPTED, WITHDRAWN',
    closed_at        Nullable(DateTime64(3, 'Asia/Shanghai')),
    overdue_ms       Int64 COMMENT 'for OVERDUE: counted time past the due instant',
    as_of            DateTime64(3, 'Asia/Shanghai') COMMENT 'engine clock of this row'
)
ENGINE = ReplacingMergeTree(as_of)
ORDER BY (center_id, case_id)
COMMENT 'DWS: current deadline clock of every case (read with FINAL)';

-- DWD: the 跟踪表 (附录E) — each step of each case: who held it, from when to when, counted time against its budget.
CREATE TABLE IF NOT EXISTS dwd_case_step_ledger
(
    center_id        LowCardinality(String),
    case_id          String,
    step_key         String COMMENT 'stable key of the step within the case',
    step_id          String,
    step_name        String COMMENT '环节',
    department_id    LowCardinality(String),
    window_id        String,
    handler          String COMMENT '经办人',
    started_at       DateTime64(3, 'Asia/Shanghai'),
    start_inferred   UInt8 COMMENT '1 when the source reported only the step''s end and the start was taken from the previous step',
    ended_at         Nullable(DateTime64(3, 'Asia/Shanghai')),
    result           String,
    used_ms          Int64 COMMENT 'counted time the step used (pauses excluded)',
    budget           String COMMENT 'the step''s budget from the policy, e.g. 5WD; empty when none',
    budget_ms        Nullable(Int64),
    over_budget_ms   Int64,
    as_of            DateTime64(3, 'Asia/Shanghai')
)
ENGINE = ReplacingMergeTree(as_of)
ORDER BY (center_id, case_id, step_key)
COMMENT 'DWD: 跟踪表 step ledger of every case (read with FINAL)';
