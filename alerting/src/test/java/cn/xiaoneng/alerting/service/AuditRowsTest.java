package cn.xiaoneng.alerting.service;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.alerting.engine.AuditEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditRowsTest {
    @Test
    void anAuditRowIsOneJsonEachRowLineWithEveryColumn() throws Exception {
        AuditEvent e = AuditEvent.of(1_772_413_200_000L, AuditEvent.Type.DELIVERED, "hn-cs-zwzx", List.of("c1", "c2"),
                List.of("LC1"), List.of("YELLOW"), "holder@scjg-lina", "sms", "138****0002", "holder@scjg-lina:1", 1, null,
                null, "【效能监察】黄牌1共1张：\"引号\"\n换行");
        byte[] row = AuditRows.encode(e);
        assertThat(new String(row, StandardCharsets.UTF_8)).doesNotContain("\n");
        JsonNode n = new ObjectMapper().readTree(row);
        assertThat(n.path("event").asText()).isEqualTo("DELIVERED");
        assertThat(n.path("event_time").asText()).isEqualTo("2026-03-02T09:00:00+08:00");
        assertThat(n.path("card_ids")).hasSize(2);
        assertThat(n.path("attempt").asInt()).isEqualTo(1);
        assertThat(n.path("detail").asText()).isEmpty();
        assertThat(n.path("message").asText()).isEqualTo("【效能监察】黄牌1共1张：\"引号\"\n换行");
        assertThat(n.fieldNames()).toIterable().containsExactly("audit_id", "event_time", "event", "center_id", "card_ids",
                "subjects", "kinds", "receiver_id", "channel", "target", "notification_id", "attempt", "detail", "actor", "message");
    }

    @Test
    void aHugeMessageIsKeptAsItsStartLengthAndHash() {
        String small = "短消息";
        assertThat(AlertRouterService.auditable(small)).isSameAs(small);
        String huge = "卡".repeat(AlertRouterService.AUDIT_MESSAGE_CHARS + 10);
        String kept = AlertRouterService.auditable(huge);
        assertThat(kept).startsWith("卡".repeat(1000)).contains("[truncated: " + huge.length() + " characters, "
                + huge.getBytes(StandardCharsets.UTF_8).length + " bytes UTF-8, sha256 ");
        assertThat(kept.length()).isLessThan(AlertRouterService.AUDIT_MESSAGE_CHARS + 200);
    }
}
