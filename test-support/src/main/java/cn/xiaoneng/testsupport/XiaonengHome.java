package cn.xiaoneng.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The root of the checkout, where {@code tools/} and {@code kafka-runtime/target} live. Taken from the system
 * property {@code xiaoneng.home} (set by Maven for tests), the environment variable {@code XIAONENG_HOME} (set by
 * {@code bin/xiaoneng}), or found by walking up from the working directory to the parent pom.
 */
public final class XiaonengHome {
    private XiaonengHome() {}

    public static Path get() {
        String prop = System.getProperty("xiaoneng.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        String env = System.getenv("XIAONENG_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isDirectory(p.resolve("kafka-runtime")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("cannot find the Xiaoneng checkout: set -Dxiaoneng.home or XIAONENG_HOME");
    }

    /** A directory under the checkout's {@code .xiaoneng/} work area (git-ignored), created on demand. */
    public static Path workDir(String name) {
        try {
            return Files.createDirectories(get().resolve(".xiaoneng").resolve(name));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create work dir " + name, e);
        }
    }
}
