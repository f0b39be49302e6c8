package cn.xiaoneng.incident.detect;

import cn.xiaoneng.deadline.engine.Calendars;
import cn.xiaoneng.incident.FactSource;
import cn.xiaoneng.incident.FactType;
import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.plan.IncidentPlan;
import cn.xiaoneng.incident.plan.IncidentPlans;
import cn.xiaoneng.incident.plan.OfficeHours;
import cn.xiaoneng.model.Times;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Detection rule {@value #RULE}: a service window whose throughput falls to zero during office hours while its
 * department keeps accepting elsewhere opens a suspected window incident (type {@code detection.window.type},
 * default 电梯/设备故障: the window's terminal, printer or line).
 *
 * <p>Window W is suspected at the first instant T, during office hours, at which both hold:
 * <ol>
 *   <li>W has accepted nothing for {@code detection.window.idle} (default 30 minutes) of office time, counted from
 *       the later of its last acceptance and the day's opening (a window idle since yesterday gets a fresh 30
 *       minutes each morning);</li>
 *   <li>the department's other windows accepted at least {@code detection.window.minElsewhere} cases (default 3)
 *       since W's last acceptance, on T's date: the department is working, so the hall is not simply quiet.</li>
 * </ol>
 * The next acceptance at W closes the incident (SERVICE_RESTORED, CLOSED) — or dismisses it when it predates the
 * detection and only arrived late, as for {@link SilenceDetector}. Only windows that accepted at least once are
 * watched; one silent for {@link #FORGET_AFTER} is forgotten (a window taken out of service).
 *
 * <p>Acceptances are {@code ACCEPTED} canonical events with a window id, at their source commit time. Pure and
 * serializable; the state is one {@link DepartmentWindows} per department.
 */
public final class WindowIdleDetector implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String RULE = "window-idle";
    /** A window with no acceptance for this long is no longer watched. */
    public static final Duration FORGET_AFTER = Duration.ofDays(14);
    private final IncidentPlans plans;
    private final Calendars calendars;

    public WindowIdleDetector(IncidentPlans plans, Calendars calendars) {
        this.plans = Objects.requireNonNull(plans, "plans");
        this.calendars = Objects.requireNonNull(calendars, "calendars");
    }

    public static WindowIdleDetector perCenter() {
        return new WindowIdleDetector(IncidentPlans.centers(), Calendars.centers());
    }

    /** A case was accepted at {@code windowId} (committed at {@code at}); evaluated at {@code clock}. */
    public Detection<DepartmentWindows> onAcceptance(DepartmentWindows state, String windowId, long at, long clock) {
        Objects.requireNonNull(windowId, "windowId");
        IncidentPlan plan = plans.forCenter(state.centerId());
        OfficeHours hours = plan.officeHours(calendars.forCenter(state.centerId()));
        long day = hours.calendar().dateOf(Instant.ofEpochMilli(at)).toEpochDay();
        Map<String, WindowWatch> next = new TreeMap<>(state.windows());
        List<IncidentFact> facts = new ArrayList<>();
        WindowWatch own = next.get(windowId);
        if (own != null && at <= own.lastActivity()) {
            return advance(state, clock);
        }
        if (own != null && own.incidentOpen()) {
            String id = own.openIncidentId();
            if (at < own.openDetectedAt()) {
                facts.add(fact(state, windowId, id, FactType.DISMISSED, at).note("窗口 " + windowId + " 在 " + Times.format(at)
                        + " 仍有受理, 该记录迟到: 并非停摆"));
            } else {
                facts.add(fact(state, windowId, id, FactType.SERVICE_RESTORED, at).note("窗口 " + windowId + " 恢复受理"));
                facts.add(fact(state, windowId, id, FactType.CLOSED, at));
            }
        }
        next.put(windowId, WindowWatch.first(at, day));
        for (Map.Entry<String, WindowWatch> e : next.entrySet()) {
            WindowWatch w = e.getValue();
            if (e.getKey().equals(windowId) || at <= w.lastActivity()) {
                continue;
            }
            boolean sameDay = w.countDay() == day;
            int count = (sameDay ? w.elsewhere() : 0) + 1;
            Long quorum = sameDay ? w.quorumAt() : null;
            if (quorum == null && count >= plan.windowMinElsewhere()) {
                quorum = at;
            }
            e.setValue(new WindowWatch(w.lastActivity(), day, count, quorum, w.openIncidentId(), w.openDetectedAt()));
        }
        Detection<DepartmentWindows> after = advance(state.with(next), clock);
        facts.addAll(after.facts());
        return new Detection<>(after.state(), true, facts, after.nextWakeUp());
    }

    /** The clock moved on with no acceptance (the timer fired). */
    public Detection<DepartmentWindows> advance(DepartmentWindows state, long clock) {
        IncidentPlan plan = plans.forCenter(state.centerId());
        Duration idle = plan.windowIdle();
        OfficeHours hours = plan.officeHours(calendars.forCenter(state.centerId()));
        Map<String, WindowWatch> next = new TreeMap<>(state.windows());
        List<IncidentFact> facts = new ArrayList<>();
        boolean changed = false;
        long wake = Long.MAX_VALUE;
        for (Map.Entry<String, WindowWatch> e : state.windows().entrySet()) {
            String windowId = e.getKey();
            WindowWatch w = e.getValue();
            if (clock - w.lastActivity() > FORGET_AFTER.toMillis()) {
                next.remove(windowId);
                changed = true;
                continue;
            }
            if (idle == null || w.incidentOpen() || w.quorumAt() == null) {
                continue;
            }
            long dayOpen = hours.nextOpen(hours.calendar().startOf(java.time.LocalDate.ofEpochDay(w.countDay())).toEpochMilli());
            long idleFrom = Math.max(w.lastActivity(), dayOpen);
            long fire = hours.nextOpen(Math.max(hours.plus(idleFrom, idle.toMillis()), w.quorumAt()));
            if (hours.calendar().dateOf(Instant.ofEpochMilli(fire)).toEpochDay() != w.countDay()) {
                continue; // the department's acceptances were counted on another day; wait for today's
            }
            if (clock < fire) {
                wake = Math.min(wake, fire);
                continue;
            }
            String id = DetectorIds.window(state.departmentId(), windowId, idleFrom, hours.calendar().zone());
            facts.add(fact(state, windowId, id, FactType.ONSET, idleFrom).recordedAt(fire).type(plan.windowType()).level(plan.windowLevel())
                    .confirmed(false).note("窗口 " + windowId + " 自 " + Times.format(idleFrom) + " 起无受理, 同部门其他窗口受理 "
                            + w.elsewhere() + " 件"));
            facts.add(fact(state, windowId, id, FactType.DETECTED, fire).note("办公时间内无受理 " + idle));
            next.put(windowId, new WindowWatch(w.lastActivity(), w.countDay(), w.elsewhere(), w.quorumAt(), id, fire));
            changed = true;
        }
        // Forgetting is the one change a timer must also come back for.
        for (WindowWatch w : next.values()) {
            wake = Math.min(wake, w.lastActivity() + FORGET_AFTER.toMillis() + 1);
        }
        DepartmentWindows after = changed ? state.with(next) : state;
        return new Detection<>(after, changed, facts, wake == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(wake));
    }

    private static IncidentFact fact(DepartmentWindows s, String windowId, String incidentId, FactType type, long at) {
        IncidentFact f = IncidentFact.of(s.centerId(), incidentId, type, at).factId(incidentId + "/" + type.name())
                .departments(s.departmentId()).windows(windowId).by(FactSource.DETECTOR, RULE);
        f.sourcePosition = "window:" + s.departmentId() + "/" + windowId;
        return f;
    }
}
