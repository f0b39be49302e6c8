package cn.xiaoneng.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The one place that starts the platform's servers as local processes, for integration tests and the demo:
 * <pre>{@code
 * try (LocalPlatform p = LocalPlatform.builder().postgres().mariaDb().kafka().connect().clickHouse().start(dir)) {
 *     p.connect().client().putConnector(...);
 * }
 * }</pre>
 * Each server gets its own sub-directory of the work dir ({@code postgres/}, {@code mariadb/}, {@code kafka/},
 * {@code connect/}, {@code clickhouse/}). Independent servers start in parallel; the Connect worker after Kafka.
 * {@link #close()} stops everything in reverse order of start, and keeps going if one stop fails. Prints nothing:
 * callers print {@link #endpoints()}.
 */
public final class LocalPlatform implements AutoCloseable {
    private final Path workDir;
    private final PostgresServer postgres;
    private final MariaDbServer mariaDb;
    private final KafkaBroker kafka;
    private final String connectGroup;
    /** Replaced by {@link #startConnect()}; restart tests stop one worker and start another on the same Kafka. */
    private volatile KafkaConnectWorker connect;
    private final ClickHouseServer clickHouse;
    private final Map<String, Duration> startTimes;
    /** Stop actions, last started first. */
    private final Deque<Stoppable> stopOrder;

    private LocalPlatform(Path workDir, PostgresServer postgres, MariaDbServer mariaDb, KafkaBroker kafka,
            KafkaConnectWorker connect, String connectGroup, ClickHouseServer clickHouse, Map<String, Duration> startTimes,
            Deque<Stoppable> stopOrder) {
        this.workDir = workDir;
        this.postgres = postgres;
        this.mariaDb = mariaDb;
        this.kafka = kafka;
        this.connect = connect;
        this.connectGroup = connectGroup;
        this.clickHouse = clickHouse;
        this.startTimes = startTimes;
        this.stopOrder = stopOrder;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path workDir() {
        return workDir;
    }

    public PostgresServer postgres() {
        return require(postgres, "postgres");
    }

    public MariaDbServer mariaDb() {
        return require(mariaDb, "mariaDb");
    }

    public KafkaBroker kafka() {
        return require(kafka, "kafka");
    }

    public KafkaConnectWorker connect() {
        return require(connect, "connect");
    }

    /** Stops the Connect worker gracefully (tasks commit their offsets); {@link #startConnect()} starts a new one. */
    public synchronized void stopConnect() {
        connect().stop();
    }

    /** Kills the Connect worker as a crash would (offsets since the last flush are replayed by the next worker). */
    public synchronized void killConnect() {
        connect().kill();
    }

    /**
     * Starts a new worker in the same Connect group on the same broker (the old one must be stopped): it reads the
     * connector configs and source offsets from Kafka and resumes where the previous worker left off.
     */
    public synchronized KafkaConnectWorker startConnect() {
        if (connect().isAlive()) {
            throw new IllegalStateException("the Connect worker is still running; stopConnect() or killConnect() first");
        }
        connect = KafkaConnectWorker.start(workDir.resolve("connect"), kafka().bootstrapServers(), connectGroup);
        return connect;
    }

    public ClickHouseServer clickHouse() {
        return require(clickHouse, "clickHouse");
    }

    /** How long each server took to become ready, by endpoint name. */
    public Map<String, Duration> startTimes() {
        return startTimes;
    }

    /**
     * The started servers' addresses, in start order: {@code postgres} and {@code mariadb} as JDBC URLs without a
     * database, {@code kafka} as bootstrap servers, {@code kafka-connect} and {@code clickhouse} as HTTP URLs.
     */
    public Map<String, String> endpoints() {
        Map<String, String> e = new LinkedHashMap<>();
        if (postgres != null) {
            e.put("postgres", postgres.jdbcUrl(""));
        }
        if (mariaDb != null) {
            e.put("mariadb", mariaDb.jdbcUrl(""));
        }
        if (kafka != null) {
            e.put("kafka", kafka.bootstrapServers());
        }
        if (connect != null) {
            e.put("kafka-connect", connect.restUrl());
        }
        if (clickHouse != null) {
            e.put("clickhouse", clickHouse.httpUrl());
        }
        return e;
    }

    /** Stops every server, last started first; a failing stop does not keep the others running. */
    @Override
    public void close() {
        stopAll(stopOrder);
    }

    private Stoppable connectStopper() {
        return new Stoppable() {
            @Override
            public String name() {
                return "kafka-connect";
            }

            @Override
            public void stop() {
                KafkaConnectWorker current = connect;
                if (current != null) {
                    current.stop();
                }
            }
        };
    }

    private static void stopAll(Deque<Stoppable> stopOrder) {
        RuntimeException first = null;
        while (!stopOrder.isEmpty()) {
            Stoppable s = stopOrder.pop();
            try {
                s.stop();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = new IllegalStateException("stopping " + s.name() + " failed", e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static <T> T require(T server, String name) {
        if (server == null) {
            throw new IllegalStateException(name + " was not started: add ." + name + "() to LocalPlatform.builder()");
        }
        return server;
    }

    private interface Stoppable {
        String name();

        void stop();
    }

    private record Named(String name, AutoCloseable server) implements Stoppable {
        @Override
        public void stop() {
            try {
                server.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Chooses the servers to start; {@link #connect()} implies {@link #kafka()}. */
    public static final class Builder {
        private boolean postgres;
        private boolean mariaDb;
        private boolean kafka;
        private boolean connect;
        private boolean clickHouse;
        private boolean clickHouseQueryLogs;
        private String connectGroup = KafkaConnectWorker.DEFAULT_GROUP;

        private Builder() {}

        public Builder postgres() {
            postgres = true;
            return this;
        }

        public Builder mariaDb() {
            mariaDb = true;
            return this;
        }

        public Builder kafka() {
            kafka = true;
            return this;
        }

        public Builder connect() {
            kafka = true;
            connect = true;
            return this;
        }

        /** The Connect cluster's group id, which also names its config/offset/status topics. */
        public Builder connectGroup(String group) {
            connectGroup = group;
            return this;
        }

        public Builder clickHouse() {
            clickHouse = true;
            return this;
        }

        /** ClickHouse with its query, query views and part logs on (see {@link ClickHouseServer#startWithQueryLogs}). */
        public Builder clickHouseWithQueryLogs() {
            clickHouse = true;
            clickHouseQueryLogs = true;
            return this;
        }

        public Builder all() {
            return postgres().mariaDb().kafka().connect().clickHouse();
        }

        /**
         * Starts the chosen servers under {@code workDir} and waits until each is ready. If any fails, the ones already
         * started are stopped and the first failure is thrown.
         */
        public LocalPlatform start(Path workDir) {
            Path dir = workDir.toAbsolutePath();
            Deque<Stoppable> started = new ArrayDeque<>();
            Map<String, Duration> times = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
            // Up to four servers start at once; each spends most of its start-up waiting on disk and JVM warm-up.
            ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "local-platform-start");
                t.setDaemon(true);
                return t;
            });
            try {
                CompletableFuture<PostgresServer> pg = maybe(postgres, pool, started, times, "postgres",
                        () -> PostgresServer.start(dir.resolve("postgres")));
                CompletableFuture<MariaDbServer> maria = maybe(mariaDb, pool, started, times, "mariadb",
                        () -> MariaDbServer.start(dir.resolve("mariadb")));
                CompletableFuture<ClickHouseServer> ch = maybe(clickHouse, pool, started, times, "clickhouse",
                        () -> clickHouseQueryLogs ? ClickHouseServer.startWithQueryLogs(dir.resolve("clickhouse"))
                                : ClickHouseServer.start(dir.resolve("clickhouse")));
                CompletableFuture<KafkaBroker> broker = maybe(kafka, pool, started, times, "kafka",
                        () -> KafkaBroker.start(dir.resolve("kafka")));
                CompletableFuture<KafkaConnectWorker> worker = !connect ? CompletableFuture.completedFuture(null)
                        : broker.thenApplyAsync(b -> timed(started, times, "kafka-connect",
                                () -> KafkaConnectWorker.start(dir.resolve("connect"), b.bootstrapServers(), connectGroup)), pool);
                List<CompletableFuture<?>> all = List.of(pg, maria, ch, broker, worker);
                // Wait for every start to end (not just the first failure), so nothing is still starting when we clean up.
                CompletableFuture.allOf(all.stream().map(f -> f.exceptionally(e -> null)).toArray(CompletableFuture[]::new)).join();
                List<Throwable> failures = new ArrayList<>();
                for (CompletableFuture<?> f : all) {
                    if (f.isCompletedExceptionally()) {
                        f.handle((v, e) -> failures.add(unwrap(e))).join();
                    }
                }
                if (!failures.isEmpty()) {
                    IllegalStateException e = new IllegalStateException("local platform did not start: " + failures.get(0).getMessage(),
                            failures.get(0));
                    failures.stream().skip(1).forEach(e::addSuppressed);
                    throw e;
                }
                LocalPlatform platform = new LocalPlatform(dir, pg.join(), maria.join(), broker.join(), worker.join(),
                        connectGroup, ch.join(), Map.copyOf(times), new ArrayDeque<>());
                // Same order as started, but Connect is stopped through the platform: it may have been replaced.
                for (Stoppable s : started) {
                    platform.stopOrder.addLast(s.name().equals("kafka-connect") ? platform.connectStopper() : s);
                }
                return platform;
            } catch (RuntimeException e) {
                try {
                    stopAll(started);
                } catch (RuntimeException stopFailure) {
                    e.addSuppressed(stopFailure);
                }
                throw e;
            } finally {
                pool.shutdownNow();
            }
        }

        private static <T extends AutoCloseable> CompletableFuture<T> maybe(boolean wanted, ExecutorService pool,
                Deque<Stoppable> started, Map<String, Duration> times, String name, Supplier<T> start) {
            return wanted ? CompletableFuture.supplyAsync(() -> timed(started, times, name, start), pool)
                    : CompletableFuture.completedFuture(null);
        }

        private static <T extends AutoCloseable> T timed(Deque<Stoppable> started, Map<String, Duration> times, String name,
                Supplier<T> start) {
            long t0 = System.nanoTime();
            T server = start.get();
            times.put(name, Duration.ofNanos(System.nanoTime() - t0));
            synchronized (started) {
                started.push(new Named(name, server));
            }
            return server;
        }

        private static Throwable unwrap(Throwable e) {
            return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        }
    }
}
