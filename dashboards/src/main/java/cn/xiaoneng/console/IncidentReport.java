package cn.xiaoneng.console;

import cn.xiaoneng.console.IncidentFacts.Backfill;
import cn.xiaoneng.console.IncidentFacts.BackfillWindow;
import cn.xiaoneng.console.IncidentFacts.Card;
import cn.xiaoneng.console.IncidentFacts.Deadline;
import cn.xiaoneng.console.IncidentFacts.Fact;
import cn.xiaoneng.console.IncidentFacts.Hour;
import cn.xiaoneng.console.IncidentFacts.Incident;
import cn.xiaoneng.console.IncidentFacts.Throughput;
import cn.xiaoneng.console.ThroughputFacts.DepartmentKey;
import cn.xiaoneng.console.ThroughputFacts.Names;
import cn.xiaoneng.console.ThroughputFacts.WindowKey;
import cn.xiaoneng.incident.IncidentLevel;
import cn.xiaoneng.incident.IncidentType;
import cn.xiaoneng.incident.impact.DayClass;
import cn.xiaoneng.incident.plan.PlanDeadline;
import cn.xiaoneng.model.Times;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The incident panel's JSON ({@code GET /api/incidents}) and an incident page's ({@code GET /api/incidents/<center>/<id>}):
 * each emergency-plan incident (4.5.2.5, 附录C) with its type, level and state in Chinese, its timeline instants, which
 * plan deadlines it met or missed, the cards standing against it, and what it cost the applicants: throughput against
 * comparable weeks per affected department and window, and the 事后补录 backlog. Definitions: docs/metrics.md.
 *
 * @param incidents open incidents first, then the most recently opened
 * @param open      incidents neither closed nor dismissed
 * @param suspected of those, not yet confirmed (疑似)
 */
public record IncidentReport(String at, long refreshIntervalMs, long open, long suspected, List<IncidentLine> incidents) {

    /**
     * The panel refreshes at most this often: incidents change in minutes, and the impact views are recomputed on every
     * read (about a second on the embedded server).
     */
    static final long MIN_REFRESH_MS = 15_000;
    /** Chinese labels of {@code dwd_incident.status}. */
    static final Map<String, String> STATUS_LABELS = Map.of("SUSPECTED", "疑似", "OPEN", "处置中", "RESTORED", "已恢复服务",
            "CLOSED", "已结束", "DISMISSED", "已排除");
    /** Chinese labels of a plan deadline's status (DeadlineCheck.Status). */
    static final Map<String, String> DEADLINE_STATUS_LABELS = Map.of("MET", "按时", "MET_LATE", "逾期完成", "UNMET", "未完成",
            "MOOT", "无需（已结束）", "NOT_APPLICABLE", "不适用");

    /**
     * One incident.
     *
     * @param confirmation     SUSPECTED, CONFIRMED or DISMISSED; {@code confirmationLabel} 疑似, 已确认, 已排除
     * @param deadlinesMet     plan deadlines met in time
     * @param deadlinesMissed  plan deadlines met late or not met and already due (as the warehouse says now)
     * @param standingCards    cards raised and not retracted, by instant
     * @param url              the incident's page
     */
    public record IncidentLine(String centerId, String centerName, String incidentId, String incidentType, String typeLabel,
                               String level, String levelLabel, String status, String statusLabel, String confirmation,
                               String confirmationLabel, String source, String rule, String onset, String detected, String restored,
                               String closed, List<Named> departments, List<Named> windows, List<DeadlineLine> deadlines,
                               long deadlinesMet, long deadlinesMissed, List<CardLine> standingCards, Impact impact, String ruleVersion,
                               String asOf, String url, List<CardLine> cardRecords, List<FactLine> timeline, List<HourLine> hours) {}

    public record Named(String id, String name) {}

    /** A plan deadline: 口头报告, 书面报告, 续报 #n, 启动响应, 临时措施, 恢复服务. {@code met}: true, false, null (moot / n.a.). */
    public record DeadlineLine(String qualifier, String label, String level, String start, String due, String budget, String counting,
                               String actual, String status, String statusLabel, Boolean met) {}

    public record CardLine(String cardId, String status, String kind, String label, String qualifier, String instant, String level,
                           boolean confirmed, String due, String clause, String ruleVersion, String summary, String evidence) {}

    /** Throughput against the baseline and the 事后补录 figures. */
    public record Impact(List<ThroughputLine> departments, List<ThroughputLine> windows, List<BackfillLine> backfill,
                         List<BackfillWindowLine> backfillWindows) {}

    /**
     * @param baseline null when some hour had no comparable week (then {@code hoursWithoutBaseline} > 0)
     * @param ratio    actual ÷ baseline; null without a (non-zero) baseline
     */
    public record ThroughputLine(String departmentId, String departmentName, String windowId, String windowName, String from,
                                 String to, long actual, Double baseline, Double ratio, Double shortfall, long hours,
                                 long hoursWithoutBaseline, int weeksUsedMin) {}

