package cn.xiaoneng.alerting.delivery;

import static cn.xiaoneng.alerting.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xiaoneng.alerting.bench.LocalWebhookReceiver;
import cn.xiaoneng.alerting.config.ChannelConfig;
import cn.xiaoneng.alerting.config.Secret;
import cn.xiaoneng.alerting.config.SmsGateway;
import cn.xiaoneng.alerting.engine.Item;
import cn.xiaoneng.alerting.engine.Notification;
import cn.xiaoneng.alerting.message.Message;
import cn.xiaoneng.alerting.message.MessageRenderer;
import cn.xiaoneng.deadline.engine.CardKind;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each HTTP channel against a real local HTTP server. */
class ChannelsITCase {
    private final LocalWebhookReceiver server = newServer();

    private static LocalWebhookReceiver newServer() {
        try {
            return new LocalWebhookReceiver("hook-secret");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Message message() {
        Notification n = new Notification();
        n.id = "scjg-leader:3";
        n.receiverId = "scjg-leader";
        n.createdAt = MON_0900;
        Item i = new Item();
        i.type = Item.Type.NEW;
        i.alert = raised(CardKind.RED, "LC20260213000001", MON_0900);
        i.cardId = i.alert.cardId();
        n.items.add(i);
        return new MessageRenderer(centerConfig(), null).render(n, MON_0900);
    }

    @Test
    void aWebhookIsSignedAndCarriesItsIdempotencyKey() throws Exception {
        new WebhookChannel(new ChannelConfig.Webhook(server.url("/hook"), Secret.of("hook-secret")), () -> MON_0900).send(message());
        assertThat(server.badSignatures()).isZero();
        assertThat(server.accepted("/hook")).singleElement().satisfies(r -> {
            assertThat(r.idempotencyKey()).isEqualTo("scjg-leader:3");
            assertThat(r.json().path("cards").get(0).path("label").asText()).isEqualTo("红牌");
        });
    }

    @Test
    void aWebhookSignedWithAnotherSecretIsRefusedByTheReceiver() {
        assertThatThrownBy(() -> new WebhookChannel(new ChannelConfig.Webhook(server.url("/hook"), Secret.of("wrong")),
                () -> MON_0900).send(message())).isInstanceOf(DeliveryException.class).hasMessage("HTTP 401 from " + server.url("/hook"));
    }

    @Test
    void aRobotFailureNamesTheUrlWithoutItsToken() {
        server.setDown(true);
        assertThatThrownBy(() -> new RobotChannel(new ChannelConfig.DingTalk(server.url("/robot/send"), Secret.of("tok-123"),
                Secret.of("sign-secret")), () -> MON_0900).send(message()))
                .hasMessage("HTTP 503 from " + server.url("/robot/send")).hasMessageNotContaining("tok-123");
    }

    @Test
    void aDingTalkSignatureFollowsTheRobotsRule() {
        // timestamp + "\n" + secret, HmacSHA256 with the secret, base64, URL-encoded
        assertThat(RobotChannel.dingTalkSign("SEC123", 1_700_000_000_000L))
                .isEqualTo(java.net.URLEncoder.encode(java.util.Base64.getEncoder().encodeToString(
                        cn.xiaoneng.alerting.message.Hmac.sha256("SEC123", "1700000000000\nSEC123")), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void anSmsGoesToEveryPhoneThroughTheGatewaysTemplate() throws Exception {
        SmsGateway gw = new SmsGateway(server.url("/sms"), "application/json",
                "{\"phone\":\"{phone}\",\"content\":\"{text}\",\"clientMsgId\":\"{idempotencyKey}\"}", "【效能监察】{labels}：{first}",
                "X-Api-Key", Secret.of("k"));
        String sent = new SmsChannel(new ChannelConfig.Sms(List.of("13800000000", "13900000000")), gw).send(message());
        assertThat(sent).isEqualTo("【效能监察】红牌1：红牌 LC20260213000001 食品经营许可 超期3.0工作日");
        assertThat(server.accepted("/sms")).extracting(r -> r.json().path("phone").asText()).containsExactly("13800000000", "13900000000");
        assertThat(server.accepted("/sms").get(0).json().path("clientMsgId").asText()).isEqualTo("scjg-leader:3/13800000000");
        assertThat(new ChannelConfig.Sms(List.of("13800000000")).target()).isEqualTo("138****0000");
    }
}
