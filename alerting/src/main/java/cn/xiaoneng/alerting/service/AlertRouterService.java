package cn.xiaoneng.alerting.service;

import cn.xiaoneng.alerting.alert.Alert;
import cn.xiaoneng.alerting.alert.AlertParser;
import cn.xiaoneng.alerting.config.ChannelConfig;
import cn.xiaoneng.alerting.config.Receiver;
import cn.xiaoneng.alerting.config.RoutingConfig;
import cn.xiaoneng.alerting.config.RoutingConfigLoader;
import cn.xiaoneng.alerting.config.Silence;
import cn.xiaoneng.alerting.delivery.Channel;
import cn.xiaoneng.alerting.delivery.Channels;
import cn.xiaoneng.alerting.delivery.DeliveryException;
import cn.xiaoneng.alerting.engine.AlertEngine;
import cn.xiaoneng.alerting.engine.AuditEvent;
import cn.xiaoneng.alerting.engine.Delivery;
import cn.xiaoneng.alerting.message.AckLinks;
import cn.xiaoneng.alerting.message.Message;
import cn.xiaoneng.alerting.message.MessageRenderer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert router as a service: the wiring around {@link AlertEngine}, which holds all the logic.
 *
 * <p>One engine thread owns the engine. Each turn it polls the card topics, applies acknowledgements and delivery
 * results handed over by other threads, ticks the engine, then writes the changed state entries to the compacted
 * state topic, the audit rows to the audit topic, dead letters, and the consumed input offsets in <em>one Kafka
 * transaction</em>, and only after its commit hands due outbox entries to the sender pool. So nothing is sent that the
 * state topic does not know was due, and input is committed exactly with its effects. A crash between a send and the
 * commit of its result resends that one message after the restart, with the same idempotency key (the unavoidable
 * window of at-least-once delivery; receivers drop keys they have seen).
 *
 * <p>One instance is active ({@link RouterLease}); others wait for the lease. The transactional id is the same for all
 * instances, so the one that takes over fences the previous one: a router that lost the lease without noticing (a long
 * pause) fails at its next commit and sends nothing more.
 */
