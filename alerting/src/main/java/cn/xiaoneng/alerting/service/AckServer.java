package cn.xiaoneng.alerting.service;

import cn.xiaoneng.alerting.alert.Alert;
import cn.xiaoneng.alerting.config.ConfigException;
import cn.xiaoneng.alerting.config.Durations;
import cn.xiaoneng.alerting.config.Receiver;
import cn.xiaoneng.alerting.config.RoutingConfigLoader;
import cn.xiaoneng.alerting.config.Secret;
import cn.xiaoneng.alerting.config.Silence;
import cn.xiaoneng.model.Times;
import cn.xiaoneng.alerting.engine.AlertEngine;
import cn.xiaoneng.alerting.engine.AlertState;
import cn.xiaoneng.alerting.engine.PlannedStep;
import cn.xiaoneng.alerting.message.AckLinks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The router's HTTP side (Javalin): signed acknowledgement links and the API.
 * <ul>
 *   <li>{@code GET /ack?c&r&e&s} — a confirmation page (chat apps prefetch links: a GET never acknowledges);</li>
 *   <li>{@code POST /ack} — the page's button: acknowledges as the receiver the link was sent to;</li>
 *   <li>{@code POST /api/alerts/{cardId}/ack} {@code {"by": "…"}} — acknowledges (bearer token);</li>
 *   <li>{@code GET /api/alerts/{cardId}} — the card's delivery state (bearer token);</li>
 *   <li>{@code POST /api/dry-run} with a card's JSON — the receivers it would reach now (bearer token);</li>
 *   <li>{@code POST /api/silences} — creates a silence (a {@code silences.yaml} entry as JSON; {@code id} and
 *       {@code startsAt} default to a new id and now, {@code duration} may replace {@code endsAt}) (bearer token);</li>
 *   <li>{@code GET /api/silences} — every silence, the file's and the API's, with its state (bearer token);</li>
 *   <li>{@code DELETE /api/silences/{id}?by=…} — ends an API silence now (bearer token);</li>
 *   <li>{@code GET /health}.</li>
 * </ul>
 */
final class AckServer {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final AlertRouterService service;
    private final AckLinks links;
    private final Secret apiToken;
    private final LongSupplier clock;
    private Javalin app;

    AckServer(AlertRouterService service, AckLinks links, Secret apiToken, LongSupplier clock) {
        this.service = service;
        this.links = links;
        this.apiToken = apiToken;
        this.clock = clock;
    }

    void start(int port) {
        app = Javalin.create(c -> c.showJavalinBanner = false)
                .get("/health", ctx -> ctx.status(service.isHealthy() ? 200 : 503).result(service.isHealthy() ? "ok" : "failed"))
                .get("/ack", this::ackPage)
                .post("/ack", this::ackByLink)
                .post("/api/alerts/{cardId}/ack", this::ackByApi)
                .get("/api/alerts/{cardId}", this::alertState)
                .post("/api/dry-run", this::dryRun)
                .post("/api/silences", this::createSilence)
                .get("/api/silences", this::listSilences)
                .delete("/api/silences/{id}", this::expireSilence)
                .start(port);
    }

    int port() {
        return app.port();
    }

    void stop() {
        if (app != null) {
            app.stop();
        }
    }

