package cn.xiaoneng.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A ClickHouse 26.7 server of our own, as a local process: libchdb.so (npm package, see tools/clickhouse/install.sh)
 * run through {@code tools/clickhouse/bin/clickhouse-launcher} as clickhouse-local with its HTTP listener opened.
 * Layout under {@code dir}: {@code data/} (ClickHouse's --path) and {@code clickhouse.log}. One process per data dir
 * (a second one fails with Code 76); data survives a restart on the same dir. User {@code default}, empty password.
 *
 * <p>Nothing outside tests and the demo may depend on this class: production talks to a real ClickHouse through the
 * same HTTP interface.
 */
public final class ClickHouseServer implements AutoCloseable {
    public static final String LAUNCHER = "tools/clickhouse/bin/clickhouse-launcher";
    public static final String USER = "default";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dir;
    private final int httpPort;
    private final ManagedProcess process;

    private ClickHouseServer(Path dir, int httpPort, ManagedProcess process) {
        this.dir = dir;
        this.httpPort = httpPort;
        this.process = process;
    }

    /** Starts on a free loopback port; {@code dir} may hold data from an earlier run, which is kept. */
    public static ClickHouseServer start(Path dir) {
        return start(dir, FreePorts.next());
    }

    /** Starts on {@code httpPort}: a restart on the same dir and port looks to clients like a server that came back. */
    public static ClickHouseServer start(Path dir, int httpPort) {
        return start(dir, httpPort, false);
    }

    /**
     * Starts with ClickHouse's query log, query views log and part log switched on ({@code system.query_log},
     * {@code system.query_views_log}, {@code system.part_log}), as a stock server has them: what each insert, view and
     * merge cost. clickhouse-local keeps none by default; the bench reads them to say where ClickHouse's CPU went.
     */
    public static ClickHouseServer startWithQueryLogs(Path dir) {
        return start(dir, FreePorts.next(), true);
    }

    private static ClickHouseServer start(Path dir, int httpPort, boolean queryLogs) {
        Path launcher = XiaonengHome.get().resolve(LAUNCHER);
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("ClickHouse launcher " + launcher + " not found: run tools/clickhouse/install.sh"
                    + " (needs npm and gcc) in the checkout first");
        }
        Path home = dir.toAbsolutePath().normalize();
        Path data = home.resolve("data");
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + data, e);
        }
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        if (queryLogs) {
            command.add("--config-file=" + writeQueryLogConfig(home));
        }
        command.addAll(List.of(
                "--path=" + data,
                "--http_port=" + httpPort,
                "--listen_host=127.0.0.1",
                // chdb defaults to async_insert=1, a stock server to 0; HTTP sessions inherit this. Clients still set it
                // per query, because production servers are configured by their owners.
                "--async_insert=0",
                // --interactive keeps the engine alive reading stdin, which ManagedProcess holds open as a pipe;
                // the listener keeps serving until stdin closes or SIGTERM arrives.
                "--interactive",
                "--query", "SYSTEM START LISTEN HTTP"));
        ManagedProcess process = ManagedProcess.start("clickhouse:" + httpPort, command, home, Map.of(),
                home.resolve("clickhouse.log"));
        ClickHouseServer server = new ClickHouseServer(home, httpPort, process);
        try {
            // A dead process ends the wait at once (port taken, data dir locked by another instance) instead of at the timeout.
            Waits.until("ClickHouse /ping on port " + httpPort + " (log " + process.log() + ")", START_TIMEOUT, 100,
                    () -> !process.isAlive() || server.ping());
            process.checkAlive();
        } catch (RuntimeException e) {
            server.kill();
            throw e;
        }
        return server;
    }

    /** The server config that turns the three logs on, written next to the data dir; returns its path. */
    private static Path writeQueryLogConfig(Path home) {
        StringBuilder xml = new StringBuilder("<clickhouse>\n");
        for (String table : List.of("query_log", "query_views_log", "part_log")) {
            xml.append("  <").append(table).append("><database>system</database><table>").append(table)
                    .append("</table><flush_interval_milliseconds>1000</flush_interval_milliseconds></").append(table).append(">\n");
        }
        Path config = home.resolve("query-logs.xml");
        try {
            Files.writeString(config, xml.append("</clickhouse>\n"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + config, e);
        }
        return config;
    }

    /** {@code http://127.0.0.1:PORT}, the endpoint for client-v2 and the HTTP interface. */
    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public String user() {
        return USER;
    }

    /** Empty: the only user clickhouse-local offers without a users file. */
    public String password() {
        return "";
    }

    public Path dir() {
        return dir;
    }

    public Path log() {
        return process.log();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** True if {@code /ping} answers "Ok." now. */
    public boolean ping() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(httpUrl() + "/ping"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().strip().equals("Ok.");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs one statement over HTTP as {@code default} (synchronous inserts) and returns the body without the trailing
     * newline, e.g. {@code query("SELECT count() FROM xiaoneng.t")} → "42". For test assertions and the demo's checks;
     * application code uses client-v2.
     */
    public String query(String sql) {
        URI uri = URI.create(httpUrl() + "/?async_insert=0&wait_end_of_query=1&user=" + USER + "&query_id="
                + URLEncoder.encode("test-support-" + System.nanoTime(), StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                throw new IllegalStateException("ClickHouse on port " + httpPort + " answered HTTP " + r.statusCode()
                        + " to [" + sql + "]: " + r.body().strip());
            }
            return r.body().endsWith("\n") ? r.body().substring(0, r.body().length() - 1) : r.body();
        } catch (IOException e) {
            throw new IllegalStateException("ClickHouse on port " + httpPort + " unreachable for [" + sql + "]: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted querying ClickHouse", e);
        }
    }

    /** SIGTERM (ClickHouse stops in about 1.5 s), then SIGKILL if needed; the data dir stays usable for a restart. */
    public void stop() {
        process.stop();
    }

    /** SIGKILL, as a crash would. */
    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "ClickHouseServer[" + httpUrl() + ", dir=" + dir + "]";
    }
}
