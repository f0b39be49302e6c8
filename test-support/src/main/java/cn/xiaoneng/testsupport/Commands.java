package cn.xiaoneng.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One-shot commands (initdb, mariadb-install-db, Kafka's storage format, signals) and the OS-user plumbing the
 * database servers need: both refuse to run as root, and this machine runs everything as root.
 */
final class Commands {
    private Commands() {}

    /** Runs {@code command} to completion, logging to {@code log}; fails with the log tail on a non-zero exit. */
    static void run(String what, List<String> command, Path workDir, Path log, Duration timeout) {
        try (ManagedProcess p = ManagedProcess.start(what, command, workDir, Map.of(), log)) {
            if (!p.waitFor(timeout)) {
                p.kill();
                throw new IllegalStateException(what + " did not finish within " + timeout.toSeconds() + " s; log " + log
                        + ":\n" + p.tail(30));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(what + " failed with exit code " + p.exitValue() + "; log " + log + ":\n"
                        + p.tail(30));
            }
        }
    }

    /** Sends a POSIX signal (e.g. "INT") to a process; Java itself only knows TERM and KILL. */
    static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("cannot send SIG" + signal + " to " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static boolean userExists(String user) {
        try {
            return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith(user + ":"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Prefixes {@code command} so it runs as {@code user} when we are root. setpriv execs in place (unlike runuser/su,
     * which fork and stay as a parent), so the pid we hold is the server's own pid and signals reach it directly.
     */
    static List<String> asUser(String user, List<String> command) {
        if (!runningAsRoot() || user == null) {
            return command;
        }
        List<String> full = new ArrayList<>(List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "--"));
        full.addAll(command);
        return full;
    }

    static void chown(Path path, String user) {
        if (!runningAsRoot() || user == null) {
            return;
        }
        run("chown " + path, List.of("chown", "-R", user + ":" + user, path.toString()), path.getParent(),
                path.getParent().resolve("chown.log"), Duration.ofSeconds(30));
    }

    /**
     * A server running as another OS user must be able to walk down to its data dir. JUnit's @TempDir and
     * {@code Files.createTempDirectory} make 0700 directories, which would fail deep inside initdb with a vague message.
     */
    static void requireTraversable(Path dir, String user) {
        if (!runningAsRoot()) {
            return;
        }
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new IllegalStateException("the server runs as OS user '" + user + "' and cannot enter " + p
                            + " (mode " + java.nio.file.attribute.PosixFilePermissions.toString(perms)
                            + "); put its data dir under target/ (see TestDirs) or chmod o+x that directory");
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read permissions of " + p, e);
            }
        }
    }

    static Path binary(Path dir, String name, String installHint) {
        Path p = dir.resolve(name);
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException(p + " not found; " + installHint);
        }
        return p;
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
