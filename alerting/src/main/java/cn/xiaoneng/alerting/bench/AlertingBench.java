package cn.xiaoneng.alerting.bench;

import cn.xiaoneng.alerting.config.RoutingConfigLoader;
import cn.xiaoneng.alerting.service.AlertRouterService;
import cn.xiaoneng.alerting.service.AlertingOptions;
import cn.xiaoneng.deadline.engine.Card;
import cn.xiaoneng.deadline.engine.CardCodec;
import cn.xiaoneng.deadline.engine.CardIds;
import cn.xiaoneng.deadline.engine.CardKind;
import cn.xiaoneng.deadline.engine.CardStatus;
import cn.xiaoneng.deadline.engine.Holder;
import cn.xiaoneng.model.LimitUnit;
import cn.xiaoneng.model.Topics;
import cn.xiaoneng.testsupport.KafkaBroker;
import cn.xiaoneng.testsupport.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Cards/s routed and delivered: a Kafka broker of its own (child process), {@code cards} deadline cards over
 * {@code windows} windows already on the cards topic, one webhook receiver per window on a real local HTTP server
 * (signature checked), and the router started cold. Routed = card records applied by the engine (state and audit
 * flushed to Kafka); delivered = every card id accepted by its receiver. ClickHouse is off (audit rows still go to
 * the audit topic).
 */
public final class AlertingBench {
    private AlertingBench() {}

    public record Result(int cards, int windows, long startMillis, long routeMillis, long deliverMillis, int messages) {
        public String report() {
            return String.format("alerting bench: %,d cards over %d windows, one webhook receiver each; router start-up "
                    + "(state load, group join) %,d ms, not counted below%n"
                    + "routed:    %,d cards in %,d ms = %,.0f cards/s (state and audit written to Kafka)%n"
                    + "delivered: %,d cards in %,d ms = %,.0f cards/s end to end, in %,d signed webhook messages%n",
                    cards, windows, startMillis, cards, routeMillis, cards * 1000.0 / routeMillis, cards, deliverMillis,
                    cards * 1000.0 / deliverMillis, messages);
        }
    }

