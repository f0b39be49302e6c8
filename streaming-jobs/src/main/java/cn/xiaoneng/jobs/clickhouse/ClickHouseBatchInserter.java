package cn.xiaoneng.jobs.clickhouse;

import cn.xiaoneng.warehouse.ClickHouseConnection;
import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link BatchInserter} over client-v2's HTTP insert with the data in the request body. */
final class ClickHouseBatchInserter implements BatchInserter {
    private final Client client;
    private final long timeoutMillis;

    ClickHouseBatchInserter(ClickHouseConnection connection) {
        this.client = connection.newClient();
        // The socket timeout already bounds each read; the extra margin only covers connection set-up.
        this.timeoutMillis = connection.socketTimeout().plus(connection.connectTimeout()).toMillis();
    }

    @Override
    public void insert(String table, ClickHouseFormat format, byte[] body, int rows, String deduplicationToken) throws Exception {
        InsertSettings settings = new InsertSettings();
        // Acknowledged means written: the checkpoint that follows a flush must not depend on a server-side buffer.
        settings.serverSetting("async_insert", "0");
        settings.serverSetting("wait_for_async_insert", "1");
        // A field the table lacks means the encoder is ahead of the migrations: fail instead of silently dropping it.
        settings.serverSetting("input_format_skip_unknown_fields", "0");
        // Encoders write instants as ISO-8601 strings (with offset or Z); the default "basic" parser rejects those.
        settings.serverSetting("date_time_input_format", "best_effort");
        // A retried batch whose first attempt did reach the server is dropped by tables that keep a deduplication
        // window (replicated tables, or non_replicated_deduplication_window); other tables ignore it.
        settings.setDeduplicationToken(deduplicationToken);
        try (InsertResponse ignored = client.insert(table, new ByteArrayInputStream(body), format, settings)
                .get(timeoutMillis, TimeUnit.MILLISECONDS)) {
            // written
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new TimeoutException("no answer from ClickHouse within " + timeoutMillis + " ms");
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
