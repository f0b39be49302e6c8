package cn.xiaoneng.alerting.bench;

import cn.xiaoneng.alerting.message.Hmac;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real HTTP receiver on a loopback port, as a supervisory body's system would run one: it checks each webhook's HMAC
 * signature, keeps what it accepted, and drops idempotency keys it has seen (counting them). It can be switched
 * "down" (answers 503) to play an outage. Also answers as a DingTalk/WeCom robot ({@code errcode 0}) and an SMS
 * gateway. Used by the integration tests and the benchmark.
 */
public final class LocalWebhookReceiver implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One accepted request. */
    public record Received(String path, String idempotencyKey, String body, JsonNode json, long at) {}

    private final HttpServer server;
    private final String secret;
    private final List<Received> accepted = new ArrayList<>();
    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile int duplicates;
    private volatile int refused;
    private volatile int badSignatures;

    public LocalWebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void setDown(boolean isDown) {
        down.set(isDown);
    }

    private void handle(HttpExchange ex) throws IOException {
        if (ex.getRequestMethod().equals("GET")) {
            listing(ex);
            return;
        }
        byte[] body = ex.getRequestBody().readAllBytes();
        String text = new String(body, StandardCharsets.UTF_8);
        int status;
        String answer = "{\"errcode\":0,\"errmsg\":\"ok\"}";
        if (down.get()) {
            status = 503;
            refused++;
        } else if (!signatureOk(ex, text)) {
            status = 401;
            badSignatures++;
        } else {
            status = 200;
            String key = ex.getRequestHeaders().getFirst("X-Xiaoneng-Idempotency-Key");
            if (key != null && !keys.add(ex.getRequestURI().getPath() + "|" + key)) {
                duplicates++;
            } else {
                JsonNode json = null;
                try {
                    json = MAPPER.readTree(text);
                } catch (IOException e) {
                    // form bodies (SMS gateways) stay text
                }
                synchronized (accepted) {
                    accepted.add(new Received(ex.getRequestURI().getPath(), key, text, json, System.currentTimeMillis()));
                }
            }
        }
        byte[] out = answer.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    /** {@code GET}: the last 50 accepted messages, newest first, as plain text (what the demo's people were sent). */
    private void listing(HttpExchange ex) throws IOException {
        List<Received> all = accepted();
        StringBuilder b = new StringBuilder("accepted ").append(all.size()).append(" messages, ").append(duplicates)
                .append(" repeated keys dropped; the last 50:\n\n");
        for (int i = all.size() - 1; i >= Math.max(0, all.size() - 50); i--) {
            Received r = all.get(i);
            String text = r.json() == null ? r.body()
                    : r.json().has("content") ? r.json().path("phone").asText() + " " + r.json().path("content").asText()
                    : r.json().path("title").asText(r.body());
            b.append(java.time.Instant.ofEpochMilli(r.at())).append("  ").append(r.path()).append("  ").append(r.idempotencyKey())
                    .append("\n  ").append(text.replace("\n", " ")).append("\n");
        }
        byte[] out = b.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(200, out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    private boolean signatureOk(HttpExchange ex, String body) {
        String sig = ex.getRequestHeaders().getFirst("X-Xiaoneng-Signature");
        if (sig == null) {
            return true; // robots and SMS gateways are not signed this way
        }
        String ts = ex.getRequestHeaders().getFirst("X-Xiaoneng-Timestamp");
        String expected = "sha256=" + HexFormat.of().formatHex(Hmac.sha256(secret, ts + "." + body));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), sig.getBytes(StandardCharsets.US_ASCII));
    }

    public List<Received> accepted() {
        synchronized (accepted) {
            return List.copyOf(accepted);
        }
    }

    public List<Received> accepted(String path) {
        return accepted().stream().filter(r -> r.path().equals(path)).toList();
    }

    public int acceptedCount() {
        synchronized (accepted) {
            return accepted.size();
        }
    }

    /** Requests whose idempotency key was seen before (resends). */
    public int duplicates() {
        return duplicates;
    }

    public int refused() {
        return refused;
    }

    public int badSignatures() {
        return badSignatures;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
