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
 *   <li>{@code GET /api/cards} — {@link SupervisionReport}: the deadline engine's standing cards (督办); 503 likewise</li>
 *   <li>{@code GET /api/cases/<center>/<case>} — {@link CaseTrackingReport}: a case's 跟踪表; 404 for a case the engine
 *       never saw</li>
 *   <li>{@code GET /cases/<center>/<case>} — the page showing that 跟踪表 (the link in 督办 rows and alert messages)</li>
 *   <li>{@code GET /api/incidents[?center=<center>]} — {@link IncidentReport}: open and recent emergency-plan incidents
 *       (附录C) with plan deadlines, standing cards and impact; 503 likewise</li>
 *   <li>{@code GET /api/incidents/<center>/<incident>} — one incident with its timeline ({@link IncidentReport#page}); 404
 *       for an incident the warehouse does not have</li>
 *   <li>{@code GET /incidents/<center>/<incident>} — the page showing that incident</li>
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
    public static final String API_CARDS = "/api/cards";
    public static final String API_CASES = "/api/cases";
    public static final String CASE_PAGE = "/cases";
    public static final String API_INCIDENTS = "/api/incidents";
    public static final String INCIDENT_PAGE = "/incidents";
    public static final String HEALTH = "/health";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final Javalin app;
    private final PipelineStatusRepository pipeline;
    private final ThroughputRepository throughput;
    private final SupervisionRepository supervision;
    private final IncidentRepository incidents;
    private final ConsoleOptions options;

    private ConsoleServer(Javalin app, PipelineStatusRepository pipeline, ThroughputRepository throughput,
                          SupervisionRepository supervision, IncidentRepository incidents, ConsoleOptions options) {
        this.app = app;
        this.pipeline = pipeline;
        this.throughput = throughput;
        this.supervision = supervision;
        this.incidents = incidents;
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
        SupervisionRepository supervision = new SupervisionRepository(clickHouse, options);
        IncidentRepository incidents = new IncidentRepository(clickHouse, options);
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
        ConsoleServer server = new ConsoleServer(app, pipeline, throughput, supervision, incidents, options);
        app.get(API_PIPELINE, server::pipelineStatus);
        app.get(API_THROUGHPUT, server::throughput);
        app.get(API_CARDS, server::cards);
        app.get(API_CASES + "/{center}/{case}", server::caseTracking);
        app.get(CASE_PAGE + "/{center}/{case}", server::casePage);
        app.get(API_INCIDENTS, server::incidents);
        app.get(API_INCIDENTS + "/{center}/{incident}", server::incident);
        app.get(INCIDENT_PAGE + "/{center}/{incident}", server::incidentPage);
        app.get(HEALTH, server::health);
        app.exception(Exception.class, server::unexpected);
        try {
            app.start(options.host(), port);
        } catch (RuntimeException e) {
            pipeline.close();
            throughput.close();
            supervision.close();
            incidents.close();
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
            supervision.close();
            incidents.close();
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

    private void cards(Context ctx) {
        SupervisionFacts facts;
        try {
            facts = supervision.read();
        } catch (ClickHouseReadException e) {
            LOG.warn("{}", e.getMessage());
            error(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
            return;
        }
        json(ctx, HttpStatus.OK, SupervisionReport.of(facts, options));
    }

    private void caseTracking(Context ctx) {
        String center = ctx.pathParam("center");
        String caseId = ctx.pathParam("case");
        CaseTrackingReport report;
        try {
            CaseTrackingFacts facts = supervision.tracking(center, caseId);
            if (facts.isEmpty()) {
                error(ctx, HttpStatus.NOT_FOUND, "the deadline engine has no case " + caseId + " in center " + center);
                return;
            }
            report = CaseTrackingReport.of(facts, supervision.names());
        } catch (ClickHouseReadException e) {
            LOG.warn("{}", e.getMessage());
            error(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
            return;
        }
        json(ctx, HttpStatus.OK, report);
    }

    /** case.html for any case: the page reads its center and case from the path and asks {@link #API_CASES}. */
    private void casePage(Context ctx) throws java.io.IOException {
        page(ctx, "case.html");
    }

    private void incidents(Context ctx) {
        IncidentFacts facts;
        try {
            facts = incidents.read(ctx.queryParam("center"));
        } catch (ClickHouseReadException e) {
            LOG.warn("{}", e.getMessage());
            error(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
            return;
        }
        json(ctx, HttpStatus.OK, IncidentReport.of(facts, options));
    }

    private void incident(Context ctx) {
        String center = ctx.pathParam("center");
        String incidentId = ctx.pathParam("incident");
        IncidentFacts facts;
        try {
            facts = incidents.incident(center, incidentId);
        } catch (ClickHouseReadException e) {
            LOG.warn("{}", e.getMessage());
            error(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
            return;
        }
        if (facts.incidents().isEmpty()) {
            error(ctx, HttpStatus.NOT_FOUND, "the incident job has no incident " + incidentId + " in center " + center);
            return;
        }
        json(ctx, HttpStatus.OK, IncidentReport.page(facts));
    }

    /** incident.html for any incident: the page reads its center and id from the path and asks {@link #API_INCIDENTS}. */
    private void incidentPage(Context ctx) throws java.io.IOException {
        page(ctx, "incident.html");
    }

    private static void page(Context ctx, String file) throws java.io.IOException {
        try (var in = ConsoleServer.class.getResourceAsStream(STATIC_FOLDER + "/" + file)) {
            if (in == null) {
                throw new IllegalStateException(file + " is missing from the console's resources");
            }
            ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-cache").result(in.readAllBytes());
        }
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
