package cn.xiaoneng.alerting.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A secret (HMAC key, robot token, SMTP password, gateway key) read from the environment ({@code ${env:NAME}}) or a
 * secret file ({@code ${file:/run/secrets/name}}, trailing newline dropped), never from the routing file itself.
 * {@link #toString()} never shows the value, so a secret in a log line or an exception reads {@code ***}.
 */
public final class Secret {
    private final String source;
    private final String value;

    private Secret(String source, String value) {
        this.source = source;
        this.value = value;
    }

    /** A value given directly (tests). */
    public static Secret of(String value) {
        return new Secret("literal", Objects.requireNonNull(value));
    }

    /**
     * Resolves a reference; a plain value is refused so that no secret sits in a versioned file.
     *
     * @throws IllegalArgumentException naming the variable or file, never the value
     */
    public static Secret resolve(String reference, Map<String, String> env) {
        if (reference == null) {
            throw new IllegalArgumentException("missing secret reference");
        }
        String r = reference.strip();
        if (r.startsWith("${env:") && r.endsWith("}")) {
            String name = r.substring(6, r.length() - 1);
            String v = env.get(name);
            if (v == null || v.isEmpty()) {
                throw new IllegalArgumentException("environment variable " + name + " is not set");
            }
            return new Secret("env:" + name, v);
        }
        if (r.startsWith("${file:") && r.endsWith("}")) {
            Path p = Path.of(r.substring(7, r.length() - 1));
            try {
                String v = Files.readString(p, StandardCharsets.UTF_8).strip();
                if (v.isEmpty()) {
                    throw new IllegalArgumentException("secret file " + p + " is empty");
                }
                return new Secret("file:" + p, v);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read secret file " + p + ": " + e.getClass().getSimpleName());
            }
        }
        throw new IllegalArgumentException("secrets must be ${env:NAME} or ${file:/path}, not a value written in the file");
    }

    public String value() {
        return value;
    }

    /** Where it came from ({@code env:NAME}, {@code file:/path}): safe to log. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "***(" + source + ")";
    }
}
