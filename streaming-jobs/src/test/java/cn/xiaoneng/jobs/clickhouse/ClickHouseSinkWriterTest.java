package cn.xiaoneng.jobs.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class ClickHouseSinkWriterTest {
    private static final JsonRowEncoder<Integer> ENCODER = (n, row) -> row.put("id", n).put("label", "case-" + n);

    private final ManualTime time = new ManualTime();
    private final FakeInserter inserter = new FakeInserter();
    private final List<Long> sleeps = new ArrayList<>();

    private ClickHouseSinkWriter<Integer> writer(int batchSize, Duration interval, int maxRetries) {
        var options = new ClickHouseSinkOptions("sink_rows", batchSize, interval, maxRetries, Duration.ofMillis(100), Duration.ofMillis(350));
        return new ClickHouseSinkWriter<>(options, ENCODER, inserter, time,
                UnregisteredMetricsGroup.createSinkWriterMetricGroup(), sleeps::add);
    }

    @Test
    void aFullBatchIsSentAtOnceAsJsonEachRowLines() throws Exception {
        var w = writer(3, Duration.ofSeconds(10), 0);
        for (int i = 1; i <= 7; i++) {
            w.write(i, null);
        }
        assertThat(inserter.batches).hasSize(2);
        assertThat(inserter.batches.get(0)).containsExactly(
                "{\"id\":1,\"label\":\"case-1\"}", "{\"id\":2,\"label\":\"case-2\"}", "{\"id\":3,\"label\":\"case-3\"}");
        assertThat(w.bufferedRows()).isEqualTo(1);
        assertThat(w.rowsWritten.getCount()).isEqualTo(6);
        assertThat(w.batchesWritten.getCount()).isEqualTo(2);
    }

    @Test
    void anElementWhoseEncodingFailsLeavesNoHalfRowInTheBatch() throws Exception {
        var options = new ClickHouseSinkOptions("sink_rows", 3, Duration.ofSeconds(10), 0, Duration.ofMillis(100), Duration.ofMillis(350));
        JsonRowEncoder<Integer> failsOnTwo = (n, row) -> {
            row.put("id", n);
            if (n == 2) {
                throw new IllegalArgumentException("no label for 2");
            }
            row.put("label", "case-" + n);
        };
        var w = new ClickHouseSinkWriter<>(options, failsOnTwo, inserter, time, UnregisteredMetricsGroup.createSinkWriterMetricGroup(), sleeps::add);
        w.write(1, null);
        assertThatThrownBy(() -> w.write(2, null)).hasMessage("no label for 2");
        w.write(3, null);
        w.write(4, null);
        assertThat(inserter.batches).containsExactly(List.of(
                "{\"id\":1,\"label\":\"case-1\"}", "{\"id\":3,\"label\":\"case-3\"}", "{\"id\":4,\"label\":\"case-4\"}"));
    }

    @Test
    void aHalfFullBatchIsSentWhenTheIntervalPassesWithoutFurtherElements() throws Exception {
        var w = writer(100, Duration.ofSeconds(1), 0);
        time.now = 1_000;
        w.write(1, null);
        w.write(2, null);
        time.advanceTo(1_999);
        assertThat(inserter.batches).isEmpty();
        time.advanceTo(2_000);
        assertThat(inserter.batches).hasSize(1).first().asList().hasSize(2);
        assertThat(time.pending()).isZero();
    }

    @Test
    void aTimerLeftFromABatchSentBySizeWaitsForTheNextBatchToComeOfAge() throws Exception {
        var w = writer(2, Duration.ofSeconds(1), 0);
        time.now = 0;
        w.write(1, null);           // timer for t=1000
        time.now = 500;
        w.write(2, null);           // full: sent by size
        w.write(3, null);           // next batch opens at t=500, due at t=1500
        time.advanceTo(1_000);
        assertThat(inserter.batches).hasSize(1);
        time.advanceTo(1_500);
        assertThat(inserter.batches).hasSize(2);
        assertThat(inserter.batches.get(1)).containsExactly("{\"id\":3,\"label\":\"case-3\"}");
    }

    @Test
    void flushSendsEverythingBufferedAndIsANoOpWhenEmpty() throws Exception {
        var w = writer(100, Duration.ofMinutes(1), 0);
        w.write(1, null);
        w.flush(false);
        assertThat(inserter.batches).hasSize(1);
        w.flush(true);
        assertThat(inserter.attempts).isEqualTo(1);
        assertThat(w.bufferedRows()).isZero();
    }

    @Test
    void failedInsertsAreRetriedWithExponentialBackoffCappedAtTheMaximum() throws Exception {
        var w = writer(2, Duration.ofMinutes(1), 5);
        inserter.failuresLeft = 4;
        w.write(1, null);
        w.write(2, null);
        assertThat(sleeps).containsExactly(100L, 200L, 350L, 350L);
        assertThat(inserter.batches).hasSize(1);
        assertThat(inserter.tokens).hasSize(5).containsOnly(inserter.tokens.get(0));
        assertThat(w.retries.getCount()).isEqualTo(4);
        assertThat(w.failedBatches.getCount()).isZero();
    }

    @Test
    void whenRetriesRunOutTheWriterFailsSoTheJobRestartsFromItsCheckpoint() throws Exception {
        var w = writer(10, Duration.ofMinutes(1), 2);
        inserter.failuresLeft = Integer.MAX_VALUE;
        w.write(1, null);
        assertThatThrownBy(() -> w.flush(false))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("insert of 1 rows into sink_rows failed 3 times")
                .hasMessageContaining("Connection refused")
                .hasCauseInstanceOf(ConnectException.class);
        assertThat(sleeps).containsExactly(100L, 200L);
        assertThat(w.failedBatches.getCount()).isEqualTo(1);
        assertThat(w.rowsWritten.getCount()).isZero();
    }

    @Test
    void theTaskThreadEncodesTheNextBatchWhileOneIsInsertedAndFlushWaitsForIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<List<String>> written = new java.util.concurrent.CopyOnWriteArrayList<>();
        BatchInserter blocking = new BatchInserter() {
            @Override
            public void insert(String table, com.clickhouse.data.ClickHouseFormat format, byte[] body, int rows, String token) throws Exception {
                release.await();
                written.add(Arrays.asList(new String(body, StandardCharsets.UTF_8).split("\n")));
            }

            @Override
            public void close() {}
        };
        ExecutorService sender = Executors.newSingleThreadExecutor();
        var options = new ClickHouseSinkOptions("sink_rows", 2, Duration.ofSeconds(10), 0, Duration.ofMillis(100), Duration.ofMillis(350));
        var w = new ClickHouseSinkWriter<>(options, RowWriter.json(ENCODER), blocking, sender, time,
                UnregisteredMetricsGroup.createSinkWriterMetricGroup(), sleeps::add);
        w.write(1, null);
        w.write(2, null); // a full batch, handed to the sender, whose insert waits
        w.write(3, null); // returns at once: the next batch is encoded meanwhile
        assertThat(w.bufferedRows()).isEqualTo(1);
        assertThat(written).isEmpty();
        CompletableFuture<Void> flushed = CompletableFuture.runAsync(() -> {
            try {
                w.flush(false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(flushed).as("a checkpoint's flush waits until ClickHouse has every row").isNotDone();
        release.countDown();
        flushed.get(30, TimeUnit.SECONDS);
        assertThat(written).containsExactly(
                List.of("{\"id\":1,\"label\":\"case-1\"}", "{\"id\":2,\"label\":\"case-2\"}"),
                List.of("{\"id\":3,\"label\":\"case-3\"}"));
        assertThat(w.rowsWritten.getCount()).isEqualTo(3);
        w.close();
        assertThat(sender.isShutdown()).isTrue();
    }

    @Test
    void optionsAreValidatedByName() {
        assertThatThrownBy(() -> new ClickHouseSinkOptions("drop table x", 1, Duration.ofSeconds(1), 0, Duration.ofMillis(1), Duration.ofMillis(1)))
                .hasMessageStartingWith("table must be");
        assertThatThrownBy(() -> new ClickHouseSinkOptions("t", 0, Duration.ofSeconds(1), 0, Duration.ofMillis(1), Duration.ofMillis(1)))
                .hasMessageStartingWith("batchSize");
        assertThatThrownBy(() -> new ClickHouseSinkOptions("t", 1, Duration.ZERO, 0, Duration.ofMillis(1), Duration.ofMillis(1)))
                .hasMessageStartingWith("flushInterval");
        assertThatThrownBy(() -> new ClickHouseSinkOptions("t", 1, Duration.ofSeconds(1), -1, Duration.ofMillis(1), Duration.ofMillis(1)))
                .hasMessageStartingWith("maxRetries");
        assertThatThrownBy(() -> new ClickHouseSinkOptions("t", 1, Duration.ofSeconds(1), 0, Duration.ofMillis(10), Duration.ofMillis(1)))
                .hasMessageStartingWith("maxBackoff");
        assertThat(new ClickHouseSinkOptions("db.t", 1, Duration.ofSeconds(1), 0, Duration.ofMillis(1), Duration.ofMillis(1)).table()).isEqualTo("db.t");
    }

    /** Processing time that moves only when the test says so; due timers fire in order, as on the mailbox thread. */
    private static final class ManualTime implements ProcessingTimeService {
        private record Timer(long at, ProcessingTimeCallback callback) {}

        long now;
        private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));

        @Override
        public long getCurrentProcessingTime() {
            return now;
        }

        @Override
        public ScheduledFuture<?> registerTimer(long at, ProcessingTimeCallback callback) {
            timers.add(new Timer(at, callback));
            return null; // the writer never cancels its timer
        }

        void advanceTo(long t) throws Exception {
            while (!timers.isEmpty() && timers.peek().at <= t) {
                Timer next = timers.poll();
                now = next.at;
                next.callback.onProcessingTime(next.at);
            }
            now = t;
        }

        int pending() {
            return timers.size();
        }
    }

    private static final class FakeInserter implements BatchInserter {
        final List<List<String>> batches = new ArrayList<>();
        final List<String> tokens = new ArrayList<>();
        int failuresLeft;
        int attempts;

        @Override
        public void insert(String table, com.clickhouse.data.ClickHouseFormat format, byte[] jsonEachRow, int rows, String deduplicationToken) throws Exception {
            attempts++;
            tokens.add(deduplicationToken);
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new ConnectException("Connection refused");
            }
            List<String> lines = Arrays.asList(new String(jsonEachRow, StandardCharsets.UTF_8).split("\n"));
            assertThat(lines).hasSize(rows);
            batches.add(lines);
        }

        @Override
        public void close() {}
    }
}
