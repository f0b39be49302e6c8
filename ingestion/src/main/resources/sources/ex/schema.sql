-- 住房和城乡建设局 审批系统 (source "ex"), exchange-table style: the system appends one row per step to a
-- log that mirrors the provincial exchange tables EX_SB, EX_SL, EX_SPCL, EX_BJGZ, EX_BJSL, EX_TBCXSQ,
-- EX_TBCXJG, EX_BJ, EX_LQDJ (DOMAIN.md §5.2). Rows are never updated.
CREATE SCHEMA IF NOT EXISTS exchange;

CREATE TABLE IF NOT EXISTS exchange.ex_step_log (
    id        bigserial PRIMARY KEY,
    sblsh     varchar(40),               -- 申办流水号
    hjslbs    varchar(40),               -- 环节实例标识
    step_table varchar(16) NOT NULL,     -- SB SL SPCL BJGZ BJSL TBCXSQ TBCXJG BJ LQDJ
    sxbm      varchar(64),
    sxmc      varchar(200),
    bjlx      varchar(4),                -- 办件类型 (as in business_index)
    sjdwdm    varchar(32),
    xbdw      varchar(200),
    ckbh      varchar(16),
    sqrzjhm   varchar(32),
    lxrsj     varchar(20),
    hjmc      varchar(50),               -- 环节名称 (SPCL)
    blr       varchar(50),               -- 办理人
    kssj      timestamp(3),              -- 环节开始 (SPCL)
    clsj      timestamp(3) NOT NULL,     -- 处理时间: when the step happened
    jgdm      varchar(8),                -- 结果代码: SL 1/2, BJ as BJJGDM
    cnsx      integer,
    cnsxdw    char(1),
    fdsx      integer,
    fdsxdw    char(1),
    yy        varchar(200),              -- 原因/说明
    push_time timestamp(3) NOT NULL DEFAULT now()
);
ALTER TABLE exchange.ex_step_log REPLICA IDENTITY FULL;