public final class AlertRouterService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertRouterService.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long MAX_POLL_MS = 100;
    /**
     * A backlog is applied in micro-batches of up to this many records or this long, each one transaction: a commit
     * costs a few round trips to the broker whatever its size. A trickle of live cards is not held back (the batch
     * ends when a poll comes back empty).
     */
    private static final int BATCH_RECORDS = 10_000;
    private static final long BATCH_NANOS = 100_000_000L;
    private static final int DEAD_LETTER_CARDS = 50;
    /** Of a message as sent, the audit row keeps this much (and the length and SHA-256 of the whole). */
    static final int AUDIT_MESSAGE_CHARS = 256 * 1024;

    private final AlertingOptions options;
    private final LongSupplier clock;
    private volatile RoutingConfig config;
    private final AlertEngine engine;
    private final AlertParser parser = new AlertParser();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaStateStore store;
    private final RouterLease lease;
    /** Input offsets applied this turn, committed in the turn's transaction with its state. */
    private final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    private boolean inTransaction;
    private final ExecutorService senders;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
    private final AckLinks ackLinks;
    private final AckServer http;
    private final AuditLoader auditLoader;
    private final Thread engineThread;
    private final Thread auditThread;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private long silencesModified;
    private long lastSilenceCheck;
    /** Counters for the benchmark and health: card records applied, messages delivered. */
    public final AtomicLong cardsApplied = new AtomicLong();
    public final AtomicLong deliveries = new AtomicLong();

    private record Result(String deliveryId, boolean ok, String text, Delivery delivery) {}

    private AlertRouterService(AlertingOptions options, RoutingConfig config, LongSupplier clock) throws Exception {
        this.options = options;
        this.clock = clock;
        this.config = config;
        this.store = new KafkaStateStore(options.kafkaBootstrap, options.stateTopic);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafkaBootstrap))) {
            store.ensureTopic(admin);
            KafkaStateStore.ensureAuditTopic(admin, options.auditTopic);
        }
        // One active router (docs/alerting.md, "One active router"): wait for the lease, then fence whoever held it
        // before reading the state, so that nothing the old one might still write can follow what we read.
        this.lease = new RouterLease(options.kafkaBootstrap, options.groupId, options.stateTopic, options.leaseTimeout);
        lease.acquire(() -> LOG.info("alert router: another instance holds the lease of group {}.lease; standing by",
                options.groupId));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafkaBootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, options.transactionalId());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(KafkaStateStore.MAX_RECORD_BYTES));
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        LOG.info("alert router: holds the lease; transactional id {} (any earlier holder is fenced)", options.transactionalId());
        Map<String, byte[]> state = store.load();
        this.engine = AlertEngine.restore(config, state);
        LOG.info("alert router: restored {} state entries ({} cards, {} messages in the outbox) from {}", state.size(),
                engine.alertCount(), engine.outbox().size(), options.stateTopic);
        engine.restoreWarnings().forEach(w -> LOG.warn("alert router: {}", w));
        Path silences = options.routingDir.resolve(RoutingConfigLoader.SILENCES);
        this.silencesModified = Files.exists(silences) ? Files.getLastModifiedTime(silences).toMillis() : 0;

        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafkaBootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, options.groupId);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        this.consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.senders = Executors.newFixedThreadPool(options.senders, r -> {
            Thread t = new Thread(r, "alert-sender");
            t.setDaemon(true);
            return t;
        });
        this.ackLinks = new AckLinks(options.publicUrl, options.ackSecret, options.ackValidity.toSeconds());
        this.http = new AckServer(this, ackLinks, options.apiToken, clock);
        this.auditLoader = options.clickHouse == null ? null
                : new AuditLoader(options.kafkaBootstrap, options.groupId, options.auditTopic, options.clickHouse);
        this.engineThread = new Thread(this::loop, "alert-router");
        this.auditThread = auditLoader == null ? null : new Thread(auditLoader, "alert-audit-loader");
    }

    /** Loads and validates the routing files, restores the state, starts consuming, sending and serving HTTP. */
    public static AlertRouterService start(AlertingOptions options, LongSupplier clock) throws Exception {
        RoutingConfig config = new RoutingConfigLoader().load(options.routingDir);
        return start(options, config, clock);
    }

    public static AlertRouterService start(AlertingOptions options, RoutingConfig config, LongSupplier clock) throws Exception {
        AlertRouterService s = new AlertRouterService(options, config, clock);
        s.http.start(options.httpPort);
        s.consumer.subscribe(options.inputTopics);
        s.engineThread.start();
        if (s.auditThread != null) {
            s.auditThread.start();
        }
        return s;
    }

    public int httpPort() {
        return http.port();
    }

    public boolean isHealthy() {
        return running && failure == null && engineThread.isAlive();
    }

    /** Runs {@code f} on the engine thread (acknowledgements, queries, dry runs) and returns its result. */
    public <T> CompletableFuture<T> onEngine(Function<AlertEngine, T> f) {
        CompletableFuture<T> result = new CompletableFuture<>();
        commands.add(() -> {
            try {
                result.complete(f.apply(engine));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    public CompletableFuture<AlertEngine.AckOutcome> ack(String cardId, String by, String via) {
        return onEngine(e -> e.ack(cardId, by, via, clock.getAsLong()));
    }

    public RoutingConfig config() {
        return config;
    }

    private void loop() {
        try {
            while (running) {
                if (!lease.keep()) {
                    throw new IllegalStateException("lost the lease of group " + options.groupId + ".lease (this loop stalled "
                            + "longer than " + options.leaseTimeout + ", or the broker moved it): another router takes over");
                }
                long now = clock.getAsLong();
                Long wake = engine.nextWakeUp();
                long timeout = results.isEmpty() && commands.isEmpty()
                        ? (wake == null ? MAX_POLL_MS : Math.max(0, Math.min(MAX_POLL_MS, wake - now))) : 0;
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(timeout));
                now = clock.getAsLong();
                int consumed = records.count();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    apply(r, now);
                }
                // Micro-batch a backlog: one state flush and one offset commit per batch, not per poll.
                long batchEnd = System.nanoTime() + BATCH_NANOS;
                while (!records.isEmpty() && consumed < BATCH_RECORDS && System.nanoTime() < batchEnd) {
                    records = consumer.poll(Duration.ofMillis(5));
                    consumed += records.count();
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        apply(r, now);
                    }
                }
                Runnable cmd;
                while ((cmd = commands.poll()) != null) {
                    cmd.run();
                }
                Result res;
                while ((res = results.poll()) != null) {
                    if (res.ok) {
                        engine.onDelivered(res.deliveryId, now, res.text);
                        deliveries.incrementAndGet();
                    } else {
                        Delivery dead = engine.onDeliveryFailed(res.deliveryId, now, res.text);
                        if (dead != null) {
                            deadLetter(dead);
                        }
                    }
                }
                reloadSilences(now);
                engine.tick(now);
                persist();
                if (!offsets.isEmpty()) {
                    transaction();
                    producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                    offsets.clear();
                }
                if (inTransaction) {
                    // State, audit rows, dead letters and input offsets of this turn, all or nothing. Fenced (another
                    // router took over) or failed: the exception stops this router before it sends anything more.
                    producer.commitTransaction();
                    inTransaction = false;
                }
                for (Delivery d : engine.dueDeliveries(now)) {
                    senders.submit(() -> send(d));
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // closing
        } catch (Throwable t) {
            failure = t;
            LOG.error("alert router stopped", t);
        }
    }

    /** Begins the turn's transaction before its first write. */
    private void transaction() {
        if (!inTransaction) {
            producer.beginTransaction();
            inTransaction = true;
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> r, long now) {
        offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        Alert a;
        try {
            a = parser.parse(r.value());
        } catch (IllegalArgumentException e) {
            LOG.warn("card at {}-{}@{} is not valid, sent to {}: {}", r.topic(), r.partition(), r.offset(),
                    options.deadLetterTopic("input"), e.getMessage());
            transaction();
            producer.send(new ProducerRecord<>(options.deadLetterTopic("input"), r.topic() + "-" + r.partition() + "@" + r.offset(),
                    r.value()));
            return;
        }
        engine.onAlert(a, now);
        cardsApplied.incrementAndGet();
    }

    private void persist() {
        Map<String, byte[]> changes = engine.drainChanges();
        List<AuditEvent> audit = engine.drainAudit();
        if (changes.isEmpty() && audit.isEmpty()) {
            return;
        }
        transaction();
        store.write(producer, changes);
        for (AuditEvent e : audit) {
            producer.send(new ProducerRecord<>(options.auditTopic, e.auditId(), AuditRows.encode(e)));
        }
    }

    private void deadLetter(Delivery d) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("deliveryId", d.id);
        n.put("idempotencyKey", d.notification.id);
        n.put("receiverId", d.notification.receiverId);
        n.put("channel", d.channelType);
        n.put("target", d.target);
        n.put("attempts", d.attempts);
        n.put("lastError", d.lastError);
        n.set("notification", MAPPER.valueToTree(d.notification));
        // The cards' own JSON for the first ones only: a dead letter must stay far below the topic's record limit
        // (a summary of thousands of cards would not), and every card id is in the notification.
        var cards = n.putArray("cards");
        d.notification.items.stream().limit(DEAD_LETTER_CARDS).forEach(i -> cards.add(i.alert.json()));
        n.put("cardsOmitted", Math.max(0, d.notification.items.size() - DEAD_LETTER_CARDS));
        transaction();
        producer.send(new ProducerRecord<>(options.deadLetterTopic(d.channelType), d.id, n.toString().getBytes(
                java.nio.charset.StandardCharsets.UTF_8)));
        LOG.warn("message {} to {} over {} dead-lettered after {} attempts: {}", d.notification.id, d.notification.receiverId,
                d.channelType, d.attempts, d.lastError);
    }

    /** On a sender thread: render, send, hand the result back to the engine thread. */
    private void send(Delivery d) {
        try {
            RoutingConfig cfg = config;
            Receiver r = cfg.receiver(d.notification.receiverId);
            if (r == null || d.channelIndex >= r.channels().size()) {
                results.add(new Result(d.id, false, "receiver or channel no longer configured", d));
                return;
            }
            ChannelConfig cc = r.channels().get(d.channelIndex);
            Channel ch = channels.computeIfAbsent(r.id() + "/" + d.channelIndex, k -> Channels.of(cc, cfg, clock));
            Message m = new MessageRenderer(cfg, ackLinks).render(d.notification, clock.getAsLong());
            String text = ch.send(m);
            results.add(new Result(d.id, true, auditable(text), d));
        } catch (DeliveryException e) {
            results.add(new Result(d.id, false, e.getMessage(), d));
        } catch (RuntimeException e) {
            results.add(new Result(d.id, false, e.getClass().getSimpleName() + ": " + e.getMessage(), d));
        }
    }

    /**
     * What the audit row keeps of a message as sent: all of it up to {@value #AUDIT_MESSAGE_CHARS} characters; beyond,
     * the start, the length and the SHA-256 of the whole (a webhook listing thousands of cards with their JSON would
     * exceed what a Kafka record and a ClickHouse row should carry; the hash still proves what was sent).
     */
    static String auditable(String text) {
        if (text == null || text.length() <= AUDIT_MESSAGE_CHARS) {
            return text;
        }
        byte[] all = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String sha;
        try {
            sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(all));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return text.substring(0, AUDIT_MESSAGE_CHARS) + "\n…[truncated: " + text.length() + " characters, " + all.length
                + " bytes UTF-8, sha256 " + sha + "]";
    }

    private void reloadSilences(long now) {
        if (now - lastSilenceCheck < 2000) {
            return;
        }
        lastSilenceCheck = now;
        Path f = options.routingDir.resolve(RoutingConfigLoader.SILENCES);
        try {
            long modified = Files.exists(f) ? Files.getLastModifiedTime(f).toMillis() : 0;
            if (modified == silencesModified) {
                return;
            }
            List<Silence> silences = new RoutingConfigLoader().loadSilences(options.routingDir, config.receivers());
            silencesModified = modified;
            config = config.withSilences(silences);
            engine.setConfig(config, now);
            LOG.info("silences reloaded from {}: {}", f, silences.stream().map(Silence::id).toList());
        } catch (Exception e) {
            LOG.warn("silences in {} not reloaded (the previous ones stay in force): {}", f, e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            engineThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.stop();
        senders.shutdownNow();
        try {
            senders.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (auditLoader != null) {
            auditLoader.close();
            try {
                auditThread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        consumer.close();
        producer.close(Duration.ofSeconds(5));
        lease.close();
    }
}
