package cn.xiaoneng.console;

import cn.xiaoneng.model.Times;
import cn.xiaoneng.warehouse.ClickHouseConnection;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live web console: static pages from the classpath folder {@value #STATIC_FOLDER} (no CDN: the machines it runs
 * on may have no internet) and a JSON API they poll. Routes:
 * <ul>
 *   <li>{@code GET /} — the page (index.html, console.js, console.css)</li>
 *   <li>{@code GET /api/pipeline} — {@link PipelineStatus}; 503 with {@code {"error": …}} when ClickHouse cannot answer</li>
 *   <li>{@code GET /api/throughput} — {@link ThroughputReport}; 503 likewise</li>
 *   <li>{@code GET /webjars/…} — ECharts from its WebJar on the classpath</li>
 *   <li>{@code GET /health} — the console process itself is up</li>
 * </ul>
 * Handlers only translate HTTP; reads live in the repositories ({@link PipelineStatusRepository},
 * {@link ThroughputRepository}) and shaping in plain Java ({@link PipelineStatus}, {@link ThroughputReport}).
 * A new panel adds a repository, an {@code /api/…} route here and a panel in console.js.
 */
public final class ConsoleServer implements AutoCloseable {
    public static final String STATIC_FOLDER = "/console";
    public static final String API_PIPELINE = "/api/pipeline";
    public static final String API_THROUGHPUT = "/api/throughput";
    public static final String HEALTH = "/health";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final Javalin app;
    private final PipelineStatusRepository pipeline;
    private final ThroughputRepository throughput;
    private final ConsoleOptions options;

    private ConsoleServer(Javalin app, PipelineStatusRepository pipeline, ThroughputRepository throughput,
                          ConsoleOptions options) {
        this.app = app;
        this.pipeline = pipeline;
        this.throughput = throughput;
        this.options = options;
    }

    /** Starts on {@code port} (0: a free one) with {@link ConsoleOptions#defaults()}: loopback only, refresh every 3 s. */
    public static ConsoleServer start(ClickHouseConnection clickHouse, int port) {
        return start(clickHouse, port, ConsoleOptions.defaults());
    }

    public static ConsoleServer start(ClickHouseConnection clickHouse, int port, ConsoleOptions options) {
        Objects.requireNonNull(clickHouse, "clickHouse");
        Objects.requireNonNull(options, "options");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("console port must be 0 (any free port) or 1–65535: " + port);
        }
        PipelineStatusRepository pipeline = new PipelineStatusRepository(clickHouse, options);
        ThroughputRepository throughput = new ThroughputRepository(clickHouse, options);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = STATIC_FOLDER;
                files.location = Location.CLASSPATH;
                // A rebuilt console must not be hidden behind a cached script.
                files.headers = Map.of("Cache-Control", "no-cache");
            });
            // /webjars/echarts/<version>/dist/echarts.min.js; the version is in the path, so long caching is safe.
            config.staticFiles.enableWebjars();
        });
        ConsoleServer server = new ConsoleServer(app, pipeline, throughput, options);
        app.get(API_PIPELINE, server::pipelineStatus);
        app.get(API_THROUGHPUT, server::throughput);
        app.get(HEALTH, server::health);
        app.exception(Exception.class, server::unexpected);
        try {
            app.start(options.host(), port);
        } catch (RuntimeException e) {
            pipeline.close();
            throughput.close();
            throw new IllegalStateException("console cannot listen on " + options.host() + ":" + port + ": " + e.getMessage(), e);
        }
        LOG.info("console serving {} from {}", server.url(), clickHouse);
        return server;
    }

    public int port() {
        return app.port();
    }

    /** {@code http://HOST:PORT}; a console listening on every interface is reached here through loopback. */
    public String url() {
        String host = options.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        }
        return "http://" + host + ":" + port();
    }

    public void stop() {
        try {
            app.stop();
        } finally {
            pipeline.close();
            throughput.close();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void pipelineStatus(Context ctx) {
        PipelineFacts facts;
        try {
            facts = pipeline.read();
        } catch (ClickHouseReadException e) {
            LOG.warn("{}", e.getMessage());
            error(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
            return;
        }
        json(ctx, HttpStatus.OK, PipelineStatus.of(facts, options));
    }

    private void throughput(Context ctx) {
        ThroughputFacts facts;
        try {
            facts = throughput.read();
        } catch (ClickHouseReadException e) {
            LOG.warn("{}", e.getMessage());
            error(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
            return;
        }
        json(ctx, HttpStatus.OK, ThroughputReport.of(facts, options));
    }

    private void health(Context ctx) {
        json(ctx, HttpStatus.OK, Map.of("status", "UP"));
    }

    private void unexpected(Exception e, Context ctx) {
        LOG.error("console request {} failed", ctx.path(), e);
        error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "console error: " + e);
    }

    /** The page shows {@code error} in a banner and keeps the last figures it had, marked as out of date. */
    private void error(Context ctx, HttpStatus status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("at", Times.format(System.currentTimeMillis()));
        body.put("refreshIntervalMs", options.refreshInterval().toMillis());
        json(ctx, status, body);
    }

    private static void json(Context ctx, HttpStatus status, Object body) {
        try {
            ctx.status(status).contentType("application/json; charset=utf-8").result(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
