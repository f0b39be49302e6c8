-- 市场监管局 行政审批系统 (source "lc"), modelled on 浪潮 icity: one index row per case (business_index),
-- updated in place as the case moves on, plus one row per workflow step (business_step).
-- Field names follow the national exchange spec abbreviations (DOMAIN.md §5.3).
CREATE SCHEMA IF NOT EXISTS approval;

CREATE TABLE IF NOT EXISTS approval.business_index (
    sblsh     varchar(40) PRIMARY KEY,   -- 申办流水号
    sxbm      varchar(64) NOT NULL,      -- 事项编码
    sxmc      varchar(200),              -- 事项名称
    bjlx      varchar(4),                -- 办件类型: JB 即办 CN 承诺 LB 联办 SB 上报 TB 退办 BB 补办 JJ 急办
    sjdwdm    varchar(32),               -- 收件单位代码
    xbdw      varchar(200),              -- 协办单位 (联办件), comma separated
    ckbh      varchar(16),               -- 窗口编号
    sqrmc     varchar(100),              -- 申请人名称
    sqrzjhm   varchar(32),               -- 申请人证件号码 (personal data: hashed at mapping)
    lxrsj     varchar(20),               -- 联系人手机 (personal data: masked at mapping)
    sbsj      timestamp(3),              -- 申办时间
    slsj      timestamp(3),              -- 受理时间
    slztdm    smallint,                  -- 受理状态: 1 受理 2 不受理
    bslyy     varchar(200),              -- 不受理原因
    cnsx      integer,                   -- 承诺时限
    cnsxdw    char(1),                   -- 承诺时限单位: G 工作日 Z 自然日 J 即办
    fdsx      integer,                   -- 法定时限
    fdsxdw    char(1),
    bzgzsj    timestamp(3),              -- 补正告知时间 (latest round)
    bzgzyy    varchar(200),              -- 补正告知原因
    bzsj      timestamp(3),              -- 补正材料收到时间
    tbcxksrq  timestamp(3),              -- 特别程序开始
    tbcxqdly  varchar(100),              -- 特别程序种类/理由 (听证/检验/专家评审…)
    tbcxjsrq  timestamp(3),              -- 特别程序结束
    bjsj      timestamp(3),              -- 办结时间
    bjjgdm    smallint,                  -- 办结结果: 0 出证办结 1 退回办结 2 作废办结 3 删除办结 4 转报办结 5 补正超时驳回 6 办结
    lqsj      timestamp(3),              -- 领取时间
    update_time timestamp(3) NOT NULL DEFAULT now()
);
ALTER TABLE approval.business_index REPLICA IDENTITY FULL;

CREATE TABLE IF NOT EXISTS approval.business_step (
    hjslbs    varchar(40) PRIMARY KEY,   -- 环节实例标识
    sblsh     varchar(40) NOT NULL,      -- 申办流水号
    hjdm      varchar(8),                -- 环节代码: 1 承办 2 审核 3 批准
    hjmc      varchar(50),               -- 环节名称
    blr       varchar(50),               -- 办理人
    kssj      timestamp(3),              -- 开始时间
    jssj      timestamp(3),              -- 结束时间
    blyj      varchar(200)               -- 办理意见
);
ALTER TABLE approval.business_step REPLICA IDENTITY FULL;
CREATE INDEX IF NOT EXISTS business_step_sblsh ON approval.business_step (sblsh);