    public record BackfillLine(String departmentId, String departmentName, long inScope, long backfilled, Long latenessP50Ms,
                               Long latenessMaxMs, String lastEnteredAt, Long paperRegistered, Long missing) {}

    public record BackfillWindowLine(String windowId, String windowName, Long registered, long backfilled, Long missing,
                                     Long latenessMaxMs) {}

    /** A timeline entry as the duty log (or a detector) wrote it. */
    public record FactLine(String factId, String factType, String label, String at, String recordedAt, String source, String rule,
                           String level, Boolean confirmed, List<String> departmentIds, List<String> windowIds, String reportedBy,
                           String reportedTo, String approver, String pauseFrom, String pauseTo, Integer paperCases, String note) {}

    /** One hour of the incident against its comparable weeks ({@code weeksBack}: which weeks, 1 = a week earlier). */
    public record HourLine(String scope, String departmentId, String windowId, String from, String to, String dayClass,
                           String dayClassLabel, long actual, Double baseline, List<Integer> weeksBack) {}

    /** The panel: every incident read, without timelines. */
    public static IncidentReport of(IncidentFacts facts, ConsoleOptions options) {
        List<IncidentLine> lines = facts.incidents().stream().map(i -> line(i, facts, false)).toList();
        long open = facts.incidents().stream().filter(i -> !i.status().equals("CLOSED") && !i.status().equals("DISMISSED")).count();
        long suspected = facts.incidents().stream().filter(i -> !i.status().equals("CLOSED") && !i.status().equals("DISMISSED")
                && !i.confirmed()).count();
        return new IncidentReport(Times.format(facts.now()), Math.max(MIN_REFRESH_MS, options.refreshInterval().toMillis()), open, suspected,
                lines);
    }

    /** One incident's page: the line with its timeline, every card record with its evidence, and the impact by hour. */
    public static IncidentLine page(IncidentFacts facts) {
        if (facts.incidents().isEmpty()) {
            throw new IllegalArgumentException("no incident to show");
        }
        return line(facts.incidents().get(0), facts, true);
    }

    private static IncidentLine line(Incident i, IncidentFacts facts, boolean page) {
        Names names = facts.names();
        String c = i.centerId();
        String id = i.incidentId();
        List<DeadlineLine> deadlines = facts.deadlines().stream().filter(d -> is(d.centerId(), d.incidentId(), c, id))
                .map(IncidentReport::deadline).toList();
        long met = facts.deadlines().stream().filter(d -> is(d.centerId(), d.incidentId(), c, id) && Integer.valueOf(1).equals(d.met())).count();
        long missed = facts.deadlines().stream().filter(d -> is(d.centerId(), d.incidentId(), c, id)
                && (d.status().equals("MET_LATE") || d.status().equals("UNMET")) && d.due() != null && d.due() <= Math.max(facts.now(), i.asOf()))
                .count();
        List<Card> records = facts.cards().stream().filter(k -> is(k.centerId(), k.incidentId(), c, id)).toList();
        Set<String> retracted = new HashSet<>();
        records.stream().filter(k -> k.status().equals("RETRACTED")).forEach(k -> retracted.add(k.cardId()));
        List<CardLine> standing = records.stream().filter(k -> k.status().equals("RAISED") && !retracted.contains(k.cardId()))
                .map(k -> card(k, false)).toList();
        Map<String, String> windowDepartments = windowDepartments(names, c);
        Impact impact = new Impact(
                facts.throughput().stream().filter(t -> is(t.centerId(), t.incidentId(), c, id) && t.scope().equals("department"))
                        .map(t -> throughput(t, names)).toList(),
                facts.throughput().stream().filter(t -> is(t.centerId(), t.incidentId(), c, id) && t.scope().equals("window"))
                        .map(t -> throughput(t, names)).toList(),
                facts.backfill().stream().filter(b -> is(b.centerId(), b.incidentId(), c, id)).map(b -> backfill(b, names)).toList(),
                facts.backfillWindows().stream().filter(b -> is(b.centerId(), b.incidentId(), c, id))
                        .map(b -> new BackfillWindowLine(b.windowId(), windowName(names, c, b.departmentIds(), b.windowId(), windowDepartments),
                                b.registered(), b.backfilled(), b.missing(), b.latenessMaxMs())).toList());
        String confirmation = i.status().equals("DISMISSED") ? "DISMISSED" : i.confirmed() ? "CONFIRMED" : "SUSPECTED";
        return new IncidentLine(c, names.centers().get(c), id, i.incidentType(), typeLabel(i.incidentType()), i.level(),
                levelLabel(i.level()), i.status(), STATUS_LABELS.getOrDefault(i.status(), i.status()), confirmation,
                switch (confirmation) { case "DISMISSED" -> "已排除"; case "CONFIRMED" -> "已确认"; default -> "疑似"; },
                i.source(), i.rule(), time(i.onset()), time(i.detected()), time(i.restored()), time(i.closed()),
                i.departmentIds().stream().map(d -> new Named(d, names.departments().get(new DepartmentKey(c, d)))).toList(),
                i.windowIds().stream().map(w -> new Named(w, windowName(names, c, i.departmentIds(), w, windowDepartments))).toList(),
                deadlines, met, missed, standing, impact, i.ruleVersion(), Times.format(i.asOf()), url(c, id),
                page ? records.stream().map(k -> card(k, true)).toList() : null,
                page ? facts.facts().stream().map(IncidentReport::fact).toList() : null,
                page ? facts.hours().stream().map(IncidentReport::hour).toList() : null);
    }

