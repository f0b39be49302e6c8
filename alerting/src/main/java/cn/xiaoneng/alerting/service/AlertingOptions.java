package cn.xiaoneng.alerting.service;

import cn.xiaoneng.alerting.config.Durations;
import cn.xiaoneng.alerting.config.Secret;
import cn.xiaoneng.model.Topics;
import cn.xiaoneng.warehouse.ClickHouseConnection;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings of the alert router ({@code alerting.properties}). Every key is declared here with its default; an unknown
 * key or a bad value fails at start-up naming the file and the key. Secrets are references ({@code ${env:NAME}},
 * {@code ${file:/path}}), never values.
 */
public final class AlertingOptions {
    public static final String KAFKA_BOOTSTRAP = "kafka.bootstrap.servers";
    public static final String GROUP_ID = "alerting.group.id";
    public static final String INPUT_TOPICS = "alerting.input.topics";
    public static final String STATE_TOPIC = "alerting.state.topic";
    public static final String AUDIT_TOPIC = "alerting.audit.topic";
    public static final String DEAD_LETTER_PREFIX = "alerting.deadletter.topic-prefix";
    public static final String ROUTING_DIR = "alerting.routing.dir";
    public static final String HTTP_PORT = "alerting.http.port";
    public static final String PUBLIC_URL = "alerting.public.url";
    public static final String ACK_SECRET = "alerting.ack.secret";
    public static final String ACK_VALIDITY = "alerting.ack.validity";
    public static final String API_TOKEN = "alerting.api.token";
    public static final String SENDERS = "alerting.senders";
    public static final String AUDIT_CLICKHOUSE = "alerting.audit.clickhouse";
    public static final String LEASE_TIMEOUT = "alerting.lease.timeout";

    /** Issue 4's incident cards. Not in {@code Topics} (the model module belongs to others): move it there when convenient. */
    public static final String INCIDENT_CARDS = "xn.incident.cards";
    public static final String DEFAULT_STATE_TOPIC = "xn.alerting.state";
    public static final String DEFAULT_AUDIT_TOPIC = "xn.alerting.audit";
    public static final String DEFAULT_DEAD_LETTER_PREFIX = "xn.alerting.deadletter.";

    private static final Set<String> KEYS = Set.of(KAFKA_BOOTSTRAP, GROUP_ID, INPUT_TOPICS, STATE_TOPIC, AUDIT_TOPIC,
            DEAD_LETTER_PREFIX, ROUTING_DIR, HTTP_PORT, PUBLIC_URL, ACK_SECRET, ACK_VALIDITY, API_TOKEN, SENDERS,
            AUDIT_CLICKHOUSE, LEASE_TIMEOUT, ClickHouseConnection.KEY_URL, ClickHouseConnection.KEY_USERNAME, ClickHouseConnection.KEY_PASSWORD,
            ClickHouseConnection.KEY_DATABASE);

    public final String kafkaBootstrap;
    public final String groupId;
    public final List<String> inputTopics;
    public final String stateTopic;
    public final String auditTopic;
    public final String deadLetterPrefix;
    public final Path routingDir;
    /** 0 = a free port. */
    public final int httpPort;
    /** Base of the acknowledgement links in messages, as readers reach the router (a reverse proxy in production). */
    public final String publicUrl;
    public final Secret ackSecret;
    public final Duration ackValidity;
    public final Secret apiToken;
    public final int senders;
    /**
     * How long the active router may go without turning its loop (or its process be gone) before a standby takes the
     * lease over ({@link RouterLease}).
     */
    public final Duration leaseTimeout;
    /** Null when the audit loader is off (the benchmark): rows still go to the audit topic. */
    public final ClickHouseConnection clickHouse;

    private AlertingOptions(Properties p, String source, Map<String, String> env) {
        for (String k : p.stringPropertyNames()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException(source + ": unknown key " + k + " (known: " + String.join(", ", new TreeSet<>(KEYS)) + ")");
            }
        }
        kafkaBootstrap = required(p, KAFKA_BOOTSTRAP, source);
        groupId = p.getProperty(GROUP_ID, "xn-alerting").strip();
        inputTopics = List.of(p.getProperty(INPUT_TOPICS, Topics.DEADLINE_CARDS + "," + INCIDENT_CARDS).split("\\s*,\\s*"));
        stateTopic = p.getProperty(STATE_TOPIC, DEFAULT_STATE_TOPIC).strip();
        auditTopic = p.getProperty(AUDIT_TOPIC, DEFAULT_AUDIT_TOPIC).strip();
        deadLetterPrefix = p.getProperty(DEAD_LETTER_PREFIX, DEFAULT_DEAD_LETTER_PREFIX).strip();
        routingDir = Path.of(required(p, ROUTING_DIR, source));
        httpPort = integer(p, HTTP_PORT, 8095, 0, source);
        publicUrl = required(p, PUBLIC_URL, source);
        ackSecret = secret(p, ACK_SECRET, source, env);
        apiToken = secret(p, API_TOKEN, source, env);
        senders = integer(p, SENDERS, 8, 1, source);
        try {
            ackValidity = Durations.parse(p.getProperty(ACK_VALIDITY, "7d"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + ACK_VALIDITY + ": " + e.getMessage());
        }
        try {
            leaseTimeout = Durations.parse(p.getProperty(LEASE_TIMEOUT, "30s"));
            if (leaseTimeout.toMillis() < 6_000) {
                throw new IllegalArgumentException("must be at least 6s (the broker's group.min.session.timeout.ms)");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + LEASE_TIMEOUT + ": " + e.getMessage());
        }
        boolean audit = Boolean.parseBoolean(p.getProperty(AUDIT_CLICKHOUSE, "true").strip());
        clickHouse = audit ? ClickHouseConnection.fromProperties(p, source) : null;
    }

    public static AlertingOptions fromFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
        return new AlertingOptions(p, file.toString(), System.getenv());
    }

    public static AlertingOptions fromMap(Map<String, String> settings, String source, Map<String, String> env) {
        Properties p = new Properties();
        p.putAll(settings);
        return new AlertingOptions(p, source, env);
    }

    /** The router's producer: one id for every instance of the router, so that a new active one fences the old. */
    public String transactionalId() {
        return groupId + ".router";
    }

    public String deadLetterTopic(String channelType) {
        return deadLetterPrefix + channelType;
    }

    private static String required(Properties p, String key, String source) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(source + ": " + key + " is required");
        }
        return v.strip();
    }

    private static int integer(Properties p, String key, int fallback, int min, String source) {
        String v = p.getProperty(key);
        if (v == null) {
            return fallback;
        }
        try {
            int i = Integer.parseInt(v.strip());
            if (i < min) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": " + key + " must be a whole number ≥ " + min + ", got " + v);
        }
    }

    private static Secret secret(Properties p, String key, String source, Map<String, String> env) {
        try {
            return Secret.resolve(required(p, key, source), env);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + key + ": " + e.getMessage());
        }
    }
}
