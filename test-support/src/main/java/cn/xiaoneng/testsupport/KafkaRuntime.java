package cn.xiaoneng.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kafka broker and Connect worker classpath laid out by the {@code kafka-runtime} module. They run as child JVMs
 * so that their Kafka version never meets Flink's (or the tests') on one classpath.
 */
public final class KafkaRuntime {
    private KafkaRuntime() {}

    public static Path root() {
        Path root = XiaonengHome.get().resolve("kafka-runtime/target/kafka-runtime");
        if (!Files.isDirectory(root.resolve("lib"))) {
            throw new IllegalStateException(root.resolve("lib") + " is missing; build it with: mvn -B -q install -pl kafka-runtime");
        }
        return root;
    }

    public static Path lib() {
        return root().resolve("lib");
    }

    /** One folder per connector (official Debezium plugin archives, unpacked). */
    public static Path plugins() {
        return root().resolve("plugins");
    }

    /**
     * {@code java <jvmOptions> -cp lib/* <mainClass> <args>}. Small heap and a log4j2 config of our own; the log4j2
     * file may be null for one-shot tools.
     */
    static List<String> javaCommand(String heap, Path log4j2Config, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Commands.javaExecutable(), "-Xms64m", "-Xmx" + heap,
                // Small heaps: serial GC costs least memory and CPU on a shared 2-core box.
                // C1 only: start-up measured here under load 4.5-6 s instead of 7.5-17 s with C2; test and demo
                // volumes never need C2's peak throughput.
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8"));
        if (log4j2Config != null) {
            cmd.add("-Dlog4j2.configurationFile=" + log4j2Config.toUri());
        }
        cmd.add("-cp");
        cmd.add(lib() + "/*");
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /** Console logging (captured by ManagedProcess into the process log), quiet for the chattiest loggers. */
    static Path writeLog4j2Config(Path dir, List<String> quietLoggers) {
        List<String> lines = new ArrayList<>(List.of(
                "status = warn",
                "appender.console.type = Console",
                "appender.console.name = STDOUT",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = [%d{ISO8601}] %p %m (%c{1.})%n",
                "rootLogger.level = info",
                "rootLogger.appenderRef.stdout.ref = STDOUT"));
        for (int i = 0; i < quietLoggers.size(); i++) {
            lines.add("logger.q" + i + ".name = " + quietLoggers.get(i));
            lines.add("logger.q" + i + ".level = warn");
        }
        Path file = dir.resolve("log4j2.properties");
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
        return file;
    }
}
