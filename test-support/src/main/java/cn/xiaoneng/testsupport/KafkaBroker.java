package cn.xiaoneng.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A single-node KRaft Kafka broker (broker and controller in one child JVM) from the kafka-runtime jars. Layout under
 * {@code dir}: {@code server.properties} (rewritten at each start with fresh ports), {@code log4j2.properties},
 * {@code data/} (formatted once; a restart on the same dir keeps topics and offsets) and {@code kafka.log}.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final String READY_LINE = "Kafka Server started";

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final ManagedProcess process;

    private KafkaBroker(Path dir, int port, int controllerPort, ManagedProcess process) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.process = process;
    }

    public static KafkaBroker start(Path dir) {
        Path home = dir.toAbsolutePath();
        Path data = home.resolve("data");
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + home, e);
        }
        int port = FreePorts.next();
        int controllerPort = FreePorts.next();
        Path props = writeServerProperties(home, data, port, controllerPort);
        Path log4j2 = KafkaRuntime.writeLog4j2Config(home, List.of("kafka.log.LogCleaner", "state.change.logger",
                "kafka.coordinator", "org.apache.kafka.storage", "org.apache.kafka.raft", "org.apache.kafka.controller",
                "org.apache.kafka.image", "org.apache.kafka.metadata", "kafka.log", "kafka.cluster", "kafka.server.metadata",
                "kafka.server.ReplicaFetcherManager", "kafka.server.ReplicaAlterLogDirsManager",
                "org.apache.kafka.coordinator", "org.apache.kafka.clients"));
        if (!Files.isRegularFile(data.resolve("meta.properties"))) {
            // Formatting is done once per data dir; the voters are static (controller.quorum.voters), so a restart
            // with a new controller port is fine, unlike a dynamic quorum whose endpoints are stored in the log.
            Commands.run("kafka storage format", KafkaRuntime.javaCommand("256m", log4j2, "kafka.tools.StorageTool",
                    List.of("format", "-t", newClusterId(), "-c", props.toString())), home, home.resolve("format.log"),
                    Duration.ofSeconds(120));
        }
        // The log is appended across restarts on the same dir: only lines written by this run count as "ready".
        long logStart = sizeOf(home.resolve("kafka.log"));
        ManagedProcess process = ManagedProcess.start("kafka:" + port,
                KafkaRuntime.javaCommand("512m", log4j2, "kafka.Kafka", List.of(props.toString())), home, Map.of(),
                home.resolve("kafka.log"));
        KafkaBroker broker = new KafkaBroker(home, port, controllerPort, process);
        try {
            Waits.until("Kafka broker on port " + port + " (log " + process.log() + ")", START_TIMEOUT, 200, () -> {
                process.checkAlive();
                return logContains(process.log(), logStart, READY_LINE) && accepts(port);
            });
        } catch (RuntimeException e) {
            broker.kill();
            throw e;
        }
        return broker;
    }

    private static Path writeServerProperties(Path home, Path data, int port, int controllerPort) {
        List<String> lines = List.of(
                "# Written by KafkaBroker at each start (ports change per run).",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "controller.listener.names=CONTROLLER",
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + data,
                "# One node: every internal topic has one replica.",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "# Fewer partitions for the internal topics: creating 50 offsets partitions costs seconds at first use.",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.num.partitions=5",
                "num.partitions=1",
                "auto.create.topics.enable=true",
                "# A single consumer should not wait 3 s for others to join its group.",
                "group.initial.rebalance.delay.ms=0",
                "num.network.threads=2",
                "num.io.threads=4",
                "log.retention.hours=168",
                "log.segment.bytes=67108864");
        Path file = home.resolve("server.properties");
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
        return file;
    }

    /** Kafka's cluster id is a base64url UUID; generated here to save a JVM start ({@code StorageTool random-uuid}). */
    static String newClusterId() {
        while (true) {
            UUID u = UUID.randomUUID();
            ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
            // Kafka's own generator rejects ids starting with '-' (they read as command-line flags).
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Whether {@code text} occurs in {@code log} after byte {@code from}. */
    static boolean logContains(Path log, long from, String text) {
        try (var ch = Files.newByteChannel(log)) {
            ch.position(from);
            byte[] rest = new byte[(int) Math.max(0, ch.size() - from)];
            ByteBuffer buf = ByteBuffer.wrap(rest);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // read until the snapshot of the size is consumed
            }
            return new String(rest, java.nio.charset.StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
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

    /** SIGTERM: controlled shutdown, logs flushed (≈ 1–3 s). */
    public void stop() {
        process.stop();
    }

    /** SIGKILL, as a crash would. */
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
        return "KafkaBroker[" + bootstrapServers() + ", dir " + dir + "]";
    }
}
