package cn.xiaoneng.jobs.clickhouse;

import cn.xiaoneng.warehouse.ClickHouseConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes a stream into one ClickHouse table as JSONEachRow (or RowBinaryWithNamesAndTypes) over client-v2, in batches by size and by time, with
 * retries and exponential backoff; at every checkpoint Flink calls {@code flush}, which sends everything buffered, so
 * a completed checkpoint implies the rows before it are in ClickHouse (at-least-once). After a failure the job replays
 * from the checkpoint and rows may arrive twice: tables written by this sink are keyed for that (ReplacingMergeTree
 * on a deterministic event id, or aggregates that are recomputed), see warehouse-schema.
 *
 * <pre>{@code
 * stream.sinkTo(ClickHouseSink.<CaseEvent>builder()
 *         .connection(connection).table("ods_case_event").encoder(new CaseEventRowEncoder())
 *         .build()).uid("ods-case-events-sink");
 * }</pre>
 */
public final class ClickHouseSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final ClickHouseConnection connection;
    private final ClickHouseSinkOptions options;
    /** Exactly one of the two is set. */
    private final JsonRowEncoder<T> encoder;
    private final RowBinaryEncoder<T> rowBinary;

    private ClickHouseSink(ClickHouseConnection connection, ClickHouseSinkOptions options, JsonRowEncoder<T> encoder, RowBinaryEncoder<T> rowBinary) {
        this.connection = connection;
        this.options = options;
        this.encoder = encoder;
        this.rowBinary = rowBinary;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    public ClickHouseConnection connection() {
        return connection;
    }

    public ClickHouseSinkOptions options() {
        return options;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        RowWriter<T> rows = rowBinary != null ? RowWriter.rowBinary(rowBinary) : RowWriter.json(encoder);
        // One sender thread per writer: the task thread encodes the next batch while this one is inserted.
        ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "clickhouse-sink " + options.table() + " " + context.getTaskInfo().getIndexOfThisSubtask());
            t.setDaemon(true);
            return t;
        });
        return new ClickHouseSinkWriter<>(options, rows, new ClickHouseBatchInserter(connection), sender,
                context.getProcessingTimeService(), context.metricGroup(), ClickHouseSinkWriter.Sleeper.THREAD_SLEEP);
    }

    @Override
    public String toString() {
        return "ClickHouseSink[" + connection + ", " + options + "]";
    }

    public static final class Builder<T> {
        private ClickHouseConnection connection;
        private String table;
        private JsonRowEncoder<T> encoder;
        private RowBinaryEncoder<T> rowBinary;
        private int batchSize = ClickHouseSinkOptions.DEFAULT_BATCH_SIZE;
        private Duration flushInterval = ClickHouseSinkOptions.DEFAULT_FLUSH_INTERVAL;
        private int maxRetries = ClickHouseSinkOptions.DEFAULT_MAX_RETRIES;
        private Duration initialBackoff = ClickHouseSinkOptions.DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = ClickHouseSinkOptions.DEFAULT_MAX_BACKOFF;

        private Builder() {}

        public Builder<T> connection(ClickHouseConnection connection) {
            this.connection = connection;
            return this;
        }

        /** Unqualified names resolve in {@link ClickHouseConnection#database()}. */
        public Builder<T> table(String table) {
            this.table = table;
            return this;
        }

        /** Rows as JSONEachRow (the default way: easy to read and to evolve). */
        public Builder<T> encoder(JsonRowEncoder<T> encoder) {
            this.encoder = encoder;
            this.rowBinary = null;
            return this;
        }

        /** Rows as RowBinaryWithNamesAndTypes: for tables every record reaches, where encoding and parsing cost most. */
        public Builder<T> rowBinary(RowBinaryEncoder<T> encoder) {
            this.rowBinary = encoder;
            this.encoder = null;
            return this;
        }

        /** Rows per insert (default {@value ClickHouseSinkOptions#DEFAULT_BATCH_SIZE}); every insert makes a part, so not too small. */
        public Builder<T> batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Longest a row waits in the buffer (default 1 s): the sink's share of end-to-end latency. */
        public Builder<T> flushInterval(Duration flushInterval) {
            this.flushInterval = flushInterval;
            return this;
        }

        /** Retries per batch before the job fails (default {@value ClickHouseSinkOptions#DEFAULT_MAX_RETRIES}). */
        public Builder<T> maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        public Builder<T> initialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
            return this;
        }

        public Builder<T> maxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
            return this;
        }

        public ClickHouseSink<T> build() {
            Objects.requireNonNull(connection, "connection is required");
            if (encoder == null && rowBinary == null) {
                throw new NullPointerException("encoder is required");
            }
            return new ClickHouseSink<>(connection,
                    new ClickHouseSinkOptions(table, batchSize, flushInterval, maxRetries, initialBackoff, maxBackoff), encoder, rowBinary);
        }
    }
}
