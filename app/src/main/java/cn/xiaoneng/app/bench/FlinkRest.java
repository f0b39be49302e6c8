package cn.xiaoneng.app.bench;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The few calls of Flink's REST API the benchmark needs: trigger a checkpoint, read its statistics, read metrics. */
final class FlinkRest {
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    FlinkRest(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /**
     * Flink settings that open the REST API on {@code port} (loopback only) with metrics refreshed every second, for a
     * bench's embedded cluster.
     */
    static Map<String, String> settings(int port) {
        return Map.of("rest.bind-address", "127.0.0.1", "rest.address", "127.0.0.1", "rest.bind-port", String.valueOf(port),
                "rest.port", String.valueOf(port), "metrics.fetcher.update-interval", "1000");
    }

    /** The id of the first vertex of the job whose name contains {@code part}. */
    String vertex(String jobId, String part) throws IOException, InterruptedException {
        for (JsonNode v : get("/jobs/" + jobId).path("vertices")) {
            if (v.path("name").asText().contains(part)) {
                return v.path("id").asText();
            }
        }
        throw new IllegalStateException("no vertex named like '" + part + "' in job " + jobId);
    }

    /** The job's vertices, id → name, in the job graph's order (sources first). */
    Map<String, String> vertices(String jobId) throws IOException, InterruptedException {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode v : get("/jobs/" + jobId).path("vertices")) {
            out.put(v.path("id").asText(), v.path("name").asText());
        }
        return out;
    }

    /** Triggers a checkpoint ({@code CONFIGURED}, {@code FULL} or {@code INCREMENTAL}), waits for it and returns its statistics. */
    JsonNode checkpoint(String jobId, String type, Duration timeout) throws IOException, InterruptedException {
        String trigger = post("/jobs/" + jobId + "/checkpoints", "{\"checkpointType\":\"" + type + "\"}").path("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        long id = -1;
        while (id < 0) {
            JsonNode status = get("/jobs/" + jobId + "/checkpoints/" + trigger);
            if (status.path("status").path("id").asText().equals("COMPLETED")) {
                JsonNode op = status.path("operation");
                if (op.has("failure-cause")) {
                    throw new IllegalStateException("checkpoint failed: " + op.path("failure-cause"));
                }
                id = op.path("checkpointId").asLong();
            } else {
                waitOrFail(deadline, "checkpoint " + trigger);
            }
        }
        while (true) {
            JsonNode details = get("/jobs/" + jobId + "/checkpoints/details/" + id);
            if (details.path("status").asText().equals("COMPLETED")) {
                return details;
            }
            waitOrFail(deadline, "statistics of checkpoint " + id);
        }
    }

    /** The checkpoint's sync and async durations on one vertex: the slowest subtask's, in ms. */
    long[] checkpointDurations(String jobId, long checkpointId, String vertexId) throws IOException, InterruptedException {
        JsonNode d = get("/jobs/" + jobId + "/checkpoints/details/" + checkpointId + "/subtasks/" + vertexId).path("summary")
                .path("checkpoint_duration");
        return new long[] {d.path("sync").path("max").asLong(), d.path("async").path("max").asLong()};
    }

    /** Metrics of a vertex whose id contains {@code part}, summed over its subtasks (names without the subtask prefix). */
    Map<String, Double> metrics(String jobId, String vertexId, String part) throws IOException, InterruptedException {
        String path = "/jobs/" + jobId + "/vertices/" + vertexId + "/subtasks/metrics";
        List<String> names = new ArrayList<>();
        for (JsonNode m : get(path)) {
            String id = m.path("id").asText();
            if (id.contains(part)) {
                names.add(id);
            }
        }
        return names.isEmpty() ? new LinkedHashMap<>() : metricSums(jobId, vertexId, names);
    }

    /** The named metrics of a vertex, summed over its subtasks; a metric the vertex lacks is left out. */
    Map<String, Double> metricSums(String jobId, String vertexId, List<String> names) throws IOException, InterruptedException {
        Map<String, Double> out = new LinkedHashMap<>();
        String path = "/jobs/" + jobId + "/vertices/" + vertexId + "/subtasks/metrics?agg=sum&get="
                + URLEncoder.encode(String.join(",", names), StandardCharsets.UTF_8);
        for (JsonNode m : get(path)) {
            out.put(m.path("id").asText(), m.path("sum").asDouble());
        }
        return out;
    }

    private static void waitOrFail(long deadline, String what) throws InterruptedException {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("timed out waiting for " + what);
        }
        Thread.sleep(100);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private JsonNode post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(r.request().method() + " " + r.request().uri() + ": HTTP " + r.statusCode() + ": " + r.body());
        }
        return json.readTree(r.body());
    }
}
