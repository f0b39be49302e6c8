package cn.xiaoneng.alerting.engine;

import cn.xiaoneng.alerting.alert.Alert;
import cn.xiaoneng.alerting.config.ChannelConfig;
import cn.xiaoneng.alerting.config.InhibitRule;
import cn.xiaoneng.alerting.config.Receiver;
import cn.xiaoneng.alerting.config.RetryPolicy;
import cn.xiaoneng.alerting.config.RoutingConfig;
import cn.xiaoneng.alerting.config.Silence;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The router's logic, without Kafka, HTTP or a clock of its own: every method takes {@code now} (epoch ms).
 *
 * <ul>
 *   <li>{@link #onAlert}: a card record. Deduplicated by card id and status. A new card is routed ({@link Router}) into
 *       a plan; a withdrawal cancels what is not yet sent and tells those already told.</li>
 *   <li>{@link #tick}: due plan steps (escalation) and repeats are queued to their receivers, unless silenced or
 *       inhibited (then they wait for the silence's end or the inhibition's); receivers whose group is due get one
 *       message (rate limit permitting; a summary above the threshold), one outbox entry per channel.</li>
 *   <li>{@link #dueDeliveries}, {@link #onDelivered}, {@link #onDeliveryFailed}: the outbox, with per-channel retry and
 *       backoff and a dead letter after the budget.</li>
 *   <li>{@link #ack}: stops escalation and repeats (never the {@code always} receivers).</li>
 * </ul>
 *
 * State is a map of keyed entries ({@code alert/<cardId>}, {@code receiver/<id>}, {@code delivery/<id>});
 * {@link #drainChanges()} gives the entries changed since the last call (null = deleted), which the service writes to
 * the compacted state topic before it sends anything or commits input offsets, and {@link #restore} rebuilds the
 * engine from them after a restart. Audit rows accumulate for {@link #drainAudit()}. Not thread-safe: one thread.
 */
public final class AlertEngine {
    public static final String ALERT = "alert/";
    public static final String RECEIVER = "receiver/";
    public static final String DELIVERY = "delivery/";
    public static final String SILENCE = "silence/";
    /** An inhibited step waits for this: re-checked when an inhibiting card is withdrawn. */
    static final long UNTIL_RELEASED = Long.MAX_VALUE;
    private static final long SWEEP_EVERY_MS = 60_000;

    public enum Outcome { ROUTED, DUPLICATE, RETRACTED, RETRACTED_UNKNOWN }

    public enum AckOutcome { ACKNOWLEDGED, ALREADY_ACKNOWLEDGED, WITHDRAWN, NOT_FOUND }

    public enum SilenceOutcome { CREATED, DUPLICATE_ID, ENDS_IN_THE_PAST, EXPIRED, ALREADY_ENDED, NOT_FOUND, DECLARED_IN_FILE }

    /** A silence as listed: from the file or the API, and for an API silence who ended it early. */
    public record SilenceView(Silence silence, String source, Long createdAt, Long expiredAt, String expiredBy) {}

    private RoutingConfig config;
    private Router router;
    private final Map<String, AlertState> alerts = new HashMap<>();
    private final Map<String, ReceiverState> receivers = new HashMap<>();
    private final Map<String, Delivery> outbox = new LinkedHashMap<>();
    /** Silences created over the API (the file's are in the configuration). */
    private final Map<String, SilenceEntry> apiSilences = new LinkedHashMap<>();
    private final List<String> restoreWarnings = new ArrayList<>();
    private final Set<String> inFlight = new HashSet<>();
    /** Due time → card ids; {@link #timerOf} says which entry is current. */
    private final TreeMap<Long, Set<String>> timers = new TreeMap<>();
    private final Map<String, Long> timerOf = new HashMap<>();
    /** Inhibition rule → equal-labels key → raised source card ids. */
    private final Map<String, Map<String, Set<String>>> inhibitors = new HashMap<>();
    /** Cards with a step or repeat held until an inhibition is released. */
    private final Set<String> held = new HashSet<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final List<AuditEvent> audit = new ArrayList<>();
    private long lastSweep = Long.MIN_VALUE;

    public AlertEngine(RoutingConfig config) {
        setConfig(config);
    }

    /** A new configuration (e.g. silences reloaded); plans already made keep their receivers. */
    public void setConfig(RoutingConfig config) {
        this.config = Objects.requireNonNull(config);
        this.router = new Router(config);
        inhibitors.clear();
        alerts.values().forEach(this::indexInhibitor);
        releaseHeld(Long.MIN_VALUE);
    }

    /**
     * A new configuration at {@code now}: besides {@link #setConfig(RoutingConfig)}, steps held back past their planned
     * time (a silence that was shortened or removed) are re-checked at once instead of at the old silence's end.
     */
    public void setConfig(RoutingConfig config, long now) {
        setConfig(config);
        recheckHeld(now);
    }

    /** Steps held back past their planned time are re-checked at {@code now} (a silence ended early). */
    private void recheckHeld(long now) {
        for (AlertState s : alerts.values()) {
            if (s.retracted) {
                continue;
            }
            boolean changed = false;
            for (PlannedStep p : s.plan) {
                long planned = s.openedAt + p.at;
                if (!p.done && !p.cancelled && p.dueAt > Math.max(now, planned)) {
                    p.dueAt = Math.max(now, planned);
                    changed = true;
                }
            }
            if (changed) {
                touch(s, now);
            }
        }
    }

    public RoutingConfig config() {
        return config;
    }

    // ------------------------------------------------------------------------------------------------- input

    public Outcome onAlert(Alert a, long now) {
        AlertState s = alerts.get(a.cardId());
        if (!a.retracted()) {
            if (s != null) {
                audit(now, AuditEvent.Type.DUPLICATE, a, null, null, null, null, 0, "RAISED seen before", null, null);
                return Outcome.DUPLICATE;
            }
            s = new AlertState();
            s.alert = a;
            s.openedAt = now;
            s.lastActivity = now;
            Router.Decision d = router.route(a);
            for (PlannedStep p : d.plan()) {
                p.dueAt = now + p.at;
                s.plan.add(p);
            }
            alerts.put(a.cardId(), s);
            indexInhibitor(s);
            audit(now, AuditEvent.Type.ROUTED, a, null, null, null, null, 0,
                    "routes " + d.routes().stream().map(Router.MatchedRoute::path).toList() + "; plan " + d.plan(), null, null);
            touch(s, now);
            process(s, now);
            return Outcome.ROUTED;
        }
        if (s == null) {
            // Withdrawn before we saw it raised (a raise older than our state): remember, so a late raise is dropped.
            s = new AlertState();
            s.alert = a;
            s.openedAt = now;
            s.retracted = true;
            s.retractedAt = now;
            alerts.put(a.cardId(), s);
            audit(now, AuditEvent.Type.RETRACTED, a, null, null, null, null, 0, "withdrawn; never raised here", null, null);
            touch(s, now);
            return Outcome.RETRACTED_UNKNOWN;
        }
        if (s.retracted) {
            audit(now, AuditEvent.Type.DUPLICATE, a, null, null, null, null, 0, "RETRACTED seen before", null, null);
            return Outcome.DUPLICATE;
        }
        s.retracted = true;
        s.retractedAt = now;
        for (PlannedStep p : s.plan) {
            if (!p.done) {
                p.cancelled = true;
            }
        }
        List<String> toldAbout = new ArrayList<>();
        for (Map.Entry<String, AlertState.Told> e : s.told.entrySet()) {
            AlertState.Told t = e.getValue();
            t.nextRepeatAt = null;
            ReceiverState rs = receivers.get(e.getKey());
            if (rs != null && rs.pending.removeIf(i -> i.alert.cardId().equals(a.cardId()))) {
                rs.reindex();
                dirty.add(RECEIVER + rs.receiverId);
            }
            if (t.sent) {
                enqueue(e.getKey(), Item.of(Item.Type.RETRACTED, a, 0, 0, t.mandatory, now), now);
                toldAbout.add(e.getKey());
            }
        }
        audit(now, AuditEvent.Type.RETRACTED, a, null, null, null, null, 0, "withdrawn; telling " + toldAbout, null, null);
        unindexInhibitor(s);
        touch(s, now);
        releaseHeld(now);
        return Outcome.RETRACTED;
    }

    /** Acknowledges a card: no more escalation or repeats; the {@code always} receivers are told regardless. */
    public AckOutcome ack(String cardId, String by, String via, long now) {
        AlertState s = alerts.get(cardId);
        if (s == null) {
            return AckOutcome.NOT_FOUND;
        }
        if (s.retracted) {
            return AckOutcome.WITHDRAWN;
        }
        if (s.acked()) {
            return AckOutcome.ALREADY_ACKNOWLEDGED;
        }
        s.ackedAt = now;
        s.ackedBy = by;
        s.ackVia = via;
        for (PlannedStep p : s.plan) {
            if (!p.done && !p.mandatory) {
                p.cancelled = true;
            }
        }
        for (Map.Entry<String, AlertState.Told> e : s.told.entrySet()) {
            e.getValue().nextRepeatAt = null;
            ReceiverState rs = receivers.get(e.getKey());
            if (rs != null && rs.pending.removeIf(i -> i.alert.cardId().equals(cardId) && !i.mandatory
                    && (i.type == Item.Type.ESCALATED || i.type == Item.Type.REPEAT))) {
                rs.reindex();
                dirty.add(RECEIVER + rs.receiverId);
            }
        }
        audit(now, AuditEvent.Type.ACKNOWLEDGED, s.alert, null, null, null, null, 0, via, by, null);
        touch(s, now);
        return AckOutcome.ACKNOWLEDGED;
    }

    // ------------------------------------------------------------------------------------------------- silences (API)

    /**
     * A silence created over the API: in force like a {@code silences.yaml} entry, stored in the state topic and audited
     * ({@code SILENCE_CREATED}). Ids are unique across the file and the API.
     */
    public SilenceOutcome createSilence(Silence si, String definition, long now) {
        if (apiSilences.containsKey(si.id()) || config.silences().stream().anyMatch(f -> f.id().equals(si.id()))) {
            return SilenceOutcome.DUPLICATE_ID;
        }
        if (si.endsAt() <= now) {
            return SilenceOutcome.ENDS_IN_THE_PAST;
        }
        SilenceEntry e = new SilenceEntry();
        e.id = si.id();
        e.definition = definition;
        e.createdAt = now;
        e.silence = si;
        apiSilences.put(si.id(), e);
        dirty.add(SILENCE + si.id());
        auditCards(now, AuditEvent.Type.SILENCE_CREATED, List.of(), null, null, null, null, 0, describe(si), si.createdBy(), null);
        return SilenceOutcome.CREATED;
    }

    /**
     * Ends an API silence now ({@code SILENCE_EXPIRED}, audited with who): what it held goes out at once. A silence of
     * {@code silences.yaml} is versioned data and ends by editing the file.
     */
    public SilenceOutcome expireSilence(String id, String by, long now) {
        SilenceEntry e = apiSilences.get(id);
        if (e == null) {
            return config.silences().stream().anyMatch(f -> f.id().equals(id)) ? SilenceOutcome.DECLARED_IN_FILE
                    : SilenceOutcome.NOT_FOUND;
        }
        if (e.silence.endsAt() <= now) {
            return SilenceOutcome.ALREADY_ENDED;
        }
        Silence si = e.silence;
        e.silence = new Silence(si.id(), si.comment(), si.createdBy(), si.startsAt(), now, si.match(), si.receivers());
        e.expiredAt = now;
        e.expiredBy = by;
        dirty.add(SILENCE + id);
        auditCards(now, AuditEvent.Type.SILENCE_EXPIRED, List.of(), null, null, null, null, 0, describe(si), by, null);
        recheckHeld(now);
        return SilenceOutcome.EXPIRED;
    }

    /** Every silence, the file's first, with ended ones until the retention sweep drops them. */
    public List<SilenceView> silences() {
        List<SilenceView> out = new ArrayList<>();
        config.silences().forEach(si -> out.add(new SilenceView(si, "file", null, null, null)));
        apiSilences.values().forEach(e -> out.add(new SilenceView(e.silence, "api", e.createdAt, e.expiredAt, e.expiredBy)));
        return out;
    }

    private static String describe(Silence si) {
        return "silence " + si.id() + " (" + si.comment() + ") " + cn.xiaoneng.model.Times.format(si.startsAt()) + " … "
                + cn.xiaoneng.model.Times.format(si.endsAt()) + (si.receivers().isEmpty() ? "" : " for " + si.receivers());
    }

    // ------------------------------------------------------------------------------------------------- time

    /** Runs everything due at {@code now}: plan steps, repeats, receivers' groups, the retention sweep. */
    public void tick(long now) {
        while (!timers.isEmpty() && timers.firstKey() <= now) {
            Map.Entry<Long, Set<String>> e = timers.pollFirstEntry();
            for (String id : e.getValue()) {
                if (Objects.equals(timerOf.get(id), e.getKey())) {
                    timerOf.remove(id);
                    AlertState s = alerts.get(id);
                    if (s != null) {
                        process(s, now);
                    }
                }
            }
        }
        List<ReceiverState> due = new ArrayList<>();
        for (ReceiverState rs : receivers.values()) {
            if (rs.flushAt != null && rs.flushAt <= now) {
                due.add(rs);
            }
        }
        due.sort(Comparator.comparing(r -> r.receiverId));
        for (ReceiverState rs : due) {
            flush(rs, now);
        }
        if (lastSweep == Long.MIN_VALUE || now - lastSweep >= SWEEP_EVERY_MS) {
            sweep(now);
            lastSweep = now;
        }
    }

    /** The earliest time anything is due (a step, a repeat, a group, a retry), or null when nothing waits. */
    public Long nextWakeUp() {
        long next = Long.MAX_VALUE;
        if (!timers.isEmpty()) {
            next = timers.firstKey();
        }
        for (ReceiverState rs : receivers.values()) {
            if (rs.flushAt != null) {
                next = Math.min(next, rs.flushAt);
            }
        }
        for (Delivery d : outbox.values()) {
            if (!inFlight.contains(d.id)) {
                next = Math.min(next, d.nextAttemptAt);
            }
        }
        return next == Long.MAX_VALUE ? null : next;
    }

    private void process(AlertState s, long now) {
        if (s.retracted) {
            return;
        }
        for (PlannedStep p : s.plan) {
            if (p.done || p.cancelled || p.dueAt > now) {
                continue;
            }
            if (s.acked() && !p.mandatory) {
                p.cancelled = true;
                continue;
            }
            Receiver r = config.receiver(p.receiver);
            if (r == null) {
                p.cancelled = true;
                audit(now, AuditEvent.Type.SILENCED, s.alert, p.receiver, null, null, null, 0,
                        "receiver no longer configured", null, null);
                continue;
            }
            Long hold = p.mandatory ? null : holdUntil(s, p.receiver, now, true);
            if (hold != null) {
                p.dueAt = hold;
                continue;
            }
            p.done = true;
            if (r.directory() == null) {
                tell(s, p.receiver, r, p.step, p.mandatory, now);
                continue;
            }
            RoutingConfig.Resolved who = config.resolve(r, s.alert);
            if (who.receiverIds().isEmpty()) {
                unresolved(s, p, r, who.problem(), now);
                continue;
            }
            for (String person : who.receiverIds()) {
                tell(s, person, config.receiver(person), p.step, p.mandatory, now);
            }
        }
        for (Map.Entry<String, AlertState.Told> e : s.told.entrySet()) {
            AlertState.Told t = e.getValue();
            if (t.nextRepeatAt == null || t.nextRepeatAt > now) {
                continue;
            }
            Receiver r = config.receiver(e.getKey());
            if (s.acked() || r == null || t.repeats >= r.maxRepeats()) {
                t.nextRepeatAt = null;
                continue;
            }
            Long hold = holdUntil(s, e.getKey(), now, true);
            if (hold != null) {
                t.nextRepeatAt = hold;
                continue;
            }
            t.repeats++;
            t.nextRepeatAt = t.repeats < r.maxRepeats() ? now + r.repeatInterval().toMillis() : null;
            enqueue(e.getKey(), Item.of(Item.Type.REPEAT, s.alert, 0, t.repeats, false, now), now);
        }
        touch(s, now);
    }

    /** Queues the card to one receiver (a configured one, or a directory receiver's person) at plan step {@code step}. */
    private void tell(AlertState s, String receiverId, Receiver r, int step, boolean mandatory, long now) {
        AlertState.Told t = new AlertState.Told();
        t.queuedAt = now;
        t.mandatory = mandatory;
        t.nextRepeatAt = mandatory || r.maxRepeats() == 0 ? null : now + r.repeatInterval().toMillis();
        s.told.put(receiverId, t);
        enqueue(receiverId, Item.of(step == 0 ? Item.Type.NEW : Item.Type.ESCALATED, s.alert, step, 0, mandatory, now), now);
    }

    /**
     * A directory receiver found nobody for the card (a holder missing from the directory, a window without a lead, a
     * person without a phone): never a silent drop. It is audited {@code UNRESOLVED} and the card escalates at once to
     * the next step of its plan; with no later step, the receiver's {@code fallback} is told instead.
     */
    private void unresolved(AlertState s, PlannedStep p, Receiver r, String problem, long now) {
        p.unresolved = problem;
        long nextAt = Long.MAX_VALUE;
        for (PlannedStep q : s.plan) {
            if (!q.done && !q.cancelled && !q.mandatory && q.at > p.at) {
                nextAt = Math.min(nextAt, q.at);
            }
        }
        if (nextAt != Long.MAX_VALUE) {
            List<String> next = new ArrayList<>();
            for (PlannedStep q : s.plan) {
                if (!q.done && !q.cancelled && !q.mandatory && q.at == nextAt) {
                    q.dueAt = Math.min(q.dueAt, now);
                    next.add(q.receiver);
                }
            }
            audit(now, AuditEvent.Type.UNRESOLVED, s.alert, p.receiver, null, null, null, 0,
                    problem + "; escalating at once to " + next, null, null);
            return;
        }
        Receiver fallback = r.fallback() == null ? null : config.receiver(r.fallback());
        if (fallback != null && !s.told.containsKey(fallback.id())) {
            audit(now, AuditEvent.Type.UNRESOLVED, s.alert, p.receiver, null, null, null, 0,
                    problem + "; no later step: telling the fallback " + fallback.id() + " instead", null, null);
            tell(s, fallback.id(), fallback, p.step, p.mandatory, now);
            return;
        }
        audit(now, AuditEvent.Type.UNRESOLVED, s.alert, p.receiver, null, null, null, 0, problem + "; no later step and "
                + (fallback == null ? "no fallback" : "the fallback " + fallback.id() + " was told already"), null, null);
    }

    private void enqueue(String receiverId, Item item, long now) {
        ReceiverState rs = receivers.computeIfAbsent(receiverId, id -> {
            ReceiverState n = new ReceiverState();
            n.receiverId = id;
            return n;
        });
        if (item.type != Item.Type.RETRACTED && rs.queued(item.cardId)) {
            return; // already in the next message
        }
        rs.add(item);
        if (rs.flushAt == null) {
            Receiver r = config.receiver(receiverId);
            long at = now + (r == null ? 0 : r.groupWait().toMillis());
            if (rs.lastFlushAt != null && r != null) {
                at = Math.max(at, rs.lastFlushAt + r.groupInterval().toMillis());
            }
            rs.flushAt = at;
        }
        dirty.add(RECEIVER + receiverId);
    }

    private void flush(ReceiverState rs, long now) {
        dirty.add(RECEIVER + rs.receiverId);
        Receiver r = config.receiver(rs.receiverId);
        if (rs.pending.isEmpty() || r == null) {
            rs.pending.clear();
            rs.reindex();
            rs.flushAt = null;
            return;
        }
        long windowStart = now - r.ratePer().toMillis();
        rs.sent.removeIf(t -> t <= windowStart);
        if (rs.sent.size() >= r.rateMax()) {
            rs.flushAt = rs.sent.get(0) + r.ratePer().toMillis();
            List<Alert> cards = rs.pending.stream().map(i -> i.alert).toList();
            auditCards(now, AuditEvent.Type.RATE_LIMITED, cards, rs.receiverId, null, null, null, 0,
                    rs.sent.size() + " messages in " + r.ratePer() + "; next at " + rs.flushAt, null, null);
            return;
        }
        Notification n = new Notification();
        rs.seq++;
        n.id = rs.receiverId + ":" + rs.seq;
        n.receiverId = rs.receiverId;
        n.seq = rs.seq;
        n.createdAt = now;
        n.items = new ArrayList<>(rs.pending);
        n.items.sort(Comparator.comparingInt((Item i) -> i.type == Item.Type.RETRACTED ? 1 : 0)
                .thenComparing(i -> -i.alert.level()).thenComparingLong(i -> i.alert.instant()));
        n.summary = n.items.size() > r.summaryAbove();
        for (Item i : n.items) {
            AlertState s = alerts.get(i.alert.cardId());
            if (s != null && s.told.containsKey(rs.receiverId)) {
                s.told.get(rs.receiverId).sent = true;
                dirty.add(ALERT + s.alert.cardId());
            }
        }
        rs.pending = new ArrayList<>();
        rs.reindex();
        rs.flushAt = null;
        rs.lastFlushAt = now;
        rs.sent.add(now);
        List<ChannelConfig> channels = r.channels();
        for (int c = 0; c < channels.size(); c++) {
            Delivery d = new Delivery();
            d.id = n.id + "/" + c;
            d.notification = n;
            d.channelIndex = c;
            d.channelType = channels.get(c).type();
            d.target = channels.get(c).target();
            d.nextAttemptAt = now;
            outbox.put(d.id, d);
            dirty.add(DELIVERY + d.id);
        }
        auditCards(now, AuditEvent.Type.NOTIFIED, n.items.stream().map(i -> i.alert).toList(), rs.receiverId, null, null,
                n.id, 0, n.items.size() + " cards" + (n.summary ? " (summary)" : "") + ": "
                        + n.items.stream().map(i -> i.type.name()).toList(), null, null);
    }

    private void sweep(long now) {
        long horizon = config.retention().toMillis();
        Set<String> pendingCards = new HashSet<>();
        receivers.values().forEach(rs -> rs.pending.forEach(i -> pendingCards.add(i.alert.cardId())));
        outbox.values().forEach(d -> d.notification.items.forEach(i -> pendingCards.add(i.alert.cardId())));
        for (Iterator<AlertState> it = alerts.values().iterator(); it.hasNext();) {
            AlertState s = it.next();
            String id = s.alert.cardId();
            if (now - s.lastActivity > horizon && !timerOf.containsKey(id) && !pendingCards.contains(id)) {
                it.remove();
                unindexInhibitor(s);
                held.remove(id);
                dirty.add(ALERT + id);
            }
        }
        for (Iterator<SilenceEntry> it = apiSilences.values().iterator(); it.hasNext();) {
            SilenceEntry e = it.next();
            if (now - e.silence.endsAt() > horizon) {
                it.remove();
                dirty.add(SILENCE + e.id);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- suppression

    /** Why a card to a receiver is held back at {@code now}: a silence or an inhibition, and until when. */
    public record Hold(String reason, long until, AuditEvent.Type type) {}

    /** The silence or inhibition holding {@code s} back for {@code receiverId} at {@code now}, or null. Pure. */
    public Hold hold(AlertState s, String receiverId, long now) {
        Alert a = s.alert;
        List<Silence> all = config.silences();
        if (!apiSilences.isEmpty()) {
            all = new ArrayList<>(all);
            for (SilenceEntry e : apiSilences.values()) {
                all.add(e.silence);
            }
        }
        for (Silence si : all) {
            if (si.activeAt(now) && si.match().matches(a)
                    && (si.receivers().isEmpty() || si.receivers().contains(Receiver.baseId(receiverId)))) {
                return new Hold("silence " + si.id() + " (" + si.comment() + ", " + si.createdBy() + ")", si.endsAt(),
                        AuditEvent.Type.SILENCED);
            }
        }
        for (InhibitRule rule : config.inhibitions()) {
            if (!rule.target().matches(a)) {
                continue;
            }
            Set<String> sources = inhibitors.getOrDefault(rule.name(), Map.of()).get(equalKey(rule, a));
            if (sources == null) {
                continue;
            }
            for (String id : sources) {
                AlertState src = alerts.get(id);
                if (id.equals(a.cardId()) || src == null || src.retracted) {
                    continue;
                }
                if (rule.activeFor() != null && now >= src.alert.instant() + rule.activeFor().toMillis()) {
                    continue;
                }
                if (rule.affectedWindows() && !src.alert.windowIds().isEmpty()
                        && a.windowIds().stream().noneMatch(src.alert.windowIds()::contains)) {
                    continue;
                }
                long until = rule.activeFor() == null ? UNTIL_RELEASED : src.alert.instant() + rule.activeFor().toMillis();
                return new Hold("inhibition " + rule.name() + " by " + src.alert.kind() + " " + id, until,
                        AuditEvent.Type.INHIBITED);
            }
        }
        return null;
    }

    private Long holdUntil(AlertState s, String receiverId, long now, boolean record) {
        Hold h = hold(s, receiverId, now);
        if (h == null) {
            return null;
        }
        if (h.type() == AuditEvent.Type.INHIBITED) {
            held.add(s.alert.cardId());
        }
        if (record && !s.auditedSuppressions.contains(h.reason())) {
            s.auditedSuppressions.add(h.reason());
            audit(now, h.type(), s.alert, receiverId, null, null, null, 0, h.reason(), null, null);
        }
        return h.until();
    }

    private void releaseHeld(long now) {
        for (String id : new ArrayList<>(held)) {
            AlertState s = alerts.get(id);
            held.remove(id);
            if (s == null || s.retracted) {
                continue;
            }
            long at = Math.max(now, s.openedAt);
            for (PlannedStep p : s.plan) {
                if (!p.done && !p.cancelled && p.dueAt == UNTIL_RELEASED) {
                    p.dueAt = at;
                }
            }
            for (AlertState.Told t : s.told.values()) {
                if (t.nextRepeatAt != null && t.nextRepeatAt == UNTIL_RELEASED) {
                    t.nextRepeatAt = at;
                }
            }
            schedule(s);
            dirty.add(ALERT + id);
        }
    }

    private void indexInhibitor(AlertState s) {
        if (s.retracted) {
            return;
        }
        for (InhibitRule rule : config.inhibitions()) {
            if (rule.source().matches(s.alert)) {
                inhibitors.computeIfAbsent(rule.name(), k -> new HashMap<>())
                        .computeIfAbsent(equalKey(rule, s.alert), k -> new LinkedHashSet<>()).add(s.alert.cardId());
            }
        }
    }

    private void unindexInhibitor(AlertState s) {
        for (InhibitRule rule : config.inhibitions()) {
            Map<String, Set<String>> byKey = inhibitors.get(rule.name());
            if (byKey != null) {
                Set<String> ids = byKey.get(equalKey(rule, s.alert));
                if (ids != null) {
                    ids.remove(s.alert.cardId());
                }
            }
        }
    }

    private static String equalKey(InhibitRule rule, Alert a) {
        StringBuilder b = new StringBuilder();
        for (String label : rule.equal()) {
            b.append(switch (label) {
                case "center" -> a.centerId();
                case "case" -> a.caseId();
                case "department" -> a.departmentId();
                default -> a.windowId();
            }).append('\u0001');
        }
        return b.toString();
    }

    // ------------------------------------------------------------------------------------------------- outbox

    /** Outbox entries due at {@code now} and not already being sent; they are marked in flight until their result. */
    public List<Delivery> dueDeliveries(long now) {
        List<Delivery> due = new ArrayList<>();
        for (Delivery d : outbox.values()) {
            if (d.nextAttemptAt <= now && !inFlight.contains(d.id)) {
                inFlight.add(d.id);
                due.add(d);
            }
        }
        return due;
    }

    public void onDelivered(String deliveryId, long now, String message) {
        inFlight.remove(deliveryId);
        Delivery d = outbox.remove(deliveryId);
        if (d == null) {
            return;
        }
        dirty.add(DELIVERY + deliveryId);
        auditCards(now, AuditEvent.Type.DELIVERED, d.notification.items.stream().map(i -> i.alert).toList(),
                d.notification.receiverId, d.channelType, d.target, d.notification.id, d.attempts + 1, null, null, message);
    }

    /** Records a failed attempt; returns the delivery when its retry budget is spent (the caller dead-letters it), else null. */
    public Delivery onDeliveryFailed(String deliveryId, long now, String error) {
        inFlight.remove(deliveryId);
        Delivery d = outbox.get(deliveryId);
        if (d == null) {
            return null;
        }
        d.attempts++;
        d.lastError = error;
        dirty.add(DELIVERY + deliveryId);
        RetryPolicy retry = config.retry(d.channelType);
        List<Alert> cards = d.notification.items.stream().map(i -> i.alert).toList();
        if (d.attempts >= retry.maxAttempts()) {
            outbox.remove(deliveryId);
            auditCards(now, AuditEvent.Type.DEAD_LETTERED, cards, d.notification.receiverId, d.channelType, d.target,
                    d.notification.id, d.attempts, error, null, null);
            return d;
        }
        d.nextAttemptAt = now + retry.backoffAfter(d.attempts).toMillis();
        auditCards(now, AuditEvent.Type.ATTEMPT_FAILED, cards, d.notification.receiverId, d.channelType, d.target,
                d.notification.id, d.attempts, error, null, null);
        return null;
    }

    // ------------------------------------------------------------------------------------------------- dry run

    /** What a card would do now, without changing anything: routes, plan, and for each receiver whether it is held back. */
    public record DryRun(Router.Decision decision, Map<String, Hold> holds) {}

    public DryRun dryRun(Alert a, long now) {
        Router.Decision d = router.route(a);
        AlertState probe = new AlertState();
        probe.alert = a;
        Map<String, Hold> holds = new LinkedHashMap<>();
        for (PlannedStep p : d.plan()) {
            holds.put(p.receiver, p.mandatory ? null : hold(probe, p.receiver, now));
        }
        return new DryRun(d, holds);
    }

    // ------------------------------------------------------------------------------------------------- state

    public AlertState alert(String cardId) {
        return alerts.get(cardId);
    }

    public ReceiverState receiverState(String id) {
        return receivers.get(id);
    }

    public Collection<Delivery> outbox() {
        return outbox.values();
    }

    public int alertCount() {
        return alerts.size();
    }

    /** Entries changed since the last call: key → JSON, or null for a deleted entry. */
    public Map<String, byte[]> drainChanges() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String key : dirty) {
            Object value;
            if (key.startsWith(ALERT)) {
                value = alerts.get(key.substring(ALERT.length()));
            } else if (key.startsWith(RECEIVER)) {
                value = receivers.get(key.substring(RECEIVER.length()));
            } else if (key.startsWith(SILENCE)) {
                value = apiSilences.get(key.substring(SILENCE.length()));
            } else {
                value = outbox.get(key.substring(DELIVERY.length()));
            }
            out.put(key, value == null ? null : StateCodec.encode(value));
        }
        dirty.clear();
        return out;
    }

    /** What {@link #restore} could not bring back (logged by the service). */
    public List<String> restoreWarnings() {
        return List.copyOf(restoreWarnings);
    }

    public List<AuditEvent> drainAudit() {
        List<AuditEvent> out = List.copyOf(audit);
        audit.clear();
        return out;
    }

    /** Rebuilds an engine from state entries (the compacted state topic, read to its end). */
    public static AlertEngine restore(RoutingConfig config, Map<String, byte[]> entries) {
        AlertEngine e = new AlertEngine(config);
        for (Map.Entry<String, byte[]> en : entries.entrySet()) {
            String key = en.getKey();
            if (en.getValue() == null) {
                continue;
            }
            if (key.startsWith(ALERT)) {
                AlertState s = StateCodec.decode(en.getValue(), AlertState.class);
                e.alerts.put(s.alert.cardId(), s);
            } else if (key.startsWith(RECEIVER)) {
                ReceiverState rs = StateCodec.decode(en.getValue(), ReceiverState.class);
                e.receivers.put(rs.receiverId, rs);
            } else if (key.startsWith(DELIVERY)) {
                Delivery d = StateCodec.decode(en.getValue(), Delivery.class);
                e.outbox.put(d.id, d);
            } else if (key.startsWith(SILENCE)) {
                SilenceEntry si = StateCodec.decode(en.getValue(), SilenceEntry.class);
                try {
                    Silence parsed = new cn.xiaoneng.alerting.config.RoutingConfigLoader(Map.of()).silence(
                            StateCodec.MAPPER.readTree(si.definition), "state " + key, config.receivers());
                    si.silence = si.expiredAt == null ? parsed : new Silence(parsed.id(), parsed.comment(), parsed.createdBy(),
                            parsed.startsAt(), Math.min(parsed.endsAt(), si.expiredAt), parsed.match(), parsed.receivers());
                    e.apiSilences.put(si.id, si);
                } catch (RuntimeException | java.io.IOException ex) {
                    e.restoreWarnings.add("silence " + si.id + " not restored (the routing files changed?): " + ex.getMessage());
                }
            }
        }
        e.receivers.values().forEach(rs -> {
            rs.pending.removeIf(i -> !e.link(i));
            rs.reindex();
        });
        e.outbox.values().forEach(d -> d.notification.items.removeIf(i -> !e.link(i)));
        for (AlertState s : e.alerts.values()) {
            e.indexInhibitor(s);
            for (PlannedStep p : s.plan) {
                if (p.dueAt == UNTIL_RELEASED) {
                    e.held.add(s.alert.cardId());
                }
            }
            for (AlertState.Told t : s.told.values()) {
                if (t.nextRepeatAt != null && t.nextRepeatAt == UNTIL_RELEASED) {
                    e.held.add(s.alert.cardId());
                }
            }
            e.schedule(s);
        }
        e.dirty.clear();
        return e;
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** Links a restored item to its card; false when the card's state is gone (cannot happen: the sweep keeps it). */
    private boolean link(Item i) {
        AlertState s = alerts.get(i.cardId);
        if (s == null) {
            return false;
        }
        i.alert = i.type == Item.Type.RETRACTED ? s.alert.asRetracted() : s.alert;
        return true;
    }

    private void touch(AlertState s, long now) {
        s.lastActivity = now;
        dirty.add(ALERT + s.alert.cardId());
        schedule(s);
    }

    private void schedule(AlertState s) {
        String id = s.alert.cardId();
        Long old = timerOf.remove(id);
        if (old != null) {
            Set<String> ids = timers.get(old);
            if (ids != null) {
                ids.remove(id);
                if (ids.isEmpty()) {
                    timers.remove(old);
                }
            }
        }
        if (s.retracted) {
            return;
        }
        long next = Long.MAX_VALUE;
        for (PlannedStep p : s.plan) {
            if (!p.done && !p.cancelled) {
                next = Math.min(next, p.dueAt);
            }
        }
        if (!s.acked()) {
            for (AlertState.Told t : s.told.values()) {
                if (t.nextRepeatAt != null) {
                    next = Math.min(next, t.nextRepeatAt);
                }
            }
        }
        if (next != Long.MAX_VALUE) {
            timerOf.put(id, next);
            timers.computeIfAbsent(next, k -> new LinkedHashSet<>()).add(id);
        }
    }

    private void audit(long now, AuditEvent.Type type, Alert a, String receiver, String channel, String target,
            String notificationId, int attempt, String detail, String actor, String message) {
        auditCards(now, type, List.of(a), receiver, channel, target, notificationId, attempt, detail, actor, message);
    }

    private void auditCards(long now, AuditEvent.Type type, List<Alert> cards, String receiver, String channel, String target,
            String notificationId, int attempt, String detail, String actor, String message) {
        List<String> ids = cards.stream().map(Alert::cardId).toList();
        List<String> cases = cards.stream().map(Alert::subject).filter(Objects::nonNull).distinct().toList();
        List<String> kinds = cards.stream().map(Alert::kind).distinct().toList();
        String center = cards.isEmpty() ? "" : cards.get(0).centerId();
        audit.add(AuditEvent.of(now, type, center == null ? "" : center, ids, cases, kinds, receiver, channel, target,
                notificationId, attempt, detail, actor, message));
    }
}
