package cn.xiaoneng.incident.engine;

import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.deadline.engine.CardStatus;
import cn.xiaoneng.incident.FactType;
import cn.xiaoneng.incident.IncidentCardKind;
import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.IncidentLevel;
import cn.xiaoneng.incident.IncidentType;
import cn.xiaoneng.incident.plan.Counting;
import cn.xiaoneng.incident.plan.IncidentPlan;
import cn.xiaoneng.incident.plan.OfficeHours;
import cn.xiaoneng.incident.plan.PlanDeadline;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Every card an incident raises <em>if nothing more happens</em>, each at its instant, and how each plan deadline
 * stands. A pure function of the facts, the plan and the calendar ({@link #compute}); the tracker compares it with
 * the cards already raised.
 *
 * <p>The rules (docs/incidents.md, "Plan rules"):
 * <ol>
 *   <li>No ONSET or DETECTED, no clock: nothing is scheduled.</li>
 *   <li>A dismissed incident schedules nothing: what it raised is retracted.</li>
 *   <li>A deadline is due at the first instant at which the time counted since its start reaches the budget of the
 *       level in force at that instant. So a downgrade relaxes a deadline not yet passed, and an upgrade whose
 *       tighter budget has already run out makes the deadline due at the instant of the upgrade.</li>
 *   <li>A deadline is met by a fact at or before the due instant: verbal by VERBAL_REPORT or WRITTEN_REPORT; written
 *       by WRITTEN_REPORT; response by RESPONSE_STARTED, WORKAROUND or SERVICE_RESTORED; workaround by WORKAROUND or
 *       SERVICE_RESTORED; restoration by SERVICE_RESTORED.</li>
 *   <li>Follow-ups: from the first written report, each report (written or follow-up) starts the next interval,
 *       until service is restored or the incident closes. A follow-up that never comes raises one card.</li>
 *   <li>A card stands only if the incident is open at its instant (not closed at or before it).</li>
 *   <li>INCIDENT_RAISED: for each level in {@code raiseImmediately}, at the first instant the incident is at that
 *       level — its opening (the earliest of onset and detection), or the LEVEL_CHANGED that raised it.</li>
 * </ol>
 */
public final class IncidentSchedule {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int MAX_FOLLOW_UPS = 10_000;

    private final Timeline timeline;
    private final List<IncidentCard> cards;
    private final Map<String, IncidentCard> byId;
    private final List<DeadlineCheck> deadlines;

    private IncidentSchedule(Timeline timeline, List<IncidentCard> cards, List<DeadlineCheck> deadlines) {
        this.timeline = timeline;
        List<IncidentCard> sorted = new ArrayList<>(cards);
        sorted.sort(IncidentCard.ORDER);
        this.cards = Collections.unmodifiableList(sorted);
        Map<String, IncidentCard> m = new HashMap<>();
        for (IncidentCard c : sorted) {
            m.put(c.cardId, c);
        }
        this.byId = m;
        this.deadlines = List.copyOf(deadlines);
    }

    /** The schedule of an incident's facts (timeline order) under a plan, on the center's calendar. */
    public static IncidentSchedule compute(String centerId, String incidentId, List<IncidentFact> facts, IncidentPlan plan,
                                           WorkCalendar calendar) {
        Timeline t = new Timeline(centerId, incidentId, facts, plan.defaultLevel());
        return new Builder(t, plan, calendar).build();
    }

    public Timeline timeline() {
        return timeline;
    }

    /** Scheduled cards, in instant order, ties by card id. */
    public List<IncidentCard> cards() {
        return cards;
    }

    /** Every plan deadline, in plan order (follow-ups in sequence). */
    public List<DeadlineCheck> deadlines() {
        return deadlines;
    }

    /** The check of one deadline by qualifier ({@code verbalReport}, {@code followUp#1}, …). */
    public Optional<DeadlineCheck> deadline(String qualifier) {
        return deadlines.stream().filter(d -> d.qualifier().equals(qualifier)).findFirst();
    }

    public boolean contains(String cardId) {
        return byId.containsKey(cardId);
    }

    public Optional<IncidentCard> card(String cardId) {
        return Optional.ofNullable(byId.get(cardId));
    }

    /** The earliest card instant strictly after {@code clock}. */
    public OptionalLong nextInstantAfter(long clock) {
        for (IncidentCard c : cards) {
            if (c.instant > clock) {
                return OptionalLong.of(c.instant);
            }
        }
        return OptionalLong.empty();
    }

    public boolean closed() {
        return timeline.closedAt() != null;
    }

    private static final class Builder {
        private final Timeline t;
        private final IncidentPlan plan;
        private final OfficeHours hours;
        private final WorkCalendar calendar;
        private final List<IncidentCard> cards = new ArrayList<>();
        private final List<DeadlineCheck> checks = new ArrayList<>();

        Builder(Timeline t, IncidentPlan plan, WorkCalendar calendar) {
            this.t = t;
            this.plan = plan;
            this.calendar = calendar;
            this.hours = plan.officeHours(calendar);
        }

        IncidentSchedule build() {
            if (!t.started()) {
                return new IncidentSchedule(t, List.of(), List.of());
            }
            long start = t.start(plan.clockStart());
            raisedCards();
            simple(PlanDeadline.VERBAL_REPORT, start, t.first(FactType.VERBAL_REPORT, FactType.WRITTEN_REPORT));
            Long written = t.first(FactType.WRITTEN_REPORT);
            simple(PlanDeadline.WRITTEN_REPORT, start, written);
            followUps(written);
            simple(PlanDeadline.RESPONSE, start, t.first(FactType.RESPONSE_STARTED, FactType.WORKAROUND, FactType.SERVICE_RESTORED));
            simple(PlanDeadline.WORKAROUND, start, t.first(FactType.WORKAROUND, FactType.SERVICE_RESTORED));
            simple(PlanDeadline.RESTORATION, start, t.restoredAt());
            if (t.dismissed()) {
                cards.clear();
            }
            return new IncidentSchedule(t, cards, checks);
        }

        /**
         * Rule 7. The incident opens at the earliest of its onset and detection, whatever the deadlines count from:
         * a DETECTED entered after the ONSET must not move a card already raised.
         */
        private void raisedCards() {
            long opened = t.onset() == null ? t.detected() : t.detected() == null ? t.onset() : Math.min(t.onset(), t.detected());
            for (IncidentLevel level : IncidentLevel.values()) {
                if (!plan.raiseImmediately().contains(level)) {
                    continue;
                }
                Long at = t.levelAt(opened) == level ? Long.valueOf(opened) : null;
                if (at == null) {
                    for (Timeline.LevelChange c : t.levelChanges()) {
                        if (c.level() == level && c.at() > opened) {
                            at = c.at();
                            break;
                        }
                    }
                }
                if (at != null && t.openAt(at)) {
                    IncidentCard c = card(IncidentCardKind.INCIDENT_RAISED, "level=" + level.name(), at, level);
                    c.start = opened;
                    c.summary = raisedSummary(c);
                    cards.add(c);
                }
            }
        }

        /** A deadline met by the first of some facts. */
        private void simple(PlanDeadline d, long start, Long actual) {
            Due due = due(d, start);
            if (due == null) {
                checks.add(new DeadlineCheck(d, d.key(), null, start, null, null, null, actual, DeadlineCheck.Status.NOT_APPLICABLE));
                return;
            }
            judge(d, d.key(), start, due, actual, t.closedAt());
        }

        private void followUps(Long written) {
            PlanDeadline d = PlanDeadline.FOLLOW_UP;
            if (written == null) {
                return;
            }
            List<Long> reports = t.all(FactType.WRITTEN_REPORT, FactType.FOLLOW_UP_REPORT);
            Long end = min(t.restoredAt(), t.closedAt());
            long base = written;
            for (int n = 1; n <= MAX_FOLLOW_UPS; n++) {
                Due due = due(d, base);
                String q = "followUp#" + n;
                if (due == null) {
                    if (n == 1) {
                        checks.add(new DeadlineCheck(d, q, null, base, null, null, null, null, DeadlineCheck.Status.NOT_APPLICABLE));
                    }
                    return;
                }
                Long next = null;
                for (long r : reports) {
                    if (r > base) {
                        next = r;
                        break;
                    }
                }
                if (end != null && due.at >= end && (next == null || next >= end)) {
                    return; // service came back (or the incident closed) before another report was due
                }
                judge(d, q, base, due, next, end);
                if (next == null) {
                    return;
                }
                base = next;
            }
        }

        private void judge(PlanDeadline d, String qualifier, long start, Due due, Long actual, Long end) {
            DeadlineCheck.Status status;
            if (actual != null && actual <= due.at) {
                status = DeadlineCheck.Status.MET;
            } else if (t.dismissed() || (end != null && due.at >= end) || !t.openAt(due.at)) {
                status = DeadlineCheck.Status.MOOT;
            } else {
                status = actual == null ? DeadlineCheck.Status.UNMET : DeadlineCheck.Status.MET_LATE;
                IncidentCard c = card(d.cardKind(), qualifier, due.at, due.level);
                c.start = start;
                c.due = due.at;
                c.budget = due.budget.toString();
                c.counting = due.counting;
                c.summary = deadlineSummary(c, d, qualifier.startsWith("followUp#") ? "上次报告" : anchorLabel());
                cards.add(c);
            }
            checks.add(new DeadlineCheck(d, qualifier, due.level, start, due.at, due.budget, due.counting, actual, status));
        }

        private record Due(long at, IncidentLevel level, Duration budget, Counting counting) {}

        /** Counting rule 3: the first instant at which the time counted since {@code from} reaches the budget in force. */
        private Due due(PlanDeadline d, long from) {
            List<long[]> bounds = new ArrayList<>();
            List<IncidentLevel> levels = new ArrayList<>();
            bounds.add(new long[] {from});
            levels.add(t.levelAt(from));
            for (Timeline.LevelChange c : t.levelChanges()) {
                if (c.at() > from) {
                    bounds.add(new long[] {c.at()});
                    levels.add(c.level());
                }
            }
            IncidentType type = t.type();
            for (int i = 0; i < levels.size(); i++) {
                IncidentLevel level = levels.get(i);
                Duration budget = plan.applies(type, d) ? plan.budget(level, d) : null;
                if (budget == null) {
                    continue;
                }
                Counting counting = plan.counting(level);
                long reached = counting == Counting.CLOCK ? from + budget.toMillis() : hours.plus(from, budget.toMillis());
                long segmentStart = bounds.get(i)[0];
                long at = Math.max(reached, segmentStart);
                boolean last = i == levels.size() - 1;
                if (last || at < bounds.get(i + 1)[0]) {
                    return new Due(at, level, budget, counting);
                }
            }
            return null;
        }

        private IncidentCard card(IncidentCardKind kind, String qualifier, long at, IncidentLevel level) {
            IncidentCard c = new IncidentCard();
            c.ruleVersion = plan.ruleVersion();
            c.cardId = IncidentCardIds.of(t.centerId(), t.incidentId(), kind, qualifier, at, c.ruleVersion);
            c.status = CardStatus.RAISED;
            c.kind = kind;
            c.qualifier = qualifier;
            c.instant = at;
            c.centerId = t.centerId();
            c.incidentId = t.incidentId();
            c.incidentType = t.typeAt(at);
            c.level = level;
            c.departmentIds = t.departmentsAt(at).toArray(new String[0]);
            c.windowIds = t.windowsAt(at).toArray(new String[0]);
            c.confirmed = t.confirmedAt(at);
            c.clause = plan.clause(kind);
            c.onset = t.onset();
            return c;
        }

        private String anchorLabel() {
            boolean detected = plan.clockStart() == cn.xiaoneng.incident.plan.ClockStart.DETECTED ? t.detected() != null : t.onset() == null;
            return detected ? "发现" : "发生";
        }

        private String head(IncidentCard c) {
            return c.level.display() + (c.incidentType == null ? "突发" : c.incidentType.label()) + "事件" + (c.confirmed ? "" : "(疑似)")
                    + " " + c.incidentId;
        }

        private String raisedSummary(IncidentCard c) {
            String what = t.onset() != null && c.instant == t.onset() ? "发生" : t.detected() != null && c.instant == t.detected() ? "发现"
                    : "定级为" + c.level.label();
            StringBuilder s = new StringBuilder(head(c)).append(": ").append(time(c.instant)).append(' ').append(what);
            where(s, c);
            Duration verbal = plan.budget(c.level, PlanDeadline.VERBAL_REPORT);
            Duration written = plan.budget(c.level, PlanDeadline.WRITTEN_REPORT);
            if (verbal != null || written != null) {
                s.append("。按应急预案须");
                if (verbal != null) {
                    s.append(' ').append(duration(verbal)).append("内口头报告");
                }
                if (written != null) {
                    s.append(verbal != null ? "、" : " ").append(duration(written)).append("内书面报告");
                }
            }
            return s.append('。').toString();
        }

        private String deadlineSummary(IncidentCard c, PlanDeadline d, String anchor) {
            StringBuilder s = new StringBuilder(head(c)).append(' ').append(c.kind.label()).append(": 自").append(anchor).append(' ')
                    .append(time(c.start)).append(" 起").append(duration(Duration.parse(c.budget))).append("内")
                    .append(c.counting == Counting.OFFICE_HOURS ? "(按办公时间计)" : "").append("应完成").append(d.label()).append(", 截至 ")
                    .append(time(c.due)).append(" 未完成");
            where(s, c);
            return s.append('。').toString();
        }

        private static void where(StringBuilder s, IncidentCard c) {
            if (c.departmentIds.length > 0) {
                s.append(", 涉及部门 ").append(String.join("、", c.departmentIds));
            }
            if (c.windowIds.length > 0) {
                s.append(", 窗口 ").append(String.join("、", c.windowIds));
            }
        }

        private String time(long at) {
            return MINUTE.format(Instant.ofEpochMilli(at).atZone(calendar.zone()));
        }

        static String duration(Duration d) {
            long minutes = d.toMinutes();
            long seconds = d.toSecondsPart();
            long h = minutes / 60;
            long m = minutes % 60;
            StringBuilder s = new StringBuilder();
            if (h > 0) {
                s.append(h).append("小时");
            }
            if (m > 0) {
                s.append(m).append("分钟");
            }
            if (seconds > 0 || s.length() == 0) {
                s.append(seconds).append("秒");
            }
            return s.toString();
        }

        private static Long min(Long a, Long b) {
            return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
        }
    }
}
