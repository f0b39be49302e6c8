package cn.xiaoneng.deadline.calendar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds a center's calendar: the national calendar plus the center's override file when it has one.
 * Epoint keys its working calendar by {@code centerguid} (DOMAIN.md §1.3); we key by center id.
 *
 * <p>An override file is looked up as {@code calendars/centers/<centerId>.cal}, first in a directory given by
 * the system property {@value #DIR_PROPERTY} (operators drop files there without a rebuild), then on the
 * class path. A center without an override file works on the national calendar.
 */
public final class CenterCalendars {
    /** System property naming a directory of center override files ({@code <centerId>.cal}). */
    public static final String DIR_PROPERTY = "xiaoneng.calendar.dir";
    /** Class-path folder of center override files shipped with the build. */
    public static final String RESOURCE_DIR = "calendars/centers/";
    private static final Pattern CENTER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private CenterCalendars() {}

    /** The national calendar with the center's overrides, if any. */
    public static WorkCalendar forCenter(String centerId) {
        return forCenter(WorkCalendar.china(), centerId);
    }

    /** {@code base} with the center's overrides, if any. */
    public static WorkCalendar forCenter(WorkCalendar base, String centerId) {
        if (centerId == null || !CENTER_ID.matcher(centerId).matches()) {
            throw new IllegalArgumentException("center id '" + centerId + "' must be 1-64 letters, digits, '.', '_' or '-'");
        }
        Optional<CalendarFile> file = overrideFile(centerId);
        return file.map(f -> base.with(f).withId(base.id() + "+center:" + centerId)).orElse(base);
    }

    /** The center's override file, if one exists. */
    public static Optional<CalendarFile> overrideFile(String centerId) {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir != null && !dir.isBlank()) {
            Path p = Path.of(dir, centerId + ".cal");
            if (Files.isRegularFile(p)) {
                return Optional.of(CalendarFile.read(p));
            }
        }
        String resource = RESOURCE_DIR + centerId + ".cal";
        if (CenterCalendars.class.getClassLoader().getResource(resource) != null) {
            return Optional.of(CalendarFile.readResource(resource));
        }
        return Optional.empty();
    }
}
