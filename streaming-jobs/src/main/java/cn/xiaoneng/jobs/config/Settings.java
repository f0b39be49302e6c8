package cn.xiaoneng.jobs.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * Reading typed values out of a job's settings, shared by every job's options class. Each problem names where the
 * settings came from (usually the file) and the key, so a bad setting stops the job at start-up with a message an
 * operator can act on.
 */
public final class Settings {
    private Settings() {}

    /** Loads a properties file as UTF-8; an unreadable file is reported with its path. */
    public static Properties load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
        return p;
    }

    public static String required(Properties p, String source, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(source + ": " + key + ": is required");
        }
        return v.trim();
    }

    /**
     * A positive duration: {@code 500ms}, {@code 10s}, {@code 5min}, {@code 2h}, {@code 3d}, or ISO-8601
     * ({@code PT30S}, {@code P3D}). ISO values are recognised first by their leading {@code P}.
     */
    public static Duration duration(Properties p, String source, String key, Duration dflt) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            String t = v.trim().toLowerCase();
            Duration d;
            if (t.startsWith("p")) {
                d = Duration.parse(v.trim().toUpperCase());
            } else if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            } else if (t.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).trim()));
            } else if (t.endsWith("min")) {
                d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 3).trim()));
            } else if (t.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1).trim()));
            } else if (t.endsWith("d")) {
                d = Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1).trim()));
            } else {
                d = Duration.parse(v.trim());
            }
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("not positive");
            }
            return d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": " + key + ": '" + v + "' is not a positive duration (e.g. 500ms, 10s, 5min, 2h, 3d)");
        }
    }

    public static int positiveInt(Properties p, String source, String key, int dflt) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i <= 0) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": " + key + ": '" + v + "' is not a positive whole number");
        }
    }
}
