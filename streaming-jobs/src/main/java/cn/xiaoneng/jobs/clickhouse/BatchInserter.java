package cn.xiaoneng.jobs.clickhouse;

import com.clickhouse.data.ClickHouseFormat;

/** Sends one batch of rows; the seam between the writer's batching/retry logic and client-v2. */
interface BatchInserter extends AutoCloseable {
    /**
     * Inserts the {@code rows} rows of {@code body} (in {@code format}) into {@code table} and returns once ClickHouse
     * has written them. {@code deduplicationToken} is the same for every attempt of one batch.
     */
    void insert(String table, ClickHouseFormat format, byte[] body, int rows, String deduplicationToken) throws Exception;

    @Override
    void close();
}
