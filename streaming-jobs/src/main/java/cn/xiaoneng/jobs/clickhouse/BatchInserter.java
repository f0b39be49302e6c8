package cn.xiaoneng.jobs.clickhouse;

/** Sends one batch of JSONEachRow lines; the seam between the writer's batching/retry logic and client-v2. */
interface BatchInserter extends AutoCloseable {
    /**
     * Inserts {@code rows} lines from {@code jsonEachRow} into {@code table} and returns once ClickHouse has written
     * them. {@code deduplicationToken} is the same for every attempt of one batch.
     */
    void insert(String table, byte[] jsonEachRow, int rows, String deduplicationToken) throws Exception;

    @Override
    void close();
}
