package cn.xiaoneng.alerting.message;

import static cn.xiaoneng.alerting.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.alerting.config.ChannelConfig;
import cn.xiaoneng.alerting.config.RoutingConfig;
import cn.xiaoneng.alerting.config.Secret;
import cn.xiaoneng.alerting.delivery.RobotChannel;
import cn.xiaoneng.alerting.delivery.WebhookChannel;
import cn.xiaoneng.alerting.engine.Item;
import cn.xiaoneng.alerting.engine.Notification;
import cn.xiaoneng.deadline.engine.CardKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessagesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final RoutingConfig config = centerConfig();
    private final AckLinks links = new AckLinks("https://xn.example.gov.cn/alerting", Secret.of("ack-key"), 7 * 86_400);
    private final MessageRenderer renderer = new MessageRenderer(config, links);

    private Notification notification(String receiver, Item.Type type, CardKind... kinds) {
        Notification n = new Notification();
        n.id = receiver + ":7";
        n.receiverId = receiver;
        n.createdAt = MON_0900;
        for (int i = 0; i < kinds.length; i++) {
            Item it = new Item();
            it.type = type;
            it.alert = raised(kinds[i], "LC2026021300000" + (i + 1), MON_0900);
            it.cardId = it.alert.cardId();
            it.step = 1;
            n.items.add(it);
        }
        n.summary = kinds.length > config.receiver(receiver).summaryAbove();
        return n;
    }

    @Test
    void aMessageTellsCaseItemHolderDueOverdueClauseVersionAndLinks() {
        Message m = renderer.render(notification("scjg-leader", Item.Type.ESCALATED, CardKind.RED), MON_0900);
        assertThat(m.title()).isEqualTo("【效能监察】红牌 1 张");
        assertThat(m.plain()).contains("致：市场监管局分管领导")
                .contains("【升级·第2级】红牌 · 办件 LC20260213000001 · 食品经营许可")
                .contains("部门：scjg　窗口：W02　经办人：李娜（审核）")
                .contains("到期：2026-02-27 09:00　已超期 3.0 个工作日")
                .contains("依据：6.6.7（规则版本 hn-cs-zwzx/2026.1）")
                .contains("跟踪表：https://xn.example.gov.cn/centers/hn-cs-zwzx/cases/LC20260213000001/tracking")
                .contains("确认收到（停止升级）：https://xn.example.gov.cn/alerting/ack?c=")
                .contains("消息编号 scjg-leader:7");
        assertThat(m.markdown()).contains("**【升级·第2级】红牌 · 办件 LC20260213000001 · 食品经营许可**")
                .contains("[查看跟踪表](https://xn.example.gov.cn/centers/hn-cs-zwzx/cases/LC20260213000001/tracking)");
    }

    @Test
    void theAckLinkIsSignedForItsCardReceiverAndExpiry() {
        String cardId = raised(CardKind.RED, "LC1", MON_0900).cardId();
        String link = links.link(cardId, "scjg-leader", MON_0900);
        String exp = link.replaceAll(".*&e=(\\d+)&.*", "$1");
        String sig = link.replaceAll(".*&s=", "");
        assertThat(links.verify(cardId, "scjg-leader", Long.parseLong(exp), sig, MON_0900)).isTrue();
        assertThat(links.verify(cardId, "jiancha", Long.parseLong(exp), sig, MON_0900)).isFalse();
        assertThat(links.verify(cardId, "scjg-leader", Long.parseLong(exp), sig, MON_0900 + 8L * 86_400_000)).isFalse();
    }

    @Test
    void theWebhookBodyCarriesTheIdempotencyKeyEveryCardAndTheOriginalCardJson() throws Exception {
        Message m = renderer.render(notification("scjg-window", Item.Type.NEW, CardKind.YELLOW, CardKind.WARNING), MON_0900);
        JsonNode body = MAPPER.readTree(WebhookChannel.body(m));
        assertThat(body.path("idempotencyKey").asText()).isEqualTo("scjg-window:7");
        assertThat(body.path("cards")).hasSize(2);
        JsonNode first = body.path("cards").get(0);
        assertThat(first.path("label").asText()).isEqualTo("黄牌");
        assertThat(first.path("card").path("ruleVersion").asText()).isEqualTo("hn-cs-zwzx/2026.1");
        assertThat(first.path("ackUrl").asText()).startsWith("https://xn.example.gov.cn/alerting/ack?");
    }

    @Test
    void robotsGetMarkdownInTheirOwnFormat() throws Exception {
        Message m = renderer.render(notification("scjg-window", Item.Type.NEW, CardKind.YELLOW), MON_0900);
        JsonNode ding = MAPPER.readTree(RobotChannel.body(new ChannelConfig.DingTalk("https://oapi.dingtalk.com/robot/send",
                Secret.of("t"), null), m));
        assertThat(ding.path("msgtype").asText()).isEqualTo("markdown");
        assertThat(ding.path("markdown").path("title").asText()).isEqualTo("【效能监察】黄牌 1 张");
        assertThat(ding.path("markdown").path("text").asText()).contains("黄牌 · 办件 LC20260213000001");
        JsonNode wecom = MAPPER.readTree(RobotChannel.body(new ChannelConfig.WeCom("https://qyapi.weixin.qq.com/cgi-bin/webhook/send",
                Secret.of("k")), m));
        assertThat(wecom.path("markdown").path("content").asText()).contains("黄牌 · 办件 LC20260213000001");
    }

    @Test
    void weComMarkdownIsCutToItsByteLimit() throws Exception {
        CardKind[] many = new CardKind[10];
        java.util.Arrays.fill(many, CardKind.YELLOW);
        Notification n = notification("scjg-window", Item.Type.NEW, many);
        Message m = renderer.render(n, MON_0900);
        String content = MAPPER.readTree(RobotChannel.body(new ChannelConfig.WeCom("https://q", Secret.of("k")), m))
                .path("markdown").path("content").asText();
        assertThat(content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(content).endsWith("（内容过长已截断）");
    }

    @Test
    void aSummaryListsCountsAndTheMostSevereFirst() {
        Notification n = notification("center-office", Item.Type.NEW, CardKind.YELLOW, CardKind.WARNING, CardKind.YELLOW,
                CardKind.WARNING, CardKind.YELLOW, CardKind.WARNING, CardKind.YELLOW);
        Message m = renderer.render(n, MON_0900);
        assertThat(m.summary()).isTrue();
        assertThat(m.title()).isEqualTo("【效能监察】黄牌 4 张、预警 3 张");
        assertThat(m.plain()).contains("卡片较多（共 7 张），以下仅列最严重的 5 张");
        assertThat(m.plain().split("■ ", -1)).hasSize(6);
    }

    @Test
    void aWithdrawalSaysSoAndHasNoAckLink() {
        Message m = renderer.render(notification("scjg-window", Item.Type.RETRACTED, CardKind.YELLOW), MON_0900);
        assertThat(m.title()).isEqualTo("【效能监察】撤销黄牌 1 张");
        assertThat(m.plain()).contains("【已撤销】黄牌").doesNotContain("确认收到");
    }

    @Test
    void theSmsTextFollowsTheGatewaysTemplate() {
        Message m = renderer.render(notification("scjg-window", Item.Type.NEW, CardKind.RED, CardKind.YELLOW), MON_0900);
        assertThat(m.shortText()).startsWith("【效能监察】红牌1、黄牌1共2张：红牌 LC20260213000001 食品经营许可 超期3.0工作日。确认：https://");
    }

    @Test
    void anIncidentMessageGivesLevelConfirmationAndScope() {
        Notification n = new Notification();
        n.id = "center-office:1";
        n.receiverId = "center-office";
        n.createdAt = MON_0900;
        Item it = new Item();
        it.type = Item.Type.NEW;
        it.alert = incident("inc-1", "RAISED", "II", MON_0900, true, List.of("W02"));
        it.cardId = "inc-1";
        n.items.add(it);
        Message m = renderer.render(n, MON_0900);
        assertThat(m.plain()).contains("突发事件 · 事件 INC-20260302-01 · II级（已确认）").contains("概况：大厅停电，窗口系统中断")
                .contains("影响部门：全中心　影响窗口：W02").contains("依据：应急预案 4.2");
    }
}
