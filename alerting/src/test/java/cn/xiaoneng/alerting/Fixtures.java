package cn.xiaoneng.alerting;

import cn.xiaoneng.alerting.alert.Alert;
import cn.xiaoneng.alerting.alert.AlertParser;
import cn.xiaoneng.alerting.config.RoutingConfig;
import cn.xiaoneng.alerting.config.RoutingConfigLoader;
import cn.xiaoneng.deadline.engine.Attribution;
import cn.xiaoneng.deadline.engine.Card;
import cn.xiaoneng.deadline.engine.CardCodec;
import cn.xiaoneng.deadline.engine.CardIds;
import cn.xiaoneng.deadline.engine.CardKind;
import cn.xiaoneng.deadline.engine.CardStatus;
import cn.xiaoneng.deadline.engine.Holder;
import cn.xiaoneng.model.Limit;
import cn.xiaoneng.model.LimitUnit;
import cn.xiaoneng.model.Times;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Cards and instants of the test center hn-cs-zwzx, built with the deadline engine's own codec. */
public final class Fixtures {
    public static final String CENTER = "hn-cs-zwzx";
    /** Monday 2026-03-02, office hours. */
    public static final long MON_0900 = Times.parse("2026-03-02T09:00:00+08:00");
    public static final long MON_0900_10S = MON_0900 + 10_000;
    public static final long MON_0900_30S = MON_0900 + 30_000;
    public static final long MON_1100 = Times.parse("2026-03-02T11:00:00+08:00");
    public static final long MON_1300 = Times.parse("2026-03-02T13:00:00+08:00");
    public static final long TUE_0900 = Times.parse("2026-03-03T09:00:00+08:00");
    /** Inside the test silence "spring-festival-closure" (2026-02-15 … 02-24). */
    public static final long FESTIVAL_MON_1000 = Times.parse("2026-02-16T10:00:00+08:00");
    public static final long FESTIVAL_END = Times.parse("2026-02-24T00:00:00+08:00");
    public static final Map<String, String> ENV = Map.of("HOOK_SECRET", "test-hook-secret");

    private static final CardCodec CODEC = new CardCodec();
    private static final AlertParser PARSER = new AlertParser();

    private Fixtures() {}

    public static Path routingDir(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/routing/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RoutingConfig centerConfig() {
        return new RoutingConfigLoader(ENV).load(routingDir("center"));
    }

    /** The test center with its directory of people (routing/directory): holder → window lead → department leader. */
    public static RoutingConfig directoryConfig() {
        return new RoutingConfigLoader(ENV).load(routingDir("directory"));
    }

    /** A raised deadline card of {@code caseId} held by 市场监管局 (scjg) window W02, 李娜 in 审核. */
    public static Card card(CardKind kind, String caseId, long instant) {
        return card(kind, caseId, instant, "scjg", "W02");
    }

    public static Card card(CardKind kind, String caseId, long instant, String department, String window) {
        return card(kind, caseId, instant, department, window, "李娜");
    }

    /** A raised deadline card held by {@code handler} (经办人, as the source wrote it) at a department's window. */
    public static Card card(CardKind kind, String caseId, long instant, String department, String window, String handler) {
        Card c = new Card();
        c.kind = kind;
        c.status = CardStatus.RAISED;
        c.qualifier = switch (kind) {
            case WARNING -> "remaining<=1WD";
            case YELLOW -> "due";
            case RED -> "due+3WD";
            default -> department;
        };
        c.instant = instant;
        c.caseId = caseId;
        c.centerId = CENTER;
        c.itemCode = "XK-SCJG-001";
        c.itemName = "食品经营许可";
        c.caseKind = cn.xiaoneng.model.CaseKind.COMMITTED;
        c.holder = new Holder(department, window, handler, caseId + "-2", "审核");
        c.accepted = instant - 7 * 86_400_000L;
        c.due = kind == CardKind.WARNING ? instant + 86_400_000L : instant - (kind == CardKind.RED ? 3 * 86_400_000L : 0);
        c.limit = new Limit(5, LimitUnit.WORKING_DAYS);
        c.limitBasis = cn.xiaoneng.deadline.engine.LimitBasis.COMMITTED;
        c.measure = LimitUnit.WORKING_DAYS;
        c.remainingMillis = kind == CardKind.WARNING ? 86_400_000L : kind == CardKind.RED ? -3 * 86_400_000L : 0L;
        c.ruleVersion = CENTER + "/2026.1";
        c.clause = "6.6.7";
        c.limitClause = "6.6.7 承诺时限";
        c.cardId = CardIds.of(CENTER, caseId, kind, c.qualifier, instant, c.ruleVersion);
        if (kind == CardKind.YELLOW || kind == CardKind.RED) {
            Attribution a = new Attribution();
            a.basis = Attribution.Basis.HOLDER_OF_RECORD;
            a.steps = new cn.xiaoneng.deadline.engine.AttributedStep[0];
            a.holder = c.holder;
            c.attribution = a;
        }
        return c;
    }

    public static String json(Card c) {
        return CODEC.encodeToString(c);
    }

    public static Alert alert(Card c) {
        return PARSER.parse(json(c));
    }

    public static Alert raised(CardKind kind, String caseId, long instant) {
        return alert(card(kind, caseId, instant));
    }

    public static Alert retracted(Alert raised) {
        Card c = new CardCodec().decode(raised.json().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return alert(c.retraction());
    }

    /** An incident card (issue 4's JSON shape). */
    public static String incidentJson(String cardId, String status, String kind, String level, long instant, boolean confirmed,
            List<String> departments, List<String> windows) {
        return "{\"cardId\":\"" + cardId + "\",\"status\":\"" + status + "\",\"kind\":\"" + kind + "\",\"label\":\"突发事件\","
                + "\"level\":\"" + level + "\",\"instant\":\"" + Times.format(instant) + "\",\"centerId\":\"" + CENTER + "\","
                + "\"incidentId\":\"INC-20260302-01\",\"incidentType\":\"停电\",\"departmentIds\":" + list(departments)
                + ",\"windowIds\":" + list(windows) + ",\"confirmed\":" + confirmed + ",\"ruleVersion\":\"" + CENTER
                + "/incident-2026.1\",\"clause\":\"应急预案 4.2\",\"summary\":\"大厅停电，窗口系统中断\"}";
    }

    public static Alert incident(String cardId, String status, String level, long instant, boolean confirmed, List<String> windows) {
        return PARSER.parse(incidentJson(cardId, status, "INCIDENT_RAISED", level, instant, confirmed, List.of(), windows));
    }

    private static String list(List<String> xs) {
        return xs.stream().map(x -> "\"" + x + "\"").reduce((a, b) -> a + "," + b).map(s -> "[" + s + "]").orElse("[]");
    }
}
