package cn.xiaoneng.alerting.engine;

import cn.xiaoneng.alerting.alert.Alert;
import cn.xiaoneng.alerting.config.RoutingConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drives an {@link AlertEngine} through time the way the service does: tick at every wake-up, hand due deliveries to
 * "channels" (here: a list, or a failure for receivers marked down), persist changes into a map.
 */
final class EngineHarness {
    record Sent(long at, String receiver, String channel, Notification notification) {
        List<String> cards() {
            return notification.items.stream().map(i -> i.alert.cardId()).toList();
        }

        List<Item.Type> types() {
            return notification.items.stream().map(i -> i.type).toList();
        }
    }

    AlertEngine engine;
    final RoutingConfig config;
    long now;
    final List<Sent> sent = new ArrayList<>();
    final List<Delivery> deadLetters = new ArrayList<>();
    final List<AuditEvent> audit = new ArrayList<>();
    final Map<String, byte[]> store = new HashMap<>();
    final Set<String> down = new HashSet<>();

    EngineHarness(RoutingConfig config, long start) {
        this.config = config;
        this.engine = new AlertEngine(config);
        this.now = start;
    }

    AlertEngine.Outcome feed(Alert a) {
        AlertEngine.Outcome o = engine.onAlert(a, now);
        settle();
        return o;
    }

    AlertEngine.AckOutcome ack(String cardId, String by) {
        AlertEngine.AckOutcome o = engine.ack(cardId, by, "api", now);
        settle();
        return o;
    }

    /** Runs every wake-up up to and including {@code t}. */
    void advanceTo(long t) {
        while (true) {
            Long next = engine.nextWakeUp();
            if (next == null || next > t) {
                break;
            }
            now = Math.max(now, next);
            engine.tick(now);
            settle();
        }
        now = t;
        engine.tick(now);
        settle();
    }

    void restart() {
        persist();
        engine = AlertEngine.restore(config, new HashMap<>(store));
    }

    private void settle() {
        for (Delivery d : engine.dueDeliveries(now)) {
            if (down.contains(d.notification.receiverId)) {
                Delivery dead = engine.onDeliveryFailed(d.id, now, "HTTP 503 from test");
                if (dead != null) {
                    deadLetters.add(dead);
                }
            } else {
                sent.add(new Sent(now, d.notification.receiverId, d.channelType, d.notification));
                engine.onDelivered(d.id, now, "text");
            }
        }
        persist();
    }

    private void persist() {
        engine.drainChanges().forEach((k, v) -> {
            if (v == null) {
                store.remove(k);
            } else {
                store.put(k, v);
            }
        });
        audit.addAll(engine.drainAudit());
    }

    List<Sent> to(String receiver) {
        return sent.stream().filter(s -> s.receiver.equals(receiver)).toList();
    }

    List<Sent> to(String receiver, String channel) {
        return sent.stream().filter(s -> s.receiver.equals(receiver) && s.channel.equals(channel)).toList();
    }

    List<AuditEvent> audit(AuditEvent.Type type) {
        return audit.stream().filter(e -> e.event() == type).toList();
    }
}
