package cn.xiaoneng.deadline.engine;

import cn.xiaoneng.deadline.calendar.CenterCalendars;
import cn.xiaoneng.deadline.calendar.WorkCalendar;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Which working calendar judges a center's cases. Serializable, so a Flink function can carry it.
 */
@FunctionalInterface
public interface Calendars extends Serializable {

    WorkCalendar forCenter(String centerId);

    /** One calendar for every center (tests, the CLI with {@code --center}). */
    static Calendars of(WorkCalendar calendar) {
        Objects.requireNonNull(calendar, "calendar");
        return centerId -> calendar;
    }

    /**
     * The national calendar plus each center's overrides ({@link CenterCalendars#forCenter}), loaded once per
     * center. A center id that cannot name a file gets the national calendar.
     */
    static Calendars centers() {
        return new PerCenter(List.of());
    }

    /** Like {@link #centers()}, with extra calendar files layered on top for every center. */
    static Calendars centers(List<java.nio.file.Path> extraFiles) {
        return new PerCenter(List.copyOf(extraFiles));
    }

    /** Loads each center's calendar once; the cache is rebuilt after deserialization. */
    final class PerCenter implements Calendars {
        private static final long serialVersionUID = 1L;
        private static final Pattern CENTER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
        private final List<String> extraFiles;
        private transient Map<String, WorkCalendar> cache;

        private PerCenter(List<java.nio.file.Path> extraFiles) {
            this.extraFiles = extraFiles.stream().map(java.nio.file.Path::toString).toList();
        }

        @Override
        public WorkCalendar forCenter(String centerId) {
            Map<String, WorkCalendar> c = cache;
            if (c == null) {
                c = new ConcurrentHashMap<>();
                cache = c;
            }
            String key = centerId == null ? "" : centerId;
            return c.computeIfAbsent(key, this::load);
        }

        private WorkCalendar load(String centerId) {
            WorkCalendar cal = CENTER_ID.matcher(centerId).matches() ? CenterCalendars.forCenter(centerId) : WorkCalendar.china();
            for (String f : extraFiles) {
                cal = cal.withFile(java.nio.file.Path.of(f));
            }
            return cal;
        }
    }
}
