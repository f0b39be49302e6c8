package cn.xiaoneng.alerting.demo;

import static cn.xiaoneng.alerting.Fixtures.card;
import static cn.xiaoneng.alerting.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.deadline.engine.Card;
import cn.xiaoneng.deadline.engine.CardKind;
import cn.xiaoneng.model.Topics;
import cn.xiaoneng.testsupport.ClickHouseServer;
import cn.xiaoneng.testsupport.KafkaBroker;
import cn.xiaoneng.testsupport.TestDirs;
import cn.xiaoneng.testsupport.Waits;
import cn.xiaoneng.warehouse.ClickHouseConnection;
import cn.xiaoneng.warehouse.Migrator;
import cn.xiaoneng.warehouse.Tables;
import com.clickhouse.client.api.Client;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The demo's router with its generated routing: a card reaches its holder by SMS, a 红牌 监察, and the audit fills. */
class DemoAlertingITCase {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static String inbox(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theDemoRouterTellsTheHolderBySmsAndFillsTheAuditTable() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start(TestDirs.fresh("demo-alerting-kafka"));
                ClickHouseServer ch = ClickHouseServer.start(TestDirs.fresh("demo-alerting-clickhouse"))) {
            ClickHouseConnection warehouse = ClickHouseConnection.builder(ch.httpUrl()).database("demo_alerting").build();
            new Migrator(warehouse).migrate();
            try (DemoAlerting demo = DemoAlerting.start(TestDirs.fresh("demo-alerting"), kafka.bootstrapServers(), warehouse,
                    List.of(new DemoAlerting.Department("scjg", "市场监管局", List.of("W01", "W02"), List.of("张伟", "王芳", "李娜"))));
                    KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                Card yellow = card(CardKind.YELLOW, "LC-DEMO-1", System.currentTimeMillis(), "scjg", "W02", "王芳");
                Card red = card(CardKind.RED, "LC-DEMO-2", System.currentTimeMillis(), "scjg", "W01", "张伟");
                p.send(new ProducerRecord<>(Topics.DEADLINE_CARDS, yellow.caseId, json(yellow)));
                p.send(new ProducerRecord<>(Topics.DEADLINE_CARDS, red.caseId, json(red)));
                p.flush();
                HttpClient http = HttpClient.newHttpClient();
                Waits.until("SMS to both holders and the 红牌 at 监察", WAIT, 100, () -> {
                    String inbox = inbox(http, demo.receiverUrl());
                    return inbox.contains("13800000002") && inbox.contains("LC-DEMO-1") && inbox.contains("13800000001")
                            && inbox.contains("/hooks/jiancha");
                });
                assertThat(http.send(HttpRequest.newBuilder(URI.create(demo.url() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
                Waits.until("the deliveries in ClickHouse", WAIT, 200, () -> {
                    try (Client c = warehouse.newClient()) {
                        return c.queryAll("SELECT count() AS n FROM " + Tables.ALERT_DELIVERY_AUDIT
                                + " FINAL WHERE event = 'DELIVERED'").get(0).getLong("n") >= 3;
                    }
                });
            }
        }
    }
}