    static String url(String centerId, String incidentId) {
        return ConsoleServer.INCIDENT_PAGE + "/" + encode(centerId) + "/" + encode(incidentId);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean is(String center, String incident, String c, String id) {
        return center.equals(c) && incident.equals(id);
    }

    static String typeLabel(String type) {
        try {
            return IncidentType.parse(type).label();
        } catch (RuntimeException e) {
            return type;
        }
    }

    static String levelLabel(String level) {
        try {
            return IncidentLevel.parse(level).display();
        } catch (RuntimeException e) {
            return level;
        }
    }

    /** 口头报告, 书面报告, 续报 #2, …: from the plan's deadline key and, for follow-ups, the qualifier's number. */
    static String deadlineLabel(String deadline, String qualifier) {
        String label;
        try {
            label = PlanDeadline.byKey(deadline).label();
        } catch (RuntimeException e) {
            label = deadline;
        }
        int hash = qualifier.indexOf('#');
        return hash >= 0 ? label + " #" + qualifier.substring(hash + 1) : label;
    }

    private static DeadlineLine deadline(Deadline d) {
        return new DeadlineLine(d.qualifier(), deadlineLabel(d.deadline(), d.qualifier()), d.level(), time(d.start()), time(d.due()),
                d.budget(), d.counting(), time(d.actual()), d.status(), DEADLINE_STATUS_LABELS.getOrDefault(d.status(), d.status()),
                d.met() == null ? null : d.met() == 1);
    }

    private static CardLine card(Card k, boolean evidence) {
        return new CardLine(k.cardId(), k.status(), k.kind(), k.kindLabel(), k.qualifier(), Times.format(k.instant()), k.level(),
                k.confirmed(), time(k.due()), k.clause(), k.ruleVersion(), k.summary(), evidence ? k.cardJson() : null);
    }

    private static ThroughputLine throughput(Throughput t, Names names) {
        String dept = t.departmentId();
        return new ThroughputLine(dept, names.departments().get(new DepartmentKey(t.centerId(), dept)),
                t.windowId().isEmpty() ? null : t.windowId(),
                t.windowId().isEmpty() ? null : names.windows().getOrDefault(new WindowKey(t.centerId(), dept, t.windowId()), t.windowId()),
                Times.format(t.from()), Times.format(t.to()), t.actual(), t.baseline(), t.ratio(), t.shortfall(), t.hours(),
                t.hoursWithoutBaseline(), t.weeksUsedMin());
    }

    private static BackfillLine backfill(Backfill b, Names names) {
        return new BackfillLine(b.departmentId(), names.departments().get(new DepartmentKey(b.centerId(), b.departmentId())), b.inScope(),
                b.backfilled(), b.latenessP50Ms(), b.latenessMaxMs(), time(b.lastEnteredAt()), b.paperRegistered(), b.missing());
    }

    private static FactLine fact(Fact f) {
        return new FactLine(f.factId(), f.factType(), f.factLabel(), Times.format(f.at()), Times.format(f.recordedAt()), f.source(),
                f.rule(), f.level(), f.confirmed(), f.departmentIds(), f.windowIds(), f.reportedBy(), f.reportedTo(), f.approver(),
                time(f.pauseFrom()), time(f.pauseTo()), f.paperCases(), f.note());
    }

    private static HourLine hour(Hour h) {
        String label;
        try {
            label = DayClass.valueOf(h.dayClass()).label();
        } catch (RuntimeException e) {
            label = h.dayClass();
        }
        return new HourLine(h.scope(), h.departmentId(), h.windowId(), Times.format(h.from()), Times.format(h.to()), h.dayClass(), label,
                h.actual(), h.baseline(), h.weeksBack());
    }

    /** Window id → its department in dim_window's names, for windows named without a department. */
    private static Map<String, String> windowDepartments(Names names, String centerId) {
        Map<String, String> out = new HashMap<>();
        names.windows().keySet().stream().filter(k -> k.centerId().equals(centerId)).forEach(k -> out.putIfAbsent(k.windowId(), k.departmentId()));
        return out;
    }

    private static String windowName(Names names, String centerId, List<String> departments, String windowId, Map<String, String> byWindow) {
        List<String> candidates = new ArrayList<>(departments);
        if (byWindow.containsKey(windowId)) {
            candidates.add(byWindow.get(windowId));
        }
        for (String d : candidates) {
            String n = names.windows().get(new WindowKey(centerId, d, windowId));
            if (n != null) {
                return n;
            }
        }
        return windowId;
    }

    private static String time(Long ms) {
        return ms == null ? null : Times.format(ms);
    }
}
