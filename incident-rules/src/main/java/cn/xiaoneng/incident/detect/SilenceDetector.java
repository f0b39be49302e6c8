package cn.xiaoneng.incident.detect;

import cn.xiaoneng.deadline.engine.Calendars;
import cn.xiaoneng.incident.FactSource;
import cn.xiaoneng.incident.FactType;
import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.IncidentType;
import cn.xiaoneng.incident.plan.IncidentPlan;
import cn.xiaoneng.incident.plan.IncidentPlans;
import cn.xiaoneng.incident.plan.OfficeHours;
import cn.xiaoneng.model.Times;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Detection rule {@value #RULE}: a departmental source that stays silent — no change event and no CDC heartbeat —
 * for {@code detection.source.silence} (default 10 minutes) <em>of office time</em> opens a suspected
 * {@link IncidentType#SYSTEM_FAILURE} incident for its department; the next activity closes it again.
 *
 * <ul>
 *   <li>Silence is counted only while the hall is open (the plan's office hours on the center's working calendar),
 *       so nothing is detected at night, at lunch, at weekends or on holidays, and a 调休 Saturday counts as a
 *       working day. A source that stops at 17:25 is detected at 09:05 the next working day; a source that stops at
 *       night is found 10 minutes after opening, which also spares departments whose servers boot in the morning.</li>
 *   <li>The incident: ONSET at the last activity (confirmed: false, level {@code detection.source.level}), DETECTED
 *       when the silence reached the threshold, both recorded at the detection instant.</li>
 *   <li>The next activity at or after the detection instant: SERVICE_RESTORED and CLOSED at that activity (the
 *       tracker ignores the detector's CLOSED once a person has confirmed the incident). An activity from before the
 *       detection instant that only arrives late proves the source was not silent: the detector DISMISSES its own
 *       incident, which retracts whatever it raised.</li>
 * </ul>
 *
 * Activity instants are source commit times (a change event's {@code sourceCommitTime}) or heartbeat times, never
 * business times: a paper case entered late is activity when it is typed in. Pure and serializable.
 */
public final class SilenceDetector implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String RULE = "source-silence";
    private final IncidentPlans plans;
    private final Calendars calendars;

    public SilenceDetector(IncidentPlans plans, Calendars calendars) {
        this.plans = Objects.requireNonNull(plans, "plans");
        this.calendars = Objects.requireNonNull(calendars, "calendars");
    }

    public static SilenceDetector perCenter() {
        return new SilenceDetector(IncidentPlans.centers(), Calendars.centers());
    }

    /** A change event committed, or a heartbeat sent, at {@code at}; evaluated at {@code clock}. */
    public Detection<SourceWatch> onActivity(SourceWatch watch, long at, long clock) {
        if (watch.seen() && at <= watch.lastSeen()) {
            Detection<SourceWatch> d = advance(watch, clock);
            return d;
        }
        List<IncidentFact> facts = new ArrayList<>();
        SourceWatch next = watch.seenAt(at);
        if (watch.incidentOpen()) {
            String id = watch.openIncidentId();
            if (at < watch.openDetectedAt()) {
                facts.add(fact(watch, id, FactType.DISMISSED, at).note("数据源 " + watch.sourceId() + " 在 " + Times.format(at)
                        + " 仍有活动, 该记录迟到: 并非停摆"));
            } else {
                facts.add(fact(watch, id, FactType.SERVICE_RESTORED, at).note("数据源 " + watch.sourceId() + " 恢复数据"));
                facts.add(fact(watch, id, FactType.CLOSED, at));
            }
            next = next.closed();
        }
        Detection<SourceWatch> after = advance(next, clock);
        facts.addAll(after.facts());
        return new Detection<>(after.state(), true, facts, after.nextWakeUp());
    }

    /** The clock moved on with no activity (the timer fired). */
    public Detection<SourceWatch> advance(SourceWatch watch, long clock) {
        IncidentPlan plan = plans.forCenter(watch.centerId());
        Duration threshold = plan.sourceSilence(watch.sourceId());
        if (!watch.seen() || watch.incidentOpen() || threshold == null) {
            return new Detection<>(watch, false, List.of(), OptionalLong.empty());
        }
        OfficeHours hours = plan.officeHours(calendars.forCenter(watch.centerId()));
        long detectAt = hours.plus(watch.lastSeen(), threshold.toMillis());
        if (clock < detectAt) {
            return new Detection<>(watch, false, List.of(), OptionalLong.of(detectAt));
        }
        String id = DetectorIds.silence(watch.sourceId(), watch.lastSeen(), hours.calendar().zone());
        List<IncidentFact> facts = new ArrayList<>(2);
        facts.add(fact(watch, id, FactType.ONSET, watch.lastSeen()).recordedAt(detectAt).type(IncidentType.SYSTEM_FAILURE)
                .level(plan.sourceLevel()).confirmed(false)
                .note("数据源 " + watch.sourceId() + " 自 " + Times.format(watch.lastSeen()) + " 起无变更事件和心跳"));
        facts.add(fact(watch, id, FactType.DETECTED, detectAt).note("办公时间内静默 " + threshold));
        return new Detection<>(watch.opened(id, detectAt), true, facts, OptionalLong.empty());
    }

    private static IncidentFact fact(SourceWatch w, String incidentId, FactType type, long at) {
        IncidentFact f = IncidentFact.of(w.centerId(), incidentId, type, at).factId(incidentId + "/" + type.name())
                .departments(w.departmentId()).by(FactSource.DETECTOR, RULE);
        f.sourcePosition = "source:" + w.sourceId();
        return f;
    }
}