    public static Result run(int cards, int windows, Path workDir) throws Exception {
        Files.createDirectories(workDir);
        String secret = "bench-secret";
        try (KafkaBroker kafka = KafkaBroker.start(workDir.resolve("kafka"));
                LocalWebhookReceiver hooks = new LocalWebhookReceiver(secret)) {
            Path routing = Files.createDirectories(workDir.resolve("routing"));
            StringBuilder receivers = new StringBuilder("receivers:\n");
            StringBuilder routes = new StringBuilder("defaults: {groupWait: 0s, groupInterval: 200ms, rateLimit: {max: 100000, per: 1h},"
                    + " summaryAbove: 100000}\nescalations:\n");
            StringBuilder tree = new StringBuilder("route:\n  escalation: w1\n  routes:\n");
            for (int w = 1; w <= windows; w++) {
                receivers.append("  w").append(w).append(":\n    label: 窗口").append(w).append("\n    role: WINDOW_LEAD\n")
                        .append("    channels: [{type: webhook, url: \"").append(hooks.url("/hooks/w" + w))
                        .append("\", hmacSecret: \"${env:BENCH_HOOK_SECRET}\"}]\n");
                routes.append("  w").append(w).append(": [{receivers: [w").append(w).append("]}]\n");
                tree.append("    - {match: {window: W").append(w).append("}, escalation: w").append(w).append("}\n");
            }
            receivers.append("  jiancha:\n    label: 监察\n    role: SUPERVISORY\n    channels: [{type: webhook, url: \"")
                    .append(hooks.url("/hooks/jiancha")).append("\", hmacSecret: \"${env:BENCH_HOOK_SECRET}\"}]\n");
            Files.writeString(routing.resolve("receivers.yaml"), receivers);
            Files.writeString(routing.resolve("routes.yaml"), routes + tree.toString()
                    + "always:\n  - {match: {kind: RED}, receivers: [jiancha]}\n");
            Map<String, String> env = Map.of("BENCH_HOOK_SECRET", secret, "BENCH_ACK", "bench-ack", "BENCH_API", "bench-api");

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(Topics.DEADLINE_CARDS, 2, (short) 1))).all().get();
            }
            CardCodec codec = new CardCodec();
            Set<String> ids = ConcurrentHashMap.newKeySet();
            try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, "20"), new StringSerializer(), new ByteArraySerializer())) {
                long t0 = System.currentTimeMillis();
                for (int i = 0; i < cards; i++) {
                    Card c = card(i, windows, t0);
                    ids.add(c.cardId);
                    p.send(new ProducerRecord<>(Topics.DEADLINE_CARDS, c.centerId + "/" + c.caseId, codec.encode(c)));
                }
            }
            Map<String, String> m = new HashMap<>();
            m.put(AlertingOptions.KAFKA_BOOTSTRAP, kafka.bootstrapServers());
            m.put(AlertingOptions.ROUTING_DIR, routing.toString());
            m.put(AlertingOptions.HTTP_PORT, "0");
            m.put(AlertingOptions.PUBLIC_URL, "http://127.0.0.1:8095");
            m.put(AlertingOptions.ACK_SECRET, "${env:BENCH_ACK}");
            m.put(AlertingOptions.API_TOKEN, "${env:BENCH_API}");
            m.put(AlertingOptions.AUDIT_CLICKHOUSE, "false");
            AlertingOptions options = AlertingOptions.fromMap(m, "bench", env);
            long start = System.nanoTime();
            try (AlertRouterService router = AlertRouterService.start(options, new RoutingConfigLoader(env).load(routing),
                    System::currentTimeMillis)) {
                Waits.until("the first card routed", Duration.ofMinutes(2), 5, () -> router.cardsApplied.get() > 0);
                long first = System.nanoTime();
                Waits.until("all cards routed", Duration.ofMinutes(10), 20, () -> router.cardsApplied.get() >= cards);
                long routed = System.nanoTime();
                Waits.until("all cards delivered", Duration.ofMinutes(10), 20, () -> delivered(hooks, ids));
                long delivered = System.nanoTime();
                return new Result(cards, windows, (first - start) / 1_000_000, (routed - first) / 1_000_000,
                        (delivered - first) / 1_000_000, hooks.acceptedCount());
            }
        }
    }

    private static boolean delivered(LocalWebhookReceiver hooks, Set<String> ids) {
        long n = hooks.accepted().stream().filter(r -> !r.path().equals("/hooks/jiancha"))
                .mapToLong(r -> r.json().path("cards").size()).sum();
        return n >= ids.size();
    }

    /** Card {@code i}: one of 预警/黄牌/红牌 for its own case at window W(i mod windows + 1). */
    static Card card(int i, int windows, long now) {
        CardKind kind = switch (i % 3) {
            case 0 -> CardKind.WARNING;
            case 1 -> CardKind.YELLOW;
            default -> CardKind.RED;
        };
        Card c = new Card();
        c.kind = kind;
        c.status = CardStatus.RAISED;
        c.qualifier = kind == CardKind.WARNING ? "remaining<=1WD" : kind == CardKind.YELLOW ? "due" : "due+3WD";
        c.instant = now;
        c.caseId = String.format("BENCH%08d", i);
        c.centerId = "hn-cs-zwzx";
        c.itemCode = "XK-SCJG-001";
        c.itemName = "食品经营许可";
        c.holder = new Holder("scjg", "W" + (i % windows + 1), "李娜", c.caseId + "-1", "审核");
        c.due = now;
        c.measure = LimitUnit.WORKING_DAYS;
        c.remainingMillis = kind == CardKind.RED ? -3 * 86_400_000L : 0L;
        c.ruleVersion = "hn-cs-zwzx/2026.1";
        c.clause = "6.6.7";
        c.cardId = CardIds.of(c.centerId, c.caseId, kind, c.qualifier, now, c.ruleVersion);
        return c;
    }
}
