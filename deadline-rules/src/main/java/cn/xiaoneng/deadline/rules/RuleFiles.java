package cn.xiaoneng.deadline.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The format and the lookup of a center's rule files — the deadline policy ({@code policies/<center>.properties}) and
 * the emergency plan ({@code incident-plans/<center>.properties}): UTF-8 text, one {@code key = value} per line,
 * {@code #} or {@code !} comments, each key at most once. Every error names the file, the line and the key (through the
 * caller's own exception type), so operators fix the file without reading code.
 */
public final class RuleFiles {
    /** Center ids that may name a file (no path separators, no dots first). */
    public static final Pattern CENTER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /** Builds the caller's exception: {@code file}, 1-based {@code line} (0: the whole file), {@code key} or null. */
    @FunctionalInterface
    public interface Errors {
        RuntimeException at(String file, int line, String key, String reason);
    }

    /** One {@code key = value} line. */
    public record Entry(int line, String key, String value) {}

    /** Where a center's file was found: a file on disk or a class-path resource. */
    public record Found(Path file, String resource) {}

    private RuleFiles() {}

    /** The entries of a file's text, in file order; a line without '=', an empty key or a repeated key is an error. */
    public static List<Entry> entries(String source, String text, Errors errors) {
        List<Entry> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw errors.at(source, lineNo, null, "expected 'key = value', got '" + line + "'");
            }
            String key = line.substring(0, eq).strip();
            if (key.isEmpty()) {
                throw errors.at(source, lineNo, null, "a line starts with '=' and has no key");
            }
            Integer before = seen.putIfAbsent(key, lineNo);
            if (before != null) {
                throw errors.at(source, lineNo, key, "given twice (also on line " + before + ")");
            }
            out.add(new Entry(lineNo, key, line.substring(eq + 1).strip()));
        }
        return out;
    }

    /** The text of a file on disk. */
    public static String read(Path file, Errors errors) {
        try {
            return utf8(file.toString(), Files.readAllBytes(file), errors);
        } catch (IOException e) {
            throw errors.at(file.toString(), 0, null, "cannot read: " + e.getMessage());
        }
    }

    /** The text of a class-path resource. */
    public static String readResource(ClassLoader loader, String resource, Errors errors) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw errors.at(resource, 0, null, "no such resource on the class path");
            }
            return utf8(resource, in.readAllBytes(), errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A center's file: {@code <center>.properties} in the directory named by the system property {@code dirProperty},
     * else {@code <resourceDir><center>.properties} on the class path; empty when neither exists or the id cannot name
     * a file (the caller then uses its built-in defaults).
     */
    public static Optional<Found> find(String centerId, String dirProperty, String resourceDir, ClassLoader loader) {
        if (centerId == null || !CENTER_ID.matcher(centerId).matches()) {
            return Optional.empty();
        }
        String dir = System.getProperty(dirProperty);
        if (dir != null && !dir.isBlank() && Files.isRegularFile(Path.of(dir, centerId + ".properties"))) {
            return Optional.of(new Found(Path.of(dir, centerId + ".properties"), null));
        }
        String resource = resourceDir + centerId + ".properties";
        return loader.getResource(resource) != null ? Optional.of(new Found(null, resource)) : Optional.empty();
    }

    private static String utf8(String name, byte[] bytes, Errors errors) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw errors.at(name, 0, null, "is not UTF-8 text");
        }
    }
}
