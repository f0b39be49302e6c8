package cn.xiaoneng.alerting.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * One row of the audit trail (V007 {@code alert_delivery_audit}): who was told what, when, through which channel, and
 * every attempt, failure, dead letter, suppression and acknowledgement. {@code auditId} is derived from the content,
 * so a row written twice (at-least-once loading) is the same row.
 */
public record AuditEvent(String auditId, long at, Type event, String centerId, List<String> cardIds, List<String> caseIds,
        List<String> kinds, String receiverId, String channel, String target, String notificationId, int attempt,
        String detail, String actor, String message) {

    public enum Type {
        /** A card was routed: detail lists the planned receivers. */
        ROUTED,
        /** A card id and status seen before (replay, restart, at-least-once producer): dropped. */
        DUPLICATE,
        /** The producer withdrew the card. */
        RETRACTED,
        /** Held back by a silence (detail: its id) or an inhibition (detail: rule and card). */
        SILENCED, INHIBITED,
        /** A receiver's next message waits: its rate limit is reached. */
        RATE_LIMITED,
        /** A grouped message was handed to delivery. */
        NOTIFIED,
        /** One failed attempt on one channel; a retry follows. */
        ATTEMPT_FAILED,
        /** Accepted by the channel (HTTP 2xx and, for robots, errcode 0; SMTP accepted). */
        DELIVERED,
        /** The retry budget is spent: the message went to the channel's dead letter. */
        DEAD_LETTERED,
        /** Someone acknowledged the card: escalation and repeats stop. */
        ACKNOWLEDGED,
        /**
         * A directory receiver found nobody for the card (holder not in the directory, no window lead, no phone): detail
         * says why and who is told instead (the next step at once, or the receiver's fallback).
         */
        UNRESOLVED,
        /** A silence was created over the API (detail: id, comment, period, receivers; actor: who). */
        SILENCE_CREATED,
        /** An API silence was ended early (actor: who); what it held goes out at once. */
        SILENCE_EXPIRED
    }

    public static AuditEvent of(long at, Type event, String centerId, List<String> cardIds, List<String> caseIds,
            List<String> kinds, String receiverId, String channel, String target, String notificationId, int attempt,
            String detail, String actor, String message) {
        String material = at + "|" + event + "|" + cardIds + "|" + receiverId + "|" + channel + "|" + notificationId + "|"
                + attempt + "|" + detail + "|" + actor;
        String id = UUID.nameUUIDFromBytes(material.getBytes(StandardCharsets.UTF_8)).toString();
        return new AuditEvent(id, at, event, centerId, List.copyOf(cardIds), List.copyOf(caseIds), List.copyOf(kinds),
                receiverId, channel, target, notificationId, attempt, detail, actor, message);
    }
}