    private boolean validLink(Context ctx) {
        try {
            return links.verify(ctx.queryParam("c") != null ? ctx.queryParam("c") : ctx.formParam("c"),
                    param(ctx, "r"), Long.parseLong(param(ctx, "e")), param(ctx, "s"), clock.getAsLong());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String param(Context ctx, String name) {
        String q = ctx.queryParam(name);
        return q != null ? q : ctx.formParam(name);
    }

    private void ackPage(Context ctx) {
        if (!validLink(ctx)) {
            ctx.status(403).html(page("链接无效或已过期", "请从最新的提醒消息中打开确认链接。"));
            return;
        }
        String form = "<form method=\"post\" action=\"ack\">" + hidden(ctx, "c") + hidden(ctx, "r") + hidden(ctx, "e")
                + hidden(ctx, "s") + "<p>确认人：<input name=\"by\" maxlength=\"40\"></p>"
                + "<p><button type=\"submit\">确认收到，停止升级</button></p></form>";
        ctx.html(page("确认监察卡", "卡片编号 " + esc(param(ctx, "c")) + "。确认后不再向上级升级提醒；此操作将记入审计。" + form));
    }

    private void ackByLink(Context ctx) throws Exception {
        if (!validLink(ctx)) {
            ctx.status(403).html(page("链接无效或已过期", "请从最新的提醒消息中打开确认链接。"));
            return;
        }
        String receiverId = param(ctx, "r");
        Receiver r = service.config().receiver(receiverId);
        String by = (r == null ? receiverId : r.label()) + (blank(ctx.formParam("by")) ? "" : " " + ctx.formParam("by").strip());
        AlertEngine.AckOutcome o = service.ack(param(ctx, "c"), by, "link:" + receiverId).get(10, TimeUnit.SECONDS);
        ctx.status(o == AlertEngine.AckOutcome.NOT_FOUND ? 404 : 200).html(page(switch (o) {
            case ACKNOWLEDGED -> "已确认";
            case ALREADY_ACKNOWLEDGED -> "此前已确认";
            case WITHDRAWN -> "该卡已撤销，无需确认";
            case NOT_FOUND -> "未找到该卡";
        }, "卡片编号 " + esc(param(ctx, "c"))));
    }

    private boolean authorized(Context ctx) {
        String h = ctx.header("Authorization");
        byte[] expected = ("Bearer " + apiToken.value()).getBytes(StandardCharsets.UTF_8);
        if (h == null || !MessageDigest.isEqual(h.getBytes(StandardCharsets.UTF_8), expected)) {
            ctx.status(401).json(MAPPER.createObjectNode().put("error", "missing or wrong bearer token"));
            return false;
        }
        return true;
    }

    private void ackByApi(Context ctx) throws Exception {
        if (!authorized(ctx)) {
            return;
        }
        JsonNode body = ctx.body().isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(ctx.body());
        String by = body.path("by").asText("");
        if (by.isBlank()) {
            ctx.status(400).json(MAPPER.createObjectNode().put("error", "body needs \"by\": who acknowledges"));
            return;
        }
        String cardId = ctx.pathParam("cardId");
        AlertEngine.AckOutcome o = service.ack(cardId, by.strip(), "api").get(10, TimeUnit.SECONDS);
        ctx.status(o == AlertEngine.AckOutcome.NOT_FOUND ? 404 : 200)
                .json(MAPPER.createObjectNode().put("cardId", cardId).put("outcome", o.name()));
    }

    private void alertState(Context ctx) throws Exception {
        if (!authorized(ctx)) {
            return;
        }
        String cardId = ctx.pathParam("cardId");
        ObjectNode n = service.onEngine(e -> {
            AlertState s = e.alert(cardId);
            if (s == null) {
                return null;
            }
            ObjectNode o = MAPPER.createObjectNode();
            o.put("cardId", cardId);
            o.put("kind", s.alert.kind());
            o.put("retracted", s.retracted);
            o.put("acknowledged", s.acked());
            o.put("acknowledgedBy", s.ackedBy);
            ArrayNode told = o.putArray("told");
            s.told.forEach((r, t) -> told.addObject().put("receiver", r).put("sent", t.sent).put("repeats", t.repeats));
            ArrayNode plan = o.putArray("plan");
            for (PlannedStep p : s.plan) {
                plan.addObject().put("receiver", p.receiver).put("afterMs", p.at).put("done", p.done).put("cancelled", p.cancelled)
                        .put("always", p.mandatory);
            }
            return o;
        }).get(10, TimeUnit.SECONDS);
        if (n == null) {
            ctx.status(404).json(MAPPER.createObjectNode().put("error", "unknown card " + cardId));
        } else {
            ctx.json(n);
        }
    }

    private void dryRun(Context ctx) throws Exception {
        if (!authorized(ctx)) {
            return;
        }
        Alert a;
        try {
            a = new cn.xiaoneng.alerting.alert.AlertParser().parse(ctx.bodyAsBytes());
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(MAPPER.createObjectNode().put("error", e.getMessage()));
            return;
        }
        AlertEngine.DryRun d = service.onEngine(e -> e.dryRun(a, clock.getAsLong())).get(10, TimeUnit.SECONDS);
        ctx.json(DryRunReport.json(a, d, service.config()));
    }

    private void createSilence(Context ctx) throws Exception {
        if (!authorized(ctx)) {
            return;
        }
        String source = "POST /api/silences";
        JsonNode body;
        try {
            body = MAPPER.readTree(ctx.body());
        } catch (java.io.IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            ctx.status(400).json(MAPPER.createObjectNode().put("error", source + ": body must be a JSON object"));
            return;
        }
        ObjectNode n = (ObjectNode) body;
        long now = clock.getAsLong();
        if (!n.hasNonNull("id")) {
            n.put("id", "api-" + java.util.UUID.randomUUID().toString().substring(0, 8));
        }
        if (!n.hasNonNull("startsAt")) {
            n.put("startsAt", Times.format(now));
        }
        if (n.has("duration")) {
            try {
                if (n.has("endsAt")) {
                    throw new IllegalArgumentException("give endsAt or duration, not both");
                }
                long start = Times.parse(n.path("startsAt").asText());
                n.put("endsAt", Times.format(start + Durations.parse(n.path("duration").asText()).toMillis()));
                n.remove("duration");
            } catch (RuntimeException e) {
                ctx.status(400).json(MAPPER.createObjectNode().put("error", source + ": duration: " + e.getMessage()));
                return;
            }
        }
        Silence si;
        try {
            si = new RoutingConfigLoader(java.util.Map.of()).silence(n, source, service.config().receivers());
        } catch (ConfigException e) {
            ctx.status(400).json(MAPPER.createObjectNode().put("error", e.getMessage()));
            return;
        }
        String definition = n.toString();
        AlertEngine.SilenceOutcome o = service.onEngine(e -> e.createSilence(si, definition, clock.getAsLong()))
                .get(10, TimeUnit.SECONDS);
        switch (o) {
            case CREATED -> ctx.status(201).json(silenceJson(new AlertEngine.SilenceView(si, "api", now, null, null), now));
            case DUPLICATE_ID -> ctx.status(409).json(MAPPER.createObjectNode().put("error", "a silence " + si.id() + " exists"));
            default -> ctx.status(400).json(MAPPER.createObjectNode().put("error", source + ": endsAt: must be in the future"));
        }
    }

    private void listSilences(Context ctx) throws Exception {
        if (!authorized(ctx)) {
            return;
        }
        long now = clock.getAsLong();
        java.util.List<AlertEngine.SilenceView> all = service.onEngine(AlertEngine::silences).get(10, TimeUnit.SECONDS);
        ArrayNode out = MAPPER.createArrayNode();
        all.forEach(v -> out.add(silenceJson(v, now)));
        ctx.json(out);
    }

    private void expireSilence(Context ctx) throws Exception {
        if (!authorized(ctx)) {
            return;
        }
        String by = ctx.queryParam("by");
        if (blank(by) && !ctx.body().isBlank()) {
            by = MAPPER.readTree(ctx.body()).path("by").asText("");
        }
        if (blank(by)) {
            ctx.status(400).json(MAPPER.createObjectNode().put("error", "say who ends the silence: ?by=… or {\"by\": \"…\"}"));
            return;
        }
        String id = ctx.pathParam("id");
        String who = by.strip();
        AlertEngine.SilenceOutcome o = service.onEngine(e -> e.expireSilence(id, who, clock.getAsLong())).get(10, TimeUnit.SECONDS);
        int status = switch (o) {
            case NOT_FOUND -> 404;
            case DECLARED_IN_FILE -> 409;
            default -> 200;
        };
        ObjectNode n = MAPPER.createObjectNode().put("id", id).put("outcome", o.name());
        if (o == AlertEngine.SilenceOutcome.DECLARED_IN_FILE) {
            n.put("error", "declared in " + RoutingConfigLoader.SILENCES + ": end it by editing the file");
        }
        ctx.status(status).json(n);
    }

    private static ObjectNode silenceJson(AlertEngine.SilenceView v, long now) {
        Silence si = v.silence();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", si.id());
        n.put("source", v.source());
        n.put("state", now < si.startsAt() ? "pending" : si.activeAt(now) ? "active" : "ended");
        n.put("comment", si.comment());
        n.put("createdBy", si.createdBy());
        n.put("startsAt", Times.format(si.startsAt()));
        n.put("endsAt", Times.format(si.endsAt()));
        ObjectNode m = n.putObject("match");
        matchField(m, "source", si.match().sources());
        matchField(m, "center", si.match().centers());
        matchField(m, "department", si.match().departments());
        matchField(m, "window", si.match().windows());
        matchField(m, "kind", si.match().kinds());
        matchField(m, "level", si.match().levels());
        if (si.match().confirmed() != null) {
            m.put("confirmed", si.match().confirmed());
        }
        ArrayNode r = n.putArray("receivers");
        si.receivers().forEach(r::add);
        if (v.expiredAt() != null) {
            n.put("expiredAt", Times.format(v.expiredAt()));
            n.put("expiredBy", v.expiredBy());
        }
        return n;
    }

    private static void matchField(ObjectNode m, String key, java.util.Set<?> values) {
        if (values != null) {
            ArrayNode a = m.putArray(key);
            values.stream().map(String::valueOf).sorted().forEach(a::add);
        }
    }

    private static String hidden(Context ctx, String name) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + esc(param(ctx, name)) + "\">";
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>" + esc(title) + "</title><body><h1>" + esc(title)
                + "</h1><p>" + body + "</p></body></html>";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
