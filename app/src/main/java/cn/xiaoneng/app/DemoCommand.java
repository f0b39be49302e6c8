package cn.xiaoneng.app;

import cn.xiaoneng.alerting.demo.DemoAlerting;
import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.ingestion.simulator.Department;
import cn.xiaoneng.ingestion.simulator.OfficeHours;
import cn.xiaoneng.ingestion.simulator.Simulator;
import cn.xiaoneng.jobs.spine.SpineJob;
import cn.xiaoneng.ingestion.simulator.IncidentScripts;
import cn.xiaoneng.jobs.deadline.DeadlineJob;
import cn.xiaoneng.jobs.incident.IncidentJob;
import cn.xiaoneng.model.Times;
import cn.xiaoneng.testsupport.LocalPlatform;
import cn.xiaoneng.testsupport.XiaonengHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The live demo on embedded defaults: every server as a local process, the Debezium connectors on a Connect
 * worker, the spine job (normalization and live throughput), the deadline and incident jobs on an in-process Flink MiniCluster, the console, and three simulated
 * departments working in compressed office time. Ctrl-C stops everything it started.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the live demo on embedded servers (Ctrl-C stops everything).")
final class DemoCommand implements Callable<Integer> {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Option(names = "--rate", defaultValue = "2", description = "simulated cases per second while the hall is open (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--working-days-back", defaultValue = "10",
            description = "start the simulated office clock this many working days ago; it runs compressed until it reaches now (default: ${DEFAULT-VALUE})")
    int workingDaysBack;

    @Option(names = "--seed", defaultValue = "2026", description = "simulator seed: the same seed gives the same cases (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--console-port", defaultValue = "0", description = "console port; 0 picks a free one")
    int consolePort;

    @Option(names = "--duration", description = "stop by itself after this long, ISO-8601 (e.g. PT10M); default: run until Ctrl-C")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        Progress progress = new Progress(8);
        Path workDir = XiaonengHome.workDir("demo");
        Path runDir = freshRunDir(workDir);
        System.out.println("Xiaoneng demo — work dir " + runDir + " (logs in " + workDir.resolve("logs") + ")");
        AtomicReference<Runnable> stopAll = new AtomicReference<>(() -> { });
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopAll.get().run();
            stopped.countDown();
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        progress.step("starting PostgreSQL, MariaDB, Kafka, Kafka Connect and ClickHouse");
        LocalPlatform platform = LocalPlatform.builder().all().start(runDir.resolve("servers"));
        stopAll.set(() -> stopQuietly("servers", platform::close));
        progress.done(platform.startTimes().size() + " servers");

        Spine spine = new Spine(platform, runDir);
        progress.step("creating the departmental databases (lc 市场监管局, xd 人社局, ex 住建局)");
        spine.prepareSources();
        spine.prepareOpsLog();
        progress.done("3 databases and the center's operations log");

        progress.step("migrating the ClickHouse warehouse");
        progress.done(spine.migrateWarehouse().toString());

        progress.step("registering the Debezium connectors on Kafka Connect");
        spine.createTopics(4);
        spine.registerConnectors(Duration.ofMinutes(2));
        spine.registerOpsLogConnector(Duration.ofMinutes(2));
        progress.done("lc, xd, ex and the operations log running");

        progress.step("starting the normalization, throughput, deadline and incident jobs on embedded Flink MiniClusters");
        // Normalization and live throughput in one job (SpineJob): the events go on to the buckets without a Kafka round trip.
        JobClient job = SpineJob.runJob(spine.flinkEnvironment("spine", 2), spine.spineOptions(Duration.ofSeconds(5)));
        JobClient deadlineJob = DeadlineJob.runJob(spine.flinkEnvironment("deadline", 1), spine.deadlineOptions(Duration.ofSeconds(5)));
        JobClient incidentJob = IncidentJob.runJob(spine.flinkEnvironment("incident", 1), spine.incidentOptions(Duration.ofSeconds(5), Map.of()));
        Runnable stopServers = stopAll.get();
        stopAll.set(() -> {
            stopQuietly("incident job", () -> incidentJob.cancel().get());
            stopQuietly("deadline job", () -> deadlineJob.cancel().get());
            stopQuietly("spine job", () -> job.cancel().get());
            stopServers.run();
        });
        progress.done("jobs " + job.getJobID() + ", " + deadlineJob.getJobID() + ", " + incidentJob.getJobID());

        progress.step("starting the console");
        ConsoleLauncher console = ConsoleLauncher.start(spine.clickHouse(), consolePort, Department.builtIn());
        Runnable stopJobAndServers = stopAll.get();
        stopAll.set(() -> {
            stopQuietly("console", console::stop);
            stopJobAndServers.run();
        });
        progress.done(console.url());

