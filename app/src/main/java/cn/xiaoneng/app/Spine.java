package cn.xiaoneng.app;

import cn.xiaoneng.ingestion.connect.ConnectorConfig;
import cn.xiaoneng.ingestion.mapping.MappingLoader;
import cn.xiaoneng.ingestion.simulator.CaseGenerator;
import cn.xiaoneng.ingestion.simulator.Department;
import cn.xiaoneng.ingestion.simulator.ExWriter;
import cn.xiaoneng.ingestion.simulator.LcWriter;
import cn.xiaoneng.ingestion.simulator.OfficeHours;
import cn.xiaoneng.ingestion.simulator.Simulator;
import cn.xiaoneng.ingestion.simulator.SourceDatabases;
import cn.xiaoneng.ingestion.simulator.SourceWriter;
import cn.xiaoneng.ingestion.simulator.XdWriter;
import cn.xiaoneng.ingestion.simulator.OpsLogWriter;
import cn.xiaoneng.jobs.deadline.DeadlineOptions;
import cn.xiaoneng.jobs.incident.IncidentOptions;
import cn.xiaoneng.jobs.normalize.NormalizationOptions;
import cn.xiaoneng.jobs.spine.SpineOptions;
import cn.xiaoneng.jobs.throughput.ThroughputOptions;
import cn.xiaoneng.model.Times;
import cn.xiaoneng.model.Topics;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import cn.xiaoneng.testsupport.ConnectRestClient;
import cn.xiaoneng.testsupport.LocalPlatform;
import cn.xiaoneng.warehouse.ClickHouseConnection;
import cn.xiaoneng.warehouse.MigrationReport;
import cn.xiaoneng.warehouse.Migrator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first half of the pipeline on a {@link LocalPlatform}: departmental databases prepared for capture, the
 * warehouse migrated, the Debezium connectors registered from their versioned files through Kafka Connect's
 * REST API, and the normalization job's settings. The demo and the end-to-end tests share it, so what the tests
 * prove is what the demo runs.
 */
public final class Spine {
    /** Built-in simulated sources, each with its connector file and mapping file. */
    public static final List<String> SOURCES = MappingLoader.BUILT_IN;
    /** The center the simulated departments belong to (their mapping files say so); its operations log is simulated too. */
    public static final String CENTER = "hn-cs-zwzx";
    /** The operations log's connector file ({@code connectors/opslog.json}). */
    public static final String OPS_LOG_CONNECTOR = "opslog";

    private final LocalPlatform platform;
    private final Path workDir;

    public Spine(LocalPlatform platform, Path workDir) {
        this.platform = platform;
        this.workDir = workDir;
    }

    public LocalPlatform platform() {
        return platform;
    }

    public ClickHouseConnection clickHouse() {
        return ClickHouseConnection.of(platform.clickHouse().httpUrl());
    }

    /** Creates the three departments' databases, their publications and the capture user. */
    public void prepareSources() throws SQLException {
        String pgBase = platform.postgres().jdbcUrl("");
        SourceDatabases.createPostgres(platform.postgres().jdbcUrl("postgres"), pgBase.endsWith("/") ? pgBase + "%s" : pgBase + "/%s",
                platform.postgres().user());
        SourceDatabases.createMariaDb(platform.mariaDb().jdbcUrl(""), platform.mariaDb().user(), platform.mariaDb().password());
    }

    /**
     * Creates only the PostgreSQL departments' databases (lc, ex), their publications and the capture user: for tests
     * that need no MariaDB (xd).
     */
    public void preparePostgresSources() throws SQLException {
        String pgBase = platform.postgres().jdbcUrl("");
        SourceDatabases.createPostgres(platform.postgres().jdbcUrl("postgres"), pgBase.endsWith("/") ? pgBase + "%s" : pgBase + "/%s",
                platform.postgres().user());
    }

    /** Creates the center's operations-log database (issue 4), its publication and the capture user's rights. */
    public void prepareOpsLog() throws SQLException {
        String pgBase = platform.postgres().jdbcUrl("");
        SourceDatabases.createOpsLog(platform.postgres().jdbcUrl("postgres"), pgBase.endsWith("/") ? pgBase + "%s" : pgBase + "/%s",
                platform.postgres().user());
    }

