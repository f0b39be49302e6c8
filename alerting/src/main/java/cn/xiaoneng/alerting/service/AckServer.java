package cn.xiaoneng.alerting.service;

import cn.xiaoneng.alerting.alert.Alert;
import cn.xiaoneng.alerting.config.Receiver;
import cn.xiaoneng.alerting.config.Secret;
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
