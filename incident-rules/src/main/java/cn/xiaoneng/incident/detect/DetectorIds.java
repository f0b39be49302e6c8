package cn.xiaoneng.incident.detect;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Incident ids of detected incidents: {@code auto-silence-<source>-<onset>} and
 * {@code auto-window-<department>-<window>-<onset>}, the onset as {@code yyyyMMdd'T'HHmmss.SSS} in the center's
 * zone. The same observations give the same id, so the operations log can confirm or dismiss it by id and a
 * replay never opens a second incident.
 */
final class DetectorIds {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS");

    private DetectorIds() {}

    static String silence(String sourceId, long onset, ZoneId zone) {
        return "auto-silence-" + sourceId + "-" + STAMP.format(Instant.ofEpochMilli(onset).atZone(zone));
    }

    static String window(String departmentId, String windowId, long onset, ZoneId zone) {
        return "auto-window-" + departmentId + "-" + windowId + "-" + STAMP.format(Instant.ofEpochMilli(onset).atZone(zone));
    }
}
