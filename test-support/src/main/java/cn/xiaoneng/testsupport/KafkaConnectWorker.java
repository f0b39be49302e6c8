package cn.xiaoneng.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Kafka Connect distributed worker (one member of a Connect cluster) as a child JVM, with the Debezium plugins of
 * kafka-runtime on its plugin path. Its connector configs, source offsets and statuses live in Kafka topics named after
 * the group, so a new worker started with the same group on the same broker picks up the connectors and resumes from
 * the stored offsets, exactly as in production. Layout under {@code dir}: {@code connect.properties},
 * {@code log4j2.properties}, {@code connect.log}.
 */
public final class KafkaConnectWorker implements AutoCloseable {
    public static final String DEFAULT_GROUP = "xiaoneng-connect";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path dir;
    private final int port;
    private final String group;
    private final ManagedProcess process;
    private final ConnectRestClient client;

    private KafkaConnectWorker(Path dir, int port, String group, ManagedProcess process) {
        this.dir = dir;
        this.port = port;
        this.group = group;
        this.process = process;
        this.client = new ConnectRestClient(restUrl());
    }

    public static KafkaConnectWorker start(Path dir, String bootstrapServers) {
        return start(dir, bootstrapServers, DEFAULT_GROUP);
    }

    /** Starts a worker of Connect cluster {@code group}; its internal topics are {@code <group>-configs|offsets|status}. */
    public static KafkaConnectWorker start(Path dir, String bootstrapServers, String group) {
        Path home = dir.toAbsolutePath();
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + home, e);
        }
        int port = FreePorts.next();
        Path props = writeProperties(home, bootstrapServers, group, port);
        Path log4j2 = KafkaRuntime.writeLog4j2Config(home, List.of("org.apache.kafka.clients", "org.apache.kafka.common",
                "org.apache.kafka.connect.runtime.isolation", "org.reflections", "org.eclipse.jetty", "org.glassfish",
                "org.apache.kafka.connect.util.KafkaBasedLog", "org.apache.kafka.connect.storage"));
        ManagedProcess process = ManagedProcess.start("kafka-connect:" + port,
                KafkaRuntime.javaCommand("512m", log4j2, "org.apache.kafka.connect.cli.ConnectDistributed",
                        List.of(props.toString())), home, Map.of(), home.resolve("connect.log"));
        KafkaConnectWorker worker = new KafkaConnectWorker(home, port, group, process);
        try {
            Waits.until("Kafka Connect REST on port " + port + " (log " + process.log() + ")", START_TIMEOUT, 250, () -> {
                process.checkAlive();
                return worker.client.isReady();
            });
        } catch (RuntimeException e) {
            worker.kill();
            throw e;
        }
        return worker;
    }

    private static Path writeProperties(Path home, String bootstrapServers, String group, int port) {
        List<String> lines = List.of(
                "# Written by KafkaConnectWorker at each start (the REST port changes per run).",
                "bootstrap.servers=" + bootstrapServers,
                "group.id=" + group,
                "config.storage.topic=" + group + "-configs",
                "offset.storage.topic=" + group + "-offsets",
                "status.storage.topic=" + group + "-status",
                "config.storage.replication.factor=1",
                "offset.storage.replication.factor=1",
                "status.storage.replication.factor=1",
                "offset.storage.partitions=5",
                "status.storage.partitions=1",
                "# Schemas off: topics carry only the Debezium envelope's payload (before/after/source/op), ~10x smaller.",
                "key.converter=org.apache.kafka.connect.json.JsonConverter",
                "value.converter=org.apache.kafka.connect.json.JsonConverter",
                "key.converter.schemas.enable=false",
                "value.converter.schemas.enable=false",
                "listeners=http://127.0.0.1:" + port,
                "rest.advertised.host.name=127.0.0.1",
                "rest.advertised.port=" + port,
                "# Official plugin archives, one folder each; service_load skips the slow reflective scan (≈ 4 s vs ≈ 14 s).",
                "plugin.path=" + KafkaRuntime.plugins(),
                "plugin.discovery=service_load",
                "# Commit source offsets every second, so a killed worker replays little.",
                "offset.flush.interval.ms=1000",
                "# Reassign a departed worker's connectors at once instead of waiting up to 5 min for it to come back:",
                "# locally there is only ever one worker.",
                "scheduled.rebalance.max.delay.ms=0");
        Path file = home.resolve("connect.properties");
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
        return file;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String restUrl() {
        return "http://127.0.0.1:" + port;
    }

    public ConnectRestClient client() {
        return client;
    }

    public String group() {
        return group;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path dir() {
        return dir;
    }

    public Path log() {
        return process.log();
    }

    /** SIGTERM: tasks stop and commit their offsets, the worker leaves its group. */
    public void stop() {
        process.stop();
    }

    /** SIGKILL, as a crash would: offsets since the last flush are replayed by the next worker. */
    public void kill() {
        process.kill();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "KafkaConnectWorker[" + restUrl() + ", group " + group + ", dir " + dir + "]";
    }
}