    /** Creates or updates the operations log's connector from its file and waits until it runs. */
    public void registerOpsLogConnector(Duration timeout) {
        ConnectRestClient client = platform.connect().client();
        ConnectorConfig config = ConnectorConfig.builtIn(OPS_LOG_CONNECTOR);
        client.putConnector(config.name(), config.resolve(connectorSettings()));
        client.awaitRunning(config.name(), timeout);
    }

    /** A writer appending to the center's operations log, as its duty system does. */
    public OpsLogWriter opsLogWriter() throws SQLException {
        return new OpsLogWriter(DriverManager.getConnection(platform.postgres().jdbcUrl(SourceDatabases.OPS_DB), platform.postgres().user(), ""),
                Times.CHINA);
    }

    /** Incident-job settings for this platform, with {@code overrides} on top (tests: a plan directory, a faster clock). */
    public IncidentOptions incidentOptions(Duration checkpointInterval, Map<String, String> overrides) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(IncidentOptions.KAFKA_BOOTSTRAP, platform.kafka().bootstrapServers());
        s.put(IncidentOptions.CHECKPOINT_INTERVAL, checkpointInterval.toMillis() + "ms");
        s.put(IncidentOptions.SINK_FLUSH_INTERVAL, "1s");
        s.put(ClickHouseConnection.KEY_URL, platform.clickHouse().httpUrl());
        s.putAll(overrides);
        return IncidentOptions.fromMap(s, "demo settings");
    }

    /**
     * Creates the canonical and dead-letter topics with {@code partitions} partitions (raw topics are created by
     * Kafka Connect from the connector files). Existing topics are left as they are.
     */
    public void createTopics(int partitions) throws Exception {
        createTopics(partitions, Map.of());
    }

    /** As above, with topic configs (e.g. {@code retention.ms=-1} when replaying records with old timestamps). */
    public void createTopics(int partitions, Map<String, String> configs) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka().bootstrapServers()))) {
            java.util.Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> topics = new java.util.ArrayList<>();
            for (String t : List.of(Topics.CASE_EVENTS, Topics.DEAD_LETTER, Topics.DEADLINE_CARDS, Topics.INCIDENT_FACTS, Topics.INCIDENT_CARDS)) {
                if (!existing.contains(t)) {
                    topics.add(new NewTopic(t, partitions, (short) 1).configs(configs));
                }
            }
            admin.createTopics(topics).all().get();
        }
    }

    public MigrationReport migrateWarehouse() {
        return new Migrator(clickHouse()).migrate();
    }

    /** Values for the {{placeholders}} in connectors/*.json on this platform. */
    public Map<String, String> connectorSettings() {
        Map<String, String> s = postgresConnectorSettings();
        s.put("mariadb.host", "127.0.0.1");
        s.put("mariadb.port", String.valueOf(platform.mariaDb().port()));
        return s;
    }

    /** Creates or updates every source connector from its file and waits until each runs. */
    public void registerConnectors(Duration timeout) {
        ConnectRestClient client = platform.connect().client();
        Map<String, String> settings = connectorSettings();
        for (String source : SOURCES) {
            ConnectorConfig config = ConnectorConfig.builtIn(source);
            client.putConnector(config.name(), config.resolve(settings));
        }
        for (String source : SOURCES) {
            client.awaitRunning(ConnectorConfig.builtIn(source).name(), timeout);
        }
    }

    /**
     * Values for the {{placeholders}} of the PostgreSQL connectors (lc, ex, the operations log) on a platform started
     * without MariaDB: {@link #connectorSettings()} less the {@code mariadb.*} values.
     * A new, mutable map.
     */
    public Map<String, String> postgresConnectorSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("postgres.host", "127.0.0.1");
        s.put("postgres.port", String.valueOf(platform.postgres().port()));
        s.put("cdc.user", SourceDatabases.CDC_USER);
        s.put("cdc.password", SourceDatabases.CDC_PASSWORD);
        s.put("kafka.bootstrap", platform.kafka().bootstrapServers());
        s.put("heartbeat.ms", "2000");
        s.put("raw.partitions", "2");
        s.put("replication.factor", "1");
        s.put("ops.center", CENTER);
        return s;
    }

    /**
     * Creates or updates the connectors of {@code sources} (a subset of {@link #SOURCES}) and of the operations log when
     * {@code withOpsLog}, with {@code settings}, and waits until each runs.
     */
    public void registerConnectors(java.util.Collection<String> sources, boolean withOpsLog, Map<String, String> settings, Duration timeout) {
        ConnectRestClient client = platform.connect().client();
        List<String> names = new java.util.ArrayList<>();
        for (String source : sources) {
            ConnectorConfig config = ConnectorConfig.builtIn(source);
            client.putConnector(config.name(), config.resolve(settings));
            names.add(config.name());
        }
        if (withOpsLog) {
            ConnectorConfig config = ConnectorConfig.builtIn(OPS_LOG_CONNECTOR);
            client.putConnector(config.name(), config.resolve(settings));
            names.add(config.name());
        }
        for (String name : names) {
            client.awaitRunning(name, timeout);
        }
    }

    /** Normalization settings for this platform, with a pseudonymization key kept in the work dir. */
    public NormalizationOptions normalizationOptions(Duration checkpointInterval) throws IOException {
        return NormalizationOptions.fromMap(normalizationSettings(checkpointInterval), "demo settings");
    }

    /**
     * Settings of the spine job (normalization and throughput in one job) for this platform, with the throughput's
     * {@code allowedLateness} (see {@link #throughputOptions(Duration, Duration)}).
     */
    public SpineOptions spineOptions(Duration checkpointInterval, Duration allowedLateness) throws IOException {
        return spineOptions(checkpointInterval, allowedLateness, Map.of());
    }

    /** As above, with {@code overrides} (keys as in the job's properties file) replacing these settings. */
    public SpineOptions spineOptions(Duration checkpointInterval, Duration allowedLateness, Map<String, String> overrides) throws IOException {
        Map<String, String> s = normalizationSettings(checkpointInterval);
        s.putAll(throughputSettings(checkpointInterval, allowedLateness));
        s.putAll(overrides);
        return SpineOptions.fromMap(s, overrides.isEmpty() ? "demo settings" : "demo settings with " + overrides.keySet());
    }

    /** Spine-job settings with the throughput's default allowed lateness (3 days). */
    public SpineOptions spineOptions(Duration checkpointInterval) throws IOException {
        return spineOptions(checkpointInterval, ThroughputOptions.DEFAULT_ALLOWED_LATENESS);
    }

    private Map<String, String> normalizationSettings(Duration checkpointInterval) throws IOException {
        Path keyFile = workDir.resolve("pseudonymization.key");
        if (!Files.exists(keyFile)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(workDir);
            Files.writeString(keyFile, HexFormat.of().formatHex(key), StandardCharsets.UTF_8);
        }
        Map<String, String> s = new LinkedHashMap<>();
        s.put(NormalizationOptions.KAFKA_BOOTSTRAP, platform.kafka().bootstrapServers());
        s.put(NormalizationOptions.PSEUDONYM_KEY_FILE, keyFile.toString());
        s.put(NormalizationOptions.CHECKPOINT_INTERVAL, checkpointInterval.toMillis() + "ms");
        s.put(NormalizationOptions.SINK_FLUSH_INTERVAL, "1s");
        s.put(ClickHouseConnection.KEY_URL, platform.clickHouse().httpUrl());
        return s;
    }

    /**
     * A Flink environment for {@code job} on this machine: checkpoints go to files under the work dir (Flink's
     * default keeps them in the JobManager's memory, capped at 5 MB — the throughput job's state outgrows that) and
     * are kept on cancellation, so a stopped job can be restored from its last one.
     */
    public StreamExecutionEnvironment flinkEnvironment(String job, int parallelism) {
        return flinkEnvironment(job, parallelism, Map.of());
    }

    /** As {@link #flinkEnvironment(String, int)}, with further Flink settings (the bench opens the REST API with them). */
    public StreamExecutionEnvironment flinkEnvironment(String job, int parallelism, Map<String, String> settings) {
        Configuration conf = Configuration.fromMap(settings);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, workDir.resolve("checkpoints").resolve(job).toUri().toString());
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }

    /** Throughput-job settings for this platform, with the job's default allowed lateness (3 days). */
    public ThroughputOptions throughputOptions(Duration checkpointInterval) {
        return throughputOptions(checkpointInterval, ThroughputOptions.DEFAULT_ALLOWED_LATENESS);
    }

    /**
     * Throughput-job settings with {@code allowedLateness}: tests that write weeks of business time within seconds,
     * through sources drained at different speeds, need far more than a live hall (where business time keeps pace
     * with commit time and sources are seconds apart).
     */
    public ThroughputOptions throughputOptions(Duration checkpointInterval, Duration allowedLateness) {
        return ThroughputOptions.fromMap(throughputSettings(checkpointInterval, allowedLateness), "demo settings");
    }

    private Map<String, String> throughputSettings(Duration checkpointInterval, Duration allowedLateness) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(ThroughputOptions.ALLOWED_LATENESS, allowedLateness.toDays() + "d");
        s.put(ThroughputOptions.STATE_TTL, (allowedLateness.toDays() + 30) + "d");
        s.put(ThroughputOptions.KAFKA_BOOTSTRAP, platform.kafka().bootstrapServers());
        s.put(NormalizationOptions.CHECKPOINT_INTERVAL, checkpointInterval.toMillis() + "ms");
        s.put(NormalizationOptions.SINK_FLUSH_INTERVAL, "1s");
        s.put(ClickHouseConnection.KEY_URL, platform.clickHouse().httpUrl());
        return s;
    }

    /** Deadline-job settings for this platform: the defaults of a live center (docs/deadline-engine.md). */
    public DeadlineOptions deadlineOptions(Duration checkpointInterval) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(DeadlineOptions.KAFKA_BOOTSTRAP, platform.kafka().bootstrapServers());
        s.put(DeadlineOptions.CHECKPOINT_INTERVAL, checkpointInterval.toMillis() + "ms");
        s.put(DeadlineOptions.SINK_FLUSH_INTERVAL, "1s");
        s.put(ClickHouseConnection.KEY_URL, platform.clickHouse().httpUrl());
        return DeadlineOptions.fromMap(s, "demo settings");
    }

    /** A simulator writing into this platform's departmental databases. */
    public Simulator simulator(long seed, Instant businessStart, OfficeHours hours) throws SQLException {
        return simulator(seed, businessStart, hours, java.util.Set.copyOf(SOURCES));
    }

    /** A simulator writing only into {@code sources} (cases of other departments are generated but not written). */
    public Simulator simulator(long seed, Instant businessStart, OfficeHours hours, java.util.Set<String> sources) throws SQLException {
        CaseGenerator generator = new CaseGenerator(Department.builtIn(), hours, seed, businessStart, CaseGenerator.Profile.realistic());
        Map<String, SourceWriter> writers = new LinkedHashMap<>();
        if (sources.contains("lc")) {
            writers.put("lc", new LcWriter(DriverManager.getConnection(platform.postgres().jdbcUrl(SourceDatabases.LC_DB), platform.postgres().user(), ""),
                    Times.CHINA));
        }
        if (sources.contains("xd")) {
            writers.put("xd", new XdWriter(DriverManager.getConnection(platform.mariaDb().jdbcUrl(SourceDatabases.XD_DB), platform.mariaDb().user(),
                    platform.mariaDb().password()), Times.CHINA));
        }
        if (sources.contains("ex")) {
            writers.put("ex", new ExWriter(DriverManager.getConnection(platform.postgres().jdbcUrl(SourceDatabases.EX_DB), platform.postgres().user(), ""),
                    Times.CHINA));
        }
        return new Simulator(generator, hours, writers);
    }
}
