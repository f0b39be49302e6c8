package cn.xiaoneng.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh directories for servers started by tests, under the running module's {@code target/servers/}, so that
 * {@code mvn clean} removes them and a failed run leaves its logs where one looks first. Not {@code @TempDir}: those
 * are mode 0700, which the {@code postgres} and {@code mysql} OS users cannot enter.
 */
public final class TestDirs {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HHmmss");

    private TestDirs() {}

    /** {@code target/servers/<name>-<time>-<n>}, created (mode 0755). */
    public static Path fresh(String name) {
        Path dir = Path.of("target", "servers",
                name + "-" + LocalDateTime.now().format(STAMP) + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet());
        try {
            return Files.createDirectories(dir).toAbsolutePath();
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir, e);
        }
    }
}
