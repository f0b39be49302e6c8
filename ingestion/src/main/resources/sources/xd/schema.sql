-- 人力资源和社会保障局 政务服务系统 (source "xd"), modelled on 国泰新点 (Epoint) AuditProject: the case row's
-- status code is updated in place (DOMAIN.md §5.4); pauses live in audit_project_unusual; every status
-- change is also written to the operation log audit_project_operation (not captured: it is the audit truth).
CREATE TABLE IF NOT EXISTS audit_project (
    rowguid          varchar(50) PRIMARY KEY,
    flowsn           varchar(50) NOT NULL UNIQUE,  -- 办件编号
    task_code        varchar(64) NOT NULL,         -- 事项编码
    projectname      varchar(200),
    project_type     int,                          -- 办件类型 1 即办 2 承诺 3 联办 4 上报 5 退办 6 补办 7 急办
    ouguid           varchar(50),                  -- 部门
    windowguid       varchar(50),                  -- 窗口
    centerguid       varchar(50),
    applyername      varchar(100),
    certnum          varchar(32),                  -- 证件号 (hashed at mapping)
    contactmobile    varchar(20),                  -- 手机 (masked at mapping)
    applydate        datetime(3),                  -- 申报
    receivedate      datetime(3),                  -- 接件
    acceptuserdate   datetime(3),                  -- 受理
    promise_day      int,                          -- 承诺天数
    promise_type     int,                          -- 1 工作日 0 自然日 2 即办
    legal_day        int,
    legal_type       int,                          -- 法定时限单位 1 工作日 0 自然日
    bubandate        datetime(3),                  -- 补办(补正)告知
    bubanfinishdate  datetime(3),                  -- 补办完成
    banjiedate       datetime(3),                  -- 办结
    banjieresult     int,                          -- 1 许可 2 不予许可
    handleusername   varchar(50),                  -- 当前经办人
    status           int NOT NULL,                 -- 12 外网申报已提交 … 30 已受理 … 90 正常办结 (see mapping)
    is_pause         tinyint NOT NULL DEFAULT 0,
    operatedate      datetime(3) NOT NULL
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS audit_project_unusual (
    rowguid          varchar(50) PRIMARY KEY,
    projectguid      varchar(50) NOT NULL,
    flowsn           varchar(50) NOT NULL,
    unusualtype      int NOT NULL,                 -- 1 特别程序 2 补正 3 上报等待 (see mapping)
    reason           varchar(200),
    startdate        datetime(3) NOT NULL,
    enddate          datetime(3),
    operateusername  varchar(50)
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS audit_project_operation (
    rowguid          varchar(50) PRIMARY KEY,
    projectguid      varchar(50) NOT NULL,
    flowsn           varchar(50) NOT NULL,
    status_before    int,
    status_after     int NOT NULL,
    operatedate      datetime(3) NOT NULL,
    operateusername  varchar(50)
) DEFAULT CHARSET = utf8mb4;