        progress.step("starting the alert router on the deadline and incident cards (local SMS gateway and webhooks)");
        DemoAlerting alerting = DemoAlerting.start(runDir.resolve("alerting"), platform.kafka().bootstrapServers(), spine.clickHouse(),
                Department.builtIn().stream().map(d -> new DemoAlerting.Department(d.departmentId(), d.name(), d.windows(), d.staff()))
                        .toList());
        Runnable stopUpToConsole = stopAll.get();
        stopAll.set(() -> {
            stopQuietly("alert router", alerting::close);
            stopUpToConsole.run();
        });
        progress.done(alerting.url());

        OfficeHours hours = OfficeHours.standard(WorkCalendar.china()::isWorkingDay, Times.CHINA);
        Instant businessStart = workingDaysAgo(hours, workingDaysBack);
        double compression = Simulator.compressionFor(rate, Department.builtIn(), hours);
        progress.step(String.format("simulating three departments from %s at %.1f cases/s (office clock ×%.0f)",
                CLOCK.format(LocalDateTime.ofInstant(businessStart, Times.CHINA)), rate, compression));
        // About every other simulated working day the duty officer records a 高明-style system failure in the operations log.
        Simulator simulator = spine.simulator(seed, businessStart, hours)
                .withOpsLog(spine.opsLogWriter(), new IncidentScripts.Daily(Spine.CENTER, Department.builtIn(), hours, 0.5, seed));
        progress.done("running");

        System.out.println();
        Map<String, String> endpoints = platform.endpoints();
        System.out.println("console: " + console.url());
        endpoints.forEach((name, url) -> System.out.println(name + ": " + url));
        System.out.println("alerting: " + alerting.url() + "/ack");
        System.out.println("alerting-inbox: " + alerting.receiverUrl());
        System.out.println("  (the router's ack pages and API — token " + alerting.apiToken() + " — and the SMS and webhooks it sent;"
                + " audit: SELECT * FROM alert_delivery_audit)");
        System.out.println();
        System.out.println("Ready in " + progress.elapsedSeconds() + " s. Press Ctrl-C to stop everything.");

        java.util.concurrent.atomic.AtomicBoolean simulatorStopping = new java.util.concurrent.atomic.AtomicBoolean();
        Thread sim = new Thread(() -> {
            try {
                simulator.runLive(businessStart, compression, duration == null ? Duration.ofDays(365) : duration, Duration.ofSeconds(15),
                        p -> System.out.printf("simulated %d cases, %d source writes; office clock at %s%n", p.cases(), p.actions(),
                                CLOCK.format(LocalDateTime.ofInstant(p.businessTime(), Times.CHINA))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                if (!simulatorStopping.get()) {
                    System.err.println("simulator stopped: " + e.getMessage());
                }
            }
        }, "simulator");
        sim.setDaemon(true);
        sim.start();
        Runnable stopConsoleJobServers = stopAll.get();
        stopAll.set(() -> {
            simulatorStopping.set(true); // an interrupted JDBC write reports a socket error: expected now, not news
            sim.interrupt();
            stopQuietly("simulator", () -> sim.join(10_000)); // let it finish its write before the databases go
            stopConsoleJobServers.run();
            System.out.println("Stopped: simulator, alert router, console, the four jobs, and " + endpoints.size() + " servers; nothing left running.");
        });
        sim.join();
        try {
            // --duration reached: stop as Ctrl-C would.
            Runtime.getRuntime().removeShutdownHook(hook);
            hook.run();
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C or SIGTERM: the shutdown hook is already stopping everything.
        }
        stopped.await();
        return 0;
    }

    /** Each run starts on fresh data; older runs are removed so the work dir does not grow. */
    private static Path freshRunDir(Path workDir) throws java.io.IOException {
        Files.createDirectories(workDir);
        try (Stream<Path> old = Files.list(workDir)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith("run-")).toList()) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
        return Files.createDirectories(workDir.resolve("run-" + System.currentTimeMillis()));
    }

    private static Instant workingDaysAgo(OfficeHours hours, int days) {
        LocalDate d = LocalDate.now(Times.CHINA);
        int back = 0;
        while (back < days) {
            d = d.minusDays(1);
            if (hours.isWorkingDay(d)) {
                back++;
            }
        }
        return d.atStartOfDay(Times.CHINA).toInstant();
    }

    private interface Stop {
        void run() throws Exception;
    }

    private static void stopQuietly(String what, Stop stop) {
        try {
            stop.run();
        } catch (Exception e) {
            System.err.println("stopping " + what + ": " + e.getMessage());
        }
    }

    /** "[2/7] doing X … done (detail, 1.2 s)" lines, so a long start-up shows where it is. */
    static final class Progress {
        private final int steps;
        private final long start = System.nanoTime();
        private int current;
        private long stepStart;

        Progress(int steps) {
            this.steps = steps;
        }

        void step(String what) {
            current++;
            stepStart = System.nanoTime();
            System.out.printf("[%d/%d] %s …%n", current, steps, what);
        }

        void done(String detail) {
            System.out.printf("      done: %s (%.1f s)%n", detail, (System.nanoTime() - stepStart) / 1e9);
        }

        String elapsedSeconds() {
            return String.format("%.1f", (System.nanoTime() - start) / 1e9);
        }
    }
}
