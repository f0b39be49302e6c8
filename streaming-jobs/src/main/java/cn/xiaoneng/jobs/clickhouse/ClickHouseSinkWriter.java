package cn.xiaoneng.jobs.clickhouse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers encoded rows and sends them as one insert when the batch is full, when its oldest row is
 * {@code flushInterval} old (a processing-time timer, so a half-full batch goes out even if no further element
 * arrives), and on {@link #flush} (every checkpoint and end of input), which also waits until it is written. Timers and
 * {@code write} run on the task's mailbox thread; the insert itself runs on the sender's thread, one batch at a time
 * (see {@link #sendBatch}).
 *
 * <p>Metrics, under the writer's group: Flink's standard numRecordsSend / numBytesSend / numRecordsSendErrors /
 * currentSendTime, plus {@value #ROWS_WRITTEN}, {@value #BATCHES_WRITTEN}, {@value #RETRIES}, {@value #FAILED_BATCHES}
 * and the gauge {@value #BUFFERED_ROWS}.
 */
final class ClickHouseSinkWriter<T> implements SinkWriter<T> {
    static final String ROWS_WRITTEN = "clickhouseRowsWritten";
    static final String BATCHES_WRITTEN = "clickhouseBatchesWritten";
    static final String RETRIES = "clickhouseInsertRetries";
    static final String FAILED_BATCHES = "clickhouseFailedBatches";
    static final String BUFFERED_ROWS = "clickhouseBufferedRows";
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSinkWriter.class);

    /** Waiting between retries; replaced in tests so they need not sleep. */
    @FunctionalInterface
    interface Sleeper {
        Sleeper THREAD_SLEEP = Thread::sleep;

        void sleep(long millis) throws InterruptedException;
    }

    private final ClickHouseSinkOptions options;
    private final RowWriter<T> rows;
    private final Executor sender;
    /** The batch being written by the sender; a completed future when none. */
    private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
    private final BatchInserter inserter;
    private final ProcessingTimeService time;
    private final Sleeper sleeper;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
    private int bufferedRows;
    private long batchStartedAt;
    private boolean timerPending;
    private boolean closed;

    final Counter rowsWritten;
    final Counter batchesWritten;
    final Counter retries;
    final Counter failedBatches;
    private final Counter numRecordsSend;
    private final Counter numBytesSend;
    private final Counter numRecordsSendErrors;
    private volatile long lastSendTimeMillis;

    ClickHouseSinkWriter(ClickHouseSinkOptions options, JsonRowEncoder<T> encoder, BatchInserter inserter,
                         ProcessingTimeService time, SinkWriterMetricGroup metrics, Sleeper sleeper) {
        this(options, RowWriter.json(encoder), inserter, Runnable::run, time, metrics, sleeper);
    }

    /** @param sender runs the inserts: a thread of the writer's own in production, the caller's thread in tests */
    ClickHouseSinkWriter(ClickHouseSinkOptions options, RowWriter<T> rows, BatchInserter inserter, Executor sender,
                         ProcessingTimeService time, SinkWriterMetricGroup metrics, Sleeper sleeper) {
        this.options = options;
        this.sender = sender;
        this.rows = rows;
        this.inserter = inserter;
        this.time = time;
        this.sleeper = sleeper;
        this.rowsWritten = metrics.counter(ROWS_WRITTEN);
        this.batchesWritten = metrics.counter(BATCHES_WRITTEN);
        this.retries = metrics.counter(RETRIES);
        this.failedBatches = metrics.counter(FAILED_BATCHES);
        this.numRecordsSend = metrics.getNumRecordsSendCounter();
        this.numBytesSend = metrics.getNumBytesSendCounter();
        this.numRecordsSendErrors = metrics.getNumRecordsSendErrorsCounter();
        metrics.gauge(BUFFERED_ROWS, () -> bufferedRows);
        metrics.setCurrentSendTimeGauge(() -> lastSendTimeMillis);
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        failIfLastBatchFailed();
        if (bufferedRows == 0 && buffer.size() == 0) {
            rows.startBatch(buffer);
        }
        int mark = buffer.size();
        try {
            rows.write(element, buffer);
        } catch (RuntimeException | IOException e) {
            // Keep the batch well-formed: drop what this element half-wrote, then fail.
            truncate(mark);
            throw e;
        }
        bufferedRows++;
        if (bufferedRows == 1) {
            batchStartedAt = time.getCurrentProcessingTime();
            scheduleTimer(batchStartedAt + options.flushInterval().toMillis());
        }
        if (bufferedRows >= options.batchSize()) {
            sendBatch();
        }
    }

    /** Called by Flink before every checkpoint barrier and at end of input: nothing may stay buffered. */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        sendBatch();
        awaitInFlight();
    }

    int bufferedRows() {
        return bufferedRows;
    }

    /** At most one timer is pending; it serves whichever batch is open when it fires. */
    private void scheduleTimer(long at) {
        if (!timerPending) {
            timerPending = true;
            time.registerTimer(at, this::onTimer);
        }
    }

    private void onTimer(long now) throws IOException, InterruptedException {
        timerPending = false;
        if (closed || bufferedRows == 0) {
            return;
        }
        long dueAt = batchStartedAt + options.flushInterval().toMillis();
        if (now >= dueAt) {
            sendBatch();
        } else {
            // The timer was set for an earlier batch that went out by size; this one is not due yet.
            scheduleTimer(dueAt);
        }
    }

    /**
     * Hands the buffered rows to the sender as one batch and starts a new buffer. At most one batch is in flight: the
     * task thread goes on encoding the next batch while ClickHouse writes this one (an insert into a table with
     * materialized views takes hundreds of milliseconds, which the task thread used to spend waiting), and waits for the
     * previous batch before it hands over another, so a slow or absent ClickHouse backpressures the job instead of
     * filling memory. A batch that fails all its retries fails the next {@code write} or {@code flush}, and Flink
     * restarts the job from its last checkpoint, replaying these rows.
     */
    private void sendBatch() throws IOException, InterruptedException {
        if (bufferedRows == 0) {
            return;
        }
        awaitInFlight();
        byte[] body = buffer.toByteArray();
        int count = bufferedRows;
        buffer.reset();
        bufferedRows = 0;
        CompletableFuture<Void> batch = new CompletableFuture<>();
        inFlight = batch;
        sender.execute(() -> {
            try {
                insertWithRetries(body, count);
                batch.complete(null);
            } catch (Throwable t) {
                batch.completeExceptionally(t);
            }
        });
        if (batch.isDone()) {
            awaitInFlight(); // a synchronous sender (tests): its failure surfaces here, as before
        }
    }

    /** Waits until the batch in flight (if any) is written; rethrows its failure. */
    private void awaitInFlight() throws IOException, InterruptedException {
        try {
            inFlight.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new IOException(io.getMessage(), io.getCause());
            }
            if (cause instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw new IOException("ClickHouse insert into " + options.table() + " failed: " + cause, cause);
        }
    }

    /** A batch that failed in the background fails the job at the next element, not only at the next checkpoint. */
    private void failIfLastBatchFailed() throws IOException, InterruptedException {
        if (inFlight.isCompletedExceptionally()) {
            awaitInFlight();
        }
    }

    /** One batch, retried with backoff on the sender's thread; counted once written. */
    private void insertWithRetries(byte[] body, int count) throws IOException, InterruptedException {
        String token = UUID.randomUUID().toString();
        for (int attempt = 0; ; attempt++) {
            long started = System.nanoTime();
            try {
                inserter.insert(options.table(), rows.format(), body, count, token);
                lastSendTimeMillis = (System.nanoTime() - started) / 1_000_000;
                break;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (attempt >= options.maxRetries()) {
                    failedBatches.inc();
                    numRecordsSendErrors.inc(count);
                    throw new IOException("ClickHouse insert of " + count + " rows into " + options.table() + " failed "
                            + (attempt + 1) + " times; giving up so the job restarts from its last checkpoint. Last error: "
                            + e.getMessage(), e);
                }
                long backoff = options.backoffBeforeRetry(attempt + 1).toMillis();
                retries.inc();
                LOG.warn("ClickHouse insert of {} rows into {} failed (attempt {} of {}), retrying in {} ms: {}", count,
                        options.table(), attempt + 1, options.maxRetries() + 1, backoff, e.getMessage());
                sleeper.sleep(backoff);
            }
        }
        rowsWritten.inc(count);
        batchesWritten.inc();
        numRecordsSend.inc(count);
        numBytesSend.inc(body.length);
    }

    /** Cuts the buffer back to {@code size} bytes (what the failed row half-wrote goes). */
    private void truncate(int size) throws IOException {
        byte[] kept = java.util.Arrays.copyOf(buffer.toByteArray(), size);
        buffer.reset();
        buffer.write(kept);
        rows.reset(buffer);
    }

    @Override
    public void close() {
        closed = true;
        if (sender instanceof ExecutorService service) {
            service.shutdownNow();
        }
        inserter.close();
    }
}
