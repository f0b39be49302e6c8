package cn.xiaoneng.console;

import cn.xiaoneng.warehouse.ClickHouseConnection;
import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QuerySettings;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The console's read path to ClickHouse, shared by its repositories: one thread-safe client-v2 {@link Client}, reads
 * that time out after {@link ConsoleOptions#queryTimeout()} (the page asks again every few seconds and shows the
 * error meanwhile), and failures turned into a {@link ClickHouseReadException} whose message names what was being
 * read, where, and — for the usual first-run mistake — what to do.
 */
final class ClickHouseReader implements AutoCloseable {
    private final ClickHouseConnection connection;
    private final ConsoleOptions options;
    private final Client client;

    ClickHouseReader(ClickHouseConnection connection, ConsoleOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.connection = Objects.requireNonNull(connection, "connection").toBuilder()
                .socketTimeout(options.queryTimeout()).build();
        this.client = this.connection.newClient();
    }

    /** All rows of {@code sql} with {@code {name:Type}} parameters; {@code what} names the figure in error messages. */
    List<GenericRecord> query(String what, String sql, Map<String, Object> params) {
        QuerySettings settings = new QuerySettings().setMaxExecutionTime((int) Math.max(1, options.queryTimeout().toSeconds()));
        try {
            return client.queryAll(sql, params, settings);
        } catch (RuntimeException e) {
            String message = rootMessage(e);
            // The usual first-run mistake: a console pointed at a database the migrator never ran on.
            String hint = message.contains("UNKNOWN_TABLE") || message.contains("UNKNOWN_DATABASE")
                    ? " — apply the warehouse-schema migrations to this database first (bin/xiaoneng migrate)" : "";
            throw new ClickHouseReadException("reading " + what + " from ClickHouse at " + connection.endpoint()
                    + ", database " + connection.database() + " failed: " + message + hint, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.strip();
    }

    @Override
    public void close() {
        client.close();
    }
}
