package cn.xiaoneng.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The few Kafka Connect REST calls the platform needs (create-or-update, status, wait for RUNNING, delete, plugins),
 * on {@code java.net.http}. Works against any Connect cluster, local or production.
 */
public final class ConnectRestClient {
    /** Connect answers 409 while a rebalance is in progress or its config topic is being read; such calls are retried. */
    private static final int CONFLICT = 409;
    private static final Duration CONFLICT_RETRY = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;

    public ConnectRestClient(String baseUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String baseUrl() {
        String s = base.toString();
        return s.substring(0, s.length() - 1);
    }

    /** True when the worker answers {@code GET /connectors} (it has joined its group and read its config topic). */
    public boolean isReady() {
        try {
            return send(HttpRequest.newBuilder(base.resolve("connectors")).timeout(Duration.ofSeconds(5)).GET()).statusCode() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public List<String> connectors() {
        JsonNode list = json(call("GET", "connectors", null, 200));
        List<String> names = new ArrayList<>();
        list.forEach(n -> names.add(n.asText()));
        return names;
    }

    /**
     * Creates the connector or replaces its configuration ({@code PUT /connectors/{name}/config}).
     * @return true if it was created, false if an existing one was updated
     * @throws ConnectRestException with Connect's message, e.g. for an invalid configuration (400)
     */
    public boolean putConnector(String name, Map<String, String> config) {
        String body;
        try {
            body = JSON.writeValueAsString(new TreeMap<>(config));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("connector config of " + name + " is not serializable", e);
        }
        HttpResponse<String> r = call("PUT", "connectors/" + encode(name) + "/config", body, 200, 201);
        return r.statusCode() == 201;
    }

    /** Empty if the connector does not exist (or its status is not yet written, just after creation). */
    public Optional<ConnectorStatus> status(String name) {
        HttpResponse<String> r = call("GET", "connectors/" + encode(name) + "/status", null, 200, 404);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode n = json(r);
        List<TaskStatus> tasks = new ArrayList<>();
        n.path("tasks").forEach(t -> tasks.add(new TaskStatus(t.path("id").asInt(), t.path("state").asText(),
                t.path("worker_id").asText(), t.hasNonNull("trace") ? t.get("trace").asText() : null)));
        JsonNode c = n.path("connector");
        return Optional.of(new ConnectorStatus(n.path("name").asText(name), c.path("state").asText(),
                c.path("worker_id").asText(), c.hasNonNull("trace") ? c.get("trace").asText() : null, List.copyOf(tasks)));
    }

    /**
     * Waits until the connector and all its tasks (at least one) are RUNNING.
     * @throws IllegalStateException at once, with the stack trace Connect reports, if the connector or a task FAILED;
     *     or after {@code timeout} with the last status seen
     */
    public ConnectorStatus awaitRunning(String name, Duration timeout) {
        return awaitState(name, "RUNNING", timeout);
    }

    /**
     * Pauses the connector and its tasks ({@code PUT /connectors/{name}/pause}): Connect stops polling them, so nothing
     * reaches Kafka until {@link #resume}; offsets are kept. The tasks stay up: a Debezium task keeps reading its source
     * and queueing heartbeats, which arrive after the resume with the times they were made. Asynchronous: Connect
     * answers 202 at once; {@link #awaitState} waits for PAUSED.
     */
    public void pause(String name) {
        call("PUT", "connectors/" + encode(name) + "/pause", null, 202);
    }

    /**
     * Stops the connector ({@code PUT /connectors/{name}/stop}, Kafka 3.5+): its tasks are shut down, so a Debezium
     * connector no longer reads its source at all (no events, no heartbeats are made) until {@link #resume}; its
     * configuration and offsets are kept. {@link #awaitState} waits for STOPPED.
     */
    public void stop(String name) {
        call("PUT", "connectors/" + encode(name) + "/stop", null, 202, 204);
    }

    /** Resumes a paused or stopped connector ({@code PUT /connectors/{name}/resume}); asynchronous like {@link #pause}. */
    public void resume(String name) {
        call("PUT", "connectors/" + encode(name) + "/resume", null, 202);
    }

    /**
     * Waits until the connector and all its tasks are in {@code state} (PAUSED, RUNNING: at least one task; STOPPED: a
     * stopped connector has no tasks).
     * @throws IllegalStateException at once if the connector or a task FAILED, or after {@code timeout} with the last
     *     status seen
     */
    public ConnectorStatus awaitState(String name, String state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<ConnectorStatus> last;
        while (true) {
            last = status(name);
            if (last.isPresent()) {
                ConnectorStatus s = last.get();
                s.failure().ifPresent(trace -> {
                    throw new IllegalStateException("connector " + name + " FAILED:\n" + trace);
                });
                if (s.isIn(state)) {
                    return s;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("connector " + name + " not " + state + " after " + timeout.toSeconds() + " s; last status: "
                        + last.map(Object::toString).orElse("none"));
            }
            backOff(200);
        }
    }

    /** Deletes the connector; a missing one is not an error. Its offsets stay in the offsets topic. */
    public void delete(String name) {
        call("DELETE", "connectors/" + encode(name), null, 200, 204, 404);
    }

    /** Connector plugins installed on the worker ({@code GET /connector-plugins}). */
    public List<ConnectorPlugin> plugins() {
        List<ConnectorPlugin> plugins = new ArrayList<>();
        json(call("GET", "connector-plugins", null, 200)).forEach(p -> plugins.add(
                new ConnectorPlugin(p.path("class").asText(), p.path("type").asText(), p.path("version").asText())));
        return plugins;
    }

    private HttpResponse<String> call(String method, String path, String body, int... expected) {
        long deadline = System.nanoTime() + CONFLICT_RETRY.toNanos();
        while (true) {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(100))
                    .header("Accept", "application/json");
            if (body != null) {
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> r = send(b);
            for (int code : expected) {
                if (r.statusCode() == code) {
                    return r;
                }
            }
            if (r.statusCode() == CONFLICT && System.nanoTime() < deadline) {
                backOff(250);
                continue;
            }
            throw new ConnectRestException(method, base.resolve(path), r.statusCode(), r.body());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest r = request.build();
        try {
            return http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(r.method() + " " + r.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + r.method() + " " + r.uri(), e);
        }
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON from " + r.uri() + ": " + r.body(), e);
        }
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void backOff(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public record TaskStatus(int id, String state, String workerId, String trace) {}

    public record ConnectorStatus(String name, String state, String workerId, String trace, List<TaskStatus> tasks) {
        public boolean isRunning() {
            return isIn("RUNNING");
        }

        /** Whether the connector and all its tasks are in {@code wanted}: at least one task, except when STOPPED (none). */
        public boolean isIn(String wanted) {
            if (!wanted.equals(state)) {
                return false;
            }
            return tasks.isEmpty() ? "STOPPED".equals(wanted) : tasks.stream().allMatch(t -> wanted.equals(t.state()));
        }

        /** The first failure's trace, connector first, then tasks. */
        public Optional<String> failure() {
            if ("FAILED".equals(state)) {
                return Optional.of("connector: " + trace);
            }
            return tasks.stream().filter(t -> "FAILED".equals(t.state())).findFirst()
                    .map(t -> "task " + t.id() + " on " + t.workerId() + ": " + t.trace());
        }
    }

    public record ConnectorPlugin(String className, String type, String version) {}

    /** A Connect REST call answered with an unexpected status; carries Connect's own error message. */
    public static final class ConnectRestException extends RuntimeException {
        private final int status;

        ConnectRestException(String method, URI uri, int status, String body) {
            super(method + " " + uri + " -> HTTP " + status + ": " + body);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
