package cn.xiaoneng.jobs.clickhouse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.UUID;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers encoded rows and sends them as one insert when the batch is full, when its oldest row is
 * {@code flushInterval} old (a processing-time timer, so a half-full batch goes out even if no further element
 * arrives), and on {@link #flush} (every checkpoint and end of input). Timers and {@code write} both run on the task's
 * mailbox thread, so no locking is needed.
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
        this(options, RowWriter.json(encoder), inserter, time, metrics, sleeper);
    }

    ClickHouseSinkWriter(ClickHouseSinkOptions options, RowWriter<T> rows, BatchInserter inserter,
                         ProcessingTimeService time, SinkWriterMetricGroup metrics, Sleeper sleeper) {
        this.options = options;
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
     * Sends the buffer, retrying with backoff. Sleeping on the task thread is deliberate: it backpressures the job
     * while ClickHouse is away instead of buffering without bound. When retries run out the exception fails the
     * job, and Flink restarts it from the last checkpoint, replaying these rows.
     */
    private void sendBatch() throws IOException, InterruptedException {
        if (bufferedRows == 0) {
            return;
        }
        byte[] body = buffer.toByteArray();
        int count = bufferedRows;
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
        buffer.reset();
        bufferedRows = 0;
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
        inserter.close();
    }
}
