package cn.xiaoneng.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium (apt-get install chromium), run headless once per page load: it renders the page, runs its
 * scripts for a budget of virtual time (fetches included) and prints the resulting DOM. No driver, no downloaded
 * browser. Every run gets a fresh profile, is bounded by a timeout and is killed with its children whatever happens.
 */
final class HeadlessChromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    /** The flags ENGINEERING.md asks for: no sandbox (root in a container), no GPU, nothing phoning home. */
    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic");

    private final Path workDir;

    /** @param workDir a fresh directory under target/ for profiles, output and logs */
    HeadlessChromium(Path workDir) {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError("Chromium is not installed at " + BINARY + ": the browser test needs Debian's package"
                    + " — apt-get install -y chromium (the test fails rather than skips without it)");
        }
        this.workDir = workDir;
    }

    /** Loads {@code url}, lets its scripts run for {@code virtualTime} and returns the DOM as HTML. */
    String dumpDom(String url, Duration virtualTime, Duration timeout) {
        return run("dump-dom", url, List.of("--virtual-time-budget=" + virtualTime.toMillis(), "--dump-dom"), timeout);
    }

    /** Saves a PNG of {@code url} (for people looking at the build output; nothing asserts on pixels). */
    Path screenshot(String url, Path png, Duration virtualTime, Duration timeout) {
        run("screenshot", url, List.of("--virtual-time-budget=" + virtualTime.toMillis(), "--hide-scrollbars",
                "--window-size=1440,2600", "--screenshot=" + png.toAbsolutePath()), timeout);
        return png;
    }

    private String run(String what, String url, List<String> extra, Duration timeout) {
        Path dir = workDir.resolve(what + "-" + System.nanoTime());
        Path profile = dir.resolve("profile");
        Path stdout = dir.resolve("stdout.html");
        Path log = dir.resolve("chromium.log");
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.addAll(FLAGS);
        command.add("--user-data-dir=" + profile.toAbsolutePath());
        command.addAll(extra);
        command.add(url);
        Process p = null;
        try {
            Files.createDirectories(profile);
            p = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(log.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("Chromium did not finish " + what + " of " + url + " within " + timeout.toSeconds()
                        + " s; log " + log + ":\n" + tail(log));
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("Chromium " + what + " of " + url + " exited with " + p.exitValue() + "; log " + log
                        + ":\n" + tail(log));
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Chromium ran " + what, e);
        } finally {
            if (p != null) {
                // Renderer, GPU and zygote processes outlive a killed parent unless killed themselves.
                List<ProcessHandle> children = p.descendants().toList();
                p.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
