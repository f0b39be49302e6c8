package cn.xiaoneng.incident.plan;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Which plan judges a center's incidents. Serializable, so a Flink function can carry it. */
@FunctionalInterface
public interface IncidentPlans extends Serializable {

    IncidentPlan forCenter(String centerId);

    /** One plan for every center (tests, tools). */
    static IncidentPlans of(IncidentPlan plan) {
        Objects.requireNonNull(plan, "plan");
        return centerId -> plan;
    }

    /** {@link IncidentPlan#forCenter}: the center's own file, else the built-in plan; loaded once per center. */
    static IncidentPlans centers() {
        return new PerCenter();
    }

    /** Loads each center's plan once; the cache is rebuilt after deserialization. */
    final class PerCenter implements IncidentPlans {
        private static final long serialVersionUID = 1L;
        private transient Map<String, IncidentPlan> cache;

        private PerCenter() {}

        @Override
        public IncidentPlan forCenter(String centerId) {
            Map<String, IncidentPlan> c = cache;
            if (c == null) {
                c = new ConcurrentHashMap<>();
                cache = c;
            }
            return c.computeIfAbsent(centerId == null ? "" : centerId, IncidentPlan::forCenter);
        }
    }
}
