package cn.xiaoneng.jobs.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.xiaoneng.testsupport.ClickHouseServer;
import cn.xiaoneng.warehouse.ClickHouseConnection;
import cn.xiaoneng.warehouse.Migrator;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ClickHouseSinkITCase {
    private static final String MIGRATIONS = "db/migration-sink-test";
    private static final String TABLE = "sink_test_rows";
    private static final InMemoryReporter METRICS = InMemoryReporter.create();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .build());

    @TempDir
    static Path clickhouseDir;
    static ClickHouseServer clickhouse;

    @BeforeAll
    static void startClickHouse() {
        clickhouse = ClickHouseServer.start(clickhouseDir);
    }

    @AfterAll
    static void stopClickHouse() {
        if (clickhouse != null) {
            clickhouse.stop();
        }
    }

    /** Each test writes into its own database on the shared server. */
    private static ClickHouseConnection connection(TestInfo test) {
        return ClickHouseConnection.builder(clickhouse.httpUrl()).database(test.getTestMethod().orElseThrow().getName()).build();
    }

    private static ClickHouseSink.Builder<Long> sink(ClickHouseConnection c) {
        return ClickHouseSink.<Long>builder().connection(c).table(TABLE).encoder(new SinkTestRowEncoder());
    }

    private String count(ClickHouseConnection c, String what) {
        return clickhouse.query("SELECT " + what + " FROM " + c.database() + "." + TABLE);
    }

    @Test
    void everyRowOfABoundedStreamArrivesExactlyOnce(TestInfo test) throws Exception {
        ClickHouseConnection c = connection(test);
        new Migrator(c, MIGRATIONS).migrate();
        long n = 20_000;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.fromSequence(1, n).sinkTo(sink(c).batchSize(1_500).flushInterval(Duration.ofMillis(200)).build()).name("clickhouse");

        env.execute("sink " + c.database());

        assertThat(count(c, "count(), uniqExact(id), sum(id), min(at), max(label)"))
                .isEqualTo(n + "\t" + n + "\t" + (n * (n + 1) / 2) + "\t2026-01-05 09:30:00.001\tcase-9999");
    }

    @Test
    void aHalfFullBatchIsWrittenWithinTheFlushIntervalWhileTheJobRuns(TestInfo test) throws Exception {
        ClickHouseConnection c = connection(test);
        new Migrator(c, MIGRATIONS).migrate();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        // Endless and slow: the batch (10 000 rows) never fills and, without checkpoints, only the timer can flush.
        var source = new DataGeneratorSource<>((GeneratorFunction<Long, Long>) i -> i + 1, Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(20), Types.LONG);
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "slow numbers")
                .sinkTo(sink(c).batchSize(10_000).flushInterval(Duration.ofMillis(300)).build()).name("clickhouse");
        JobClient job = env.executeAsync("timed flush " + c.database());
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Long.parseLong(count(c, "count()")) >= 10);
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            assertThat(count(c, "uniqExact(id) = count()")).isEqualTo("1");
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void insertsIntoAMissingTableAreRetriedUntilTheMigrationCreatesIt(TestInfo test) throws Exception {
        ClickHouseConnection c = connection(test);
        long n = 3_000;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromSequence(1, n).sinkTo(sink(c).batchSize(1_000).maxRetries(1_000)
                .initialBackoff(Duration.ofMillis(50)).maxBackoff(Duration.ofMillis(400)).build()).name("clickhouse");
        JobClient job = env.executeAsync("retry " + c.database());
        try {
            // Neither the database nor the table exists yet: the first batch fails and is retried with backoff.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> counter(job.getJobID(), ClickHouseSinkWriter.RETRIES) >= 2);
            assertThat(counter(job.getJobID(), ClickHouseSinkWriter.ROWS_WRITTEN)).isZero();

            new Migrator(c, MIGRATIONS).migrate();

            assertThat(job.getJobExecutionResult().get().getJobID()).isEqualTo(job.getJobID());
        } finally {
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get();
            }
        }
        assertThat(count(c, "count(), uniqExact(id)")).isEqualTo(n + "\t" + n);
    }

    @Test
    void whenClickHouseStaysDownTheJobFailsRestartsAndCompletesOnceItIsBack(TestInfo test, @TempDir Path ownDir) throws Exception {
        // Its own server: this test stops it, which the other tests must not see.
        ClickHouseServer server = ClickHouseServer.start(ownDir);
        int port = server.httpPort();
        ClickHouseConnection c = ClickHouseConnection.builder(server.httpUrl()).database(test.getTestMethod().orElseThrow().getName()).build();
        new Migrator(c, MIGRATIONS).migrate();
        server.stop();
        long n = 5_000;
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1_000);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.fromSequence(1, n).sinkTo(sink(c).batchSize(1_000).maxRetries(2)
                .initialBackoff(Duration.ofMillis(20)).maxBackoff(Duration.ofMillis(50)).build()).name("clickhouse");
        JobClient job = env.executeAsync("recovery " + c.database());
        try {
            // Retries exhausted → the writer throws → Flink restarts the job from the start (no checkpoint yet).
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> gauge(job.getJobID(), "numRestarts") >= 2);

            server = ClickHouseServer.start(ownDir, port);

            job.getJobExecutionResult().get();
            assertThat(server.query("SELECT count(), uniqExact(id) FROM " + c.database() + "." + TABLE)).isEqualTo(n + "\t" + n);
        } finally {
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get();
            }
            server.stop();
        }
    }

    private static long gauge(JobID job, String name) {
        return METRICS.getMetricsByIdentifiers(job).entrySet().stream()
                .filter(e -> e.getKey().endsWith("." + name) && e.getValue() instanceof org.apache.flink.metrics.Gauge<?>)
                .mapToLong(e -> ((Number) ((org.apache.flink.metrics.Gauge<?>) e.getValue()).getValue()).longValue())
                .max().orElse(0);
    }

    /** Sum of a sink counter over all subtasks of {@code job}; 0 until the writers have registered their metrics. */
    private static long counter(JobID job, String name) {
        return METRICS.getMetricsByIdentifiers(job).entrySet().stream()
                .filter(e -> e.getKey().endsWith("." + name) && e.getValue() instanceof Counter)
                .mapToLong(e -> ((Counter) e.getValue()).getCount())
                .sum();
    }
}
