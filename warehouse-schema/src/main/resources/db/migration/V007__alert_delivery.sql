-- The alert router's audit trail (alerting module, issue 5): who was told what, when, through which channel — every
-- routing decision, suppression (silence, inhibition, rate limit), grouped message, attempt, failure, dead letter,
-- delivery and acknowledgement. The supervisory body traces responsibility (6.6.7 责任追究) on these rows, next to
-- the cards themselves in dwd_deadline_card. Design: docs/alerting.md.
--
-- The router writes each row first to the Kafka topic xn.alerting.audit (in the same flush as its delivery state),
-- and its audit loader copies that topic here at least once; audit_id is derived from the row's content, so a row
-- loaded twice is one row after merges (read with FINAL for exact counts).
CREATE TABLE IF NOT EXISTS alert_delivery_audit
(
    audit_id         String COMMENT 'UUID derived from the content of the row',
    event_time       DateTime64(3, 'Asia/Shanghai') COMMENT 'router clock when it happened',
    event            LowCardinality(String) COMMENT 'ROUTED, DUPLICATE, RETRACTED, SILENCED, INHIBITED, RATE_LIMITED, NOTIFIED, ATTEMPT_FAILED, DELIVERED, DEAD_LETTERED, ACKNOWLEDGED',
    center_id        LowCardinality(String),
    card_ids         Array(String) COMMENT 'cards concerned (a grouped message lists several)',
    subjects         Array(String) COMMENT 'case numbers (or incident ids) of those cards',
    kinds            Array(LowCardinality(String)) COMMENT 'card kinds: WARNING, YELLOW, RED, …, INCIDENT_RAISED, …',
    receiver_id      String COMMENT 'receiver as named in receivers.yaml; empty for card-level events',
    channel          LowCardinality(String) COMMENT 'webhook, dingtalk, wecom, email, sms; empty before delivery',
    target           String COMMENT 'where: URL without query, email addresses, masked phone numbers; never a secret',
    notification_id  String COMMENT 'the message''s idempotency key <receiver>:<seq>, the same on every attempt and resend',
    attempt          UInt16 COMMENT 'attempt number for ATTEMPT_FAILED, DELIVERED, DEAD_LETTERED',
    detail           String COMMENT 'route and plan, suppression reason, error, or how an acknowledgement came in',
    actor            String COMMENT 'who acknowledged',
    message          String COMMENT 'for DELIVERED: exactly what the channel was sent'
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(event_time)
ORDER BY (center_id, event_time, audit_id)
TTL toDateTime(event_time) + INTERVAL 5 YEAR
COMMENT 'Audit trail of alert delivery to supervisory bodies (issue 5): evidence for 责任追究';
