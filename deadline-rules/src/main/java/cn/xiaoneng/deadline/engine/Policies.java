package cn.xiaoneng.deadline.engine;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Which policy judges a center's cases. Serializable, so a Flink function can carry it. */
@FunctionalInterface
public interface Policies extends Serializable {

    DeadlinePolicy forCenter(String centerId);

    /** One policy for every center (tests, the CLI with {@code --policy}). */
    static Policies of(DeadlinePolicy policy) {
        Objects.requireNonNull(policy, "policy");
        return centerId -> policy;
    }

    /** {@link DeadlinePolicy#forCenter}: the center's own file, else the built-in default; loaded once per center. */
    static Policies centers() {
        return new PerCenter();
    }

    /** Loads each center's policy once; the cache is rebuilt after deserialization. */
    final class PerCenter implements Policies {
        private static final long serialVersionUID = 1L;
        private transient Map<String, DeadlinePolicy> cache;

        private PerCenter() {}

        @Override
        public DeadlinePolicy forCenter(String centerId) {
            Map<String, DeadlinePolicy> c = cache;
            if (c == null) {
                c = new ConcurrentHashMap<>();
                cache = c;
            }
            return c.computeIfAbsent(centerId == null ? "" : centerId, DeadlinePolicy::forCenter);
        }
    }
}
