package cn.xiaoneng.jobs.incident;

import static cn.xiaoneng.jobs.config.Settings.duration;
import static cn.xiaoneng.jobs.config.Settings.positiveInt;
import static cn.xiaoneng.jobs.config.Settings.required;

import cn.xiaoneng.deadline.calendar.CalendarFile;
import cn.xiaoneng.deadline.engine.Calendars;
import cn.xiaoneng.incident.plan.IncidentPlans;
import cn.xiaoneng.ingestion.mapping.MappingLoader;
import cn.xiaoneng.ingestion.mapping.SourceMapping;
import cn.xiaoneng.jobs.config.Settings;
import cn.xiaoneng.jobs.deadline.EngineClock;
import cn.xiaoneng.warehouse.ClickHouseConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Typed, validated settings of the incident job ({@code flink run ... --config incident.properties}); an invalid value
 * fails at start-up naming the file and the key. The emergency plans themselves (deadlines, detection thresholds,
 * office hours) are per center in plan files (docs/incidents.md, "Plan file").
 */
public final class IncidentOptions {
    public static final String KAFKA_BOOTSTRAP = "kafka.bootstrap.servers";
    public static final String GROUP_ID = "incident.group.id";
    public static final String PLAN_DIR = "incident.plan.dir";
    public static final String CALENDAR_FILES = "incident.calendar.files";
    public static final String MAPPINGS = "incident.mappings";
    public static final String CLOCK_OUT_OF_ORDERNESS = "incident.clock.out-of-orderness";
    public static final String CLOCK_LIVE_LAG = "incident.clock.live-lag";
    public static final String CLOCK_CATCH_UP = "incident.clock.catch-up";
    public static final String CLOCK_QUIET_AFTER = "incident.clock.quiet-after";
    public static final String OPEN_CASES_RETENTION = "incident.open-cases.closed-retention";
    public static final String STATE_TTL = "incident.state-ttl";
    public static final String CHECKPOINT_INTERVAL = "checkpoint.interval";
    public static final String SINK_BATCH_SIZE = "sink.batch.size";
    public static final String SINK_FLUSH_INTERVAL = "sink.flush.interval";

    public static final String DEFAULT_GROUP_ID = "xn-incident";
    public static final Duration DEFAULT_OPEN_CASES_RETENTION = Duration.ofDays(7);
    public static final Duration DEFAULT_STATE_TTL = Duration.ofDays(400);

    public final String kafkaBootstrap;
    public final String groupId;
    /** The plans: {@link #PLAN_DIR} first, else the class path and the built-in plan. */
    public final IncidentPlans plans;
    public final Calendars calendars;
    /** Which center and department each departmental source belongs to (from the mapping files). */
    public final Map<String, SourceSilenceFunction.Owner> sources;
    public final EngineClock.Settings clock;
    public final Duration openCasesRetention;
    public final Duration stateTtl;
    public final Duration checkpointInterval;
    public final ClickHouseConnection clickHouse;
    public final int sinkBatchSize;
    public final Duration sinkFlushInterval;

    private IncidentOptions(Properties p, String source) {
        this.kafkaBootstrap = required(p, source, KAFKA_BOOTSTRAP);
        this.groupId = p.getProperty(GROUP_ID, DEFAULT_GROUP_ID).trim();
        if (groupId.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + GROUP_ID + ": must not be empty");
        }
        String planDir = p.getProperty(PLAN_DIR, "").trim();
        this.plans = planDir.isEmpty() ? IncidentPlans.centers() : PlanDirectory.validated(Path.of(planDir), source, PLAN_DIR);
        List<Path> calendarFiles = new ArrayList<>();
        for (String f : p.getProperty(CALENDAR_FILES, "").split(",")) {
            if (f.isBlank()) {
                continue;
            }
            try {
                CalendarFile.read(Path.of(f.trim()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(source + ": " + CALENDAR_FILES + ": " + e.getMessage(), e);
            }
            calendarFiles.add(Path.of(f.trim()));
        }
        this.calendars = calendarFiles.isEmpty() ? Calendars.centers() : Calendars.centers(calendarFiles);
        Map<String, SourceSilenceFunction.Owner> owners = new LinkedHashMap<>();
        for (String m : p.getProperty(MAPPINGS, String.join(",", MappingLoader.BUILT_IN)).split(",")) {
            String id = m.trim();
            if (id.isEmpty()) {
                continue;
            }
            SourceMapping mapping;
            try {
                mapping = id.endsWith(".yaml") || id.endsWith(".yml") ? MappingLoader.load(Path.of(id)) : MappingLoader.builtIn(id);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(source + ": " + MAPPINGS + ": " + e.getMessage(), e);
            }
            owners.put(mapping.sourceId(), new SourceSilenceFunction.Owner(mapping.centerId(), mapping.departmentId()));
        }
        this.sources = Map.copyOf(owners);
        this.clock = new EngineClock.Settings(
                duration(p, source, CLOCK_OUT_OF_ORDERNESS, Duration.ofSeconds(5)),
                duration(p, source, CLOCK_LIVE_LAG, Duration.ofMillis(400)),
                duration(p, source, CLOCK_CATCH_UP, Duration.ofSeconds(30)),
                duration(p, source, CLOCK_QUIET_AFTER, Duration.ofSeconds(30)));
        if (clock.liveLag().compareTo(Duration.ofSeconds(1)) >= 0) {
            throw new IllegalArgumentException(source + ": " + CLOCK_LIVE_LAG + ": '" + p.getProperty(CLOCK_LIVE_LAG)
                    + "' must be under 1s: cards must be raised within a second of their instant");
        }
        this.openCasesRetention = duration(p, source, OPEN_CASES_RETENTION, DEFAULT_OPEN_CASES_RETENTION);
        this.stateTtl = duration(p, source, STATE_TTL, DEFAULT_STATE_TTL);
        this.checkpointInterval = duration(p, source, CHECKPOINT_INTERVAL, Duration.ofSeconds(10));
        this.clickHouse = ClickHouseConnection.fromProperties(p, source);
        this.sinkBatchSize = positiveInt(p, source, SINK_BATCH_SIZE, 5_000);
        this.sinkFlushInterval = duration(p, source, SINK_FLUSH_INTERVAL, Duration.ofMillis(500));
    }

    public static IncidentOptions fromFile(Path file) {
        return from(Settings.load(file), file.toString());
    }

    /** @param source name of where the settings came from, used in error messages */
    public static IncidentOptions fromMap(Map<String, String> settings, String source) {
        Properties p = new Properties();
        p.putAll(settings);
        return from(p, source);
    }

    public static IncidentOptions from(Properties p, String source) {
        return new IncidentOptions(p, source);
    }
}
