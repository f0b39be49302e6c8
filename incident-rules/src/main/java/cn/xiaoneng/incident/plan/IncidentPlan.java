package cn.xiaoneng.incident.plan;

import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.deadline.rules.RuleFiles;
import cn.xiaoneng.incident.IncidentCardKind;
import cn.xiaoneng.incident.IncidentLevel;
import cn.xiaoneng.incident.IncidentType;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A center's emergency plan (应急预案, 附录C) as data: per level, the budgets of the plan deadlines; which levels
 * raise a card at once; the office hours; the detection settings; and the rule version written on every card.
 * Immutable and serializable.
 *
 * <p>Loaded from {@code incident-plans/<center>.properties}, the format of the deadline engine's policy files:
 * UTF-8, one {@code key = value} per line, {@code #} or {@code !} comments. Unknown keys, a key given twice and bad
 * values are refused; the error names the file, the line and the key. Keys left out take the defaults of
 * {@link Builder}, which are those of the built-in plan {@value #DEFAULT_CENTER}. Every key: docs/incidents.md.
 */
public final class IncidentPlan implements Serializable {
    private static final long serialVersionUID = 1L;
    /** System property naming a directory of plan files ({@code <center>.properties}); wins over the class path. */
    public static final String DIR_PROPERTY = "xiaoneng.incident.plan.dir";
    /** Class-path folder of the plan files shipped with the build. */
    public static final String RESOURCE_DIR = "incident-plans/";
    /** The center whose plan is built in and judges centers without their own file. */
    public static final String DEFAULT_CENTER = "hn-cs-zwzx";

    static final Pattern CENTER_ID = RuleFiles.CENTER_ID;
    private static final Pattern RULE_VERSION = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_./:+-]{0,63}");

    static final String CENTER = "center";
    static final String RULE_VERSION_KEY = "ruleVersion";
    static final String CLOCK_START = "clock.start";
    static final String COUNTING = "counting";
    static final String LEVEL = "level.";
    static final String TYPE = "type.";
    static final String SKIP = ".skip";
    static final String RAISE_IMMEDIATELY = "raiseImmediately";
    static final String DEFAULT_LEVEL = "defaultLevel";
    static final String OFFICE_HOURS = "officeHours";
    static final String CLOSED_RETENTION = "closed.retention";
    static final String CLAUSE = "clause.";
    static final String SOURCE_SILENCE = "detection.source.silence";
    static final String SOURCE_LEVEL = "detection.source.level";
    static final String WINDOW_IDLE = "detection.window.idle";
    static final String WINDOW_MIN_ELSEWHERE = "detection.window.minElsewhere";
    static final String WINDOW_TYPE = "detection.window.type";
    static final String WINDOW_LEVEL = "detection.window.level";

    private final String center;
    private final String ruleVersion;
    private final String source;
    private final ClockStart clockStart;
    private final Counting counting;
    private final Map<IncidentLevel, Counting> levelCounting;
    private final Map<IncidentLevel, Map<PlanDeadline, Duration>> budgets;
    private final Map<IncidentType, Set<PlanDeadline>> skips;
    private final Set<IncidentLevel> raiseImmediately;
    private final IncidentLevel defaultLevel;
    private final List<OfficeHours.Session> officeHours;
    private final Duration closedRetention;
    private final Map<IncidentCardKind, String> clauses;
    private final Duration sourceSilence;
    private final Map<String, Duration> sourceSilenceBySource;
    private final IncidentLevel sourceLevel;
    private final Duration windowIdle;
    private final int windowMinElsewhere;
    private final IncidentType windowType;
    private final IncidentLevel windowLevel;

    private IncidentPlan(Builder b) {
        center = b.center;
        ruleVersion = b.ruleVersion;
        source = b.source;
        clockStart = b.clockStart;
        counting = b.counting;
        levelCounting = Collections.unmodifiableMap(new EnumMap<>(b.levelCounting));
        Map<IncidentLevel, Map<PlanDeadline, Duration>> bs = new EnumMap<>(IncidentLevel.class);
        b.budgets.forEach((l, m) -> bs.put(l, Collections.unmodifiableMap(new EnumMap<>(m))));
        budgets = Collections.unmodifiableMap(bs);
        Map<IncidentType, Set<PlanDeadline>> sk = new EnumMap<>(IncidentType.class);
        b.skips.forEach((t, s) -> sk.put(t, Collections.unmodifiableSet(s.isEmpty() ? EnumSet.noneOf(PlanDeadline.class) : EnumSet.copyOf(s))));
        skips = Collections.unmodifiableMap(sk);
        raiseImmediately = Collections.unmodifiableSet(b.raiseImmediately.isEmpty() ? EnumSet.noneOf(IncidentLevel.class)
                : EnumSet.copyOf(b.raiseImmediately));
        defaultLevel = b.defaultLevel;
        officeHours = List.copyOf(b.officeHours);
        closedRetention = b.closedRetention;
        clauses = Collections.unmodifiableMap(new EnumMap<>(b.clauses));
        sourceSilence = b.sourceSilence;
        sourceSilenceBySource = Collections.unmodifiableMap(new TreeMap<>(b.sourceSilenceBySource));
        sourceLevel = b.sourceLevel;
        windowIdle = b.windowIdle;
        windowMinElsewhere = b.windowMinElsewhere;
        windowType = b.windowType;
        windowLevel = b.windowLevel;
    }

    // ------------------------------------------------------------------ lookup

    private static final class DefaultHolder {
        static final IncidentPlan DEFAULT = fromResource(RESOURCE_DIR + DEFAULT_CENTER + ".properties");
    }

    /** The built-in plan ({@value #DEFAULT_CENTER}); loaded once. */
    public static IncidentPlan defaults() {
        return DefaultHolder.DEFAULT;
    }

    /**
     * The plan of a center: {@code <center>.properties} in the directory named by {@value #DIR_PROPERTY}, else
     * {@code incident-plans/<center>.properties} on the class path, else {@link #defaults()}. A file found must name
     * the same center.
     */
    public static IncidentPlan forCenter(String centerId) {
        IncidentPlan found = RuleFiles.find(centerId, DIR_PROPERTY, RESOURCE_DIR, IncidentPlan.class.getClassLoader())
                .map(f -> f.file() != null ? load(f.file()) : fromResource(f.resource()))
                .orElse(null);
        if (found == null) {
            return defaults();
        }
        if (!found.center.equals(centerId)) {
            throw new PlanFormatException(found.source, 0, CENTER, "names center '" + found.center + "' but is the file of center '"
                    + centerId + "'");
        }
        return found;
    }

    /** Reads a plan file; errors name the file, the line and the key. */
    public static IncidentPlan load(Path file) {
        return parse(file.toString(), RuleFiles.read(file, PlanFormatException::new));
    }

    /** Reads a plan file from the class path. */
    public static IncidentPlan fromResource(String resource) {
        return parse(resource, RuleFiles.readResource(IncidentPlan.class.getClassLoader(), resource, PlanFormatException::new));
    }

    /**
     * Parses the text of a plan file; {@code source} names it in errors.
     *
     * @throws PlanFormatException naming the file, the line and the key
     */
    public static IncidentPlan parse(String source, String text) {
        Builder b = new Builder(source);
        for (RuleFiles.Entry e : RuleFiles.entries(source, text, PlanFormatException::new)) {
            try {
                b.set(e.key(), e.value());
            } catch (PlanFormatException x) {
                throw x;
            } catch (RuntimeException x) {
                throw new PlanFormatException(source, e.line(), e.key(), x.getMessage());
            }
        }
        if (b.center == null) {
            throw new PlanFormatException(source, 0, CENTER, "is missing (the center this file is for)");
        }
        if (b.ruleVersion == null) {
            throw new PlanFormatException(source, 0, RULE_VERSION_KEY, "is missing (it is written on every card)");
        }
        return b.build();
    }

    // ------------------------------------------------------------------ values

    public String center() {
        return center;
    }

    /** Written on every card and part of its id: change it whenever a value changes. */
    public String ruleVersion() {
        return ruleVersion;
    }

    /** The file (or resource) it was read from, or {@code builder}. */
    public String source() {
        return source;
    }

    public ClockStart clockStart() {
        return clockStart;
    }

    /** How a level's budgets are counted: {@code level.<L>.counting}, else {@code counting} (default CLOCK). */
    public Counting counting(IncidentLevel level) {
        return levelCounting.getOrDefault(level, counting);
    }

    /** The budget of a deadline at a level, or null when the plan sets none (off). */
    public Duration budget(IncidentLevel level, PlanDeadline deadline) {
        return budgets.getOrDefault(level, Map.of()).get(deadline);
    }

    /** Whether a deadline applies to an incident of this type at all ({@code type.<TYPE>.skip}). */
    public boolean applies(IncidentType type, PlanDeadline deadline) {
        return type == null || !skips.getOrDefault(type, Set.of()).contains(deadline);
    }

    /** Levels that raise {@link IncidentCardKind#INCIDENT_RAISED} as soon as the incident is open at that level. */
    public Set<IncidentLevel> raiseImmediately() {
        return raiseImmediately;
    }

    /** The level of an incident whose facts state none. Default IV. */
    public IncidentLevel defaultLevel() {
        return defaultLevel;
    }

    public List<OfficeHours.Session> officeHoursSessions() {
        return officeHours;
    }

    /** The office hours on a calendar (the center's). */
    public OfficeHours officeHours(WorkCalendar calendar) {
        return new OfficeHours(calendar, officeHours);
    }

    /** How long a closed incident is kept on the clock, to absorb late facts. Default P7D. */
    public Duration closedRetention() {
        return closedRetention;
    }

    public String clause(IncidentCardKind kind) {
        return clauses.getOrDefault(kind, kind.defaultClause());
    }

    /** Office time without change events or heartbeats after which a source is suspected down; null = off. */
    public Duration sourceSilence(String sourceId) {
        return sourceSilenceBySource.containsKey(sourceId) ? sourceSilenceBySource.get(sourceId) : sourceSilence;
    }

    public IncidentLevel sourceLevel() {
        return sourceLevel;
    }

    /** Office time without an acceptance at a window after which it is suspected down; null = off. */
    public Duration windowIdle() {
        return windowIdle;
    }

    /** Acceptances at the department's other windows, in the same day and during the idle time, that must be seen. */
    public int windowMinElsewhere() {
        return windowMinElsewhere;
    }

    public IncidentType windowType() {
        return windowType;
    }

    public IncidentLevel windowLevel() {
        return windowLevel;
    }

    public Builder toBuilder() {
        Builder b = new Builder(source);
        b.center = center;
        b.ruleVersion = ruleVersion;
        b.clockStart = clockStart;
        b.counting = counting;
        b.levelCounting.putAll(levelCounting);
        budgets.forEach((l, m) -> b.budgets.put(l, new EnumMap<>(m.isEmpty() ? new EnumMap<>(PlanDeadline.class) : m)));
        skips.forEach((t, s) -> b.skips.put(t, s.isEmpty() ? EnumSet.noneOf(PlanDeadline.class) : EnumSet.copyOf(s)));
        b.raiseImmediately = raiseImmediately.isEmpty() ? EnumSet.noneOf(IncidentLevel.class) : EnumSet.copyOf(raiseImmediately);
        b.defaultLevel = defaultLevel;
        b.officeHours = officeHours;
        b.closedRetention = closedRetention;
        b.clauses.putAll(clauses);
        b.sourceSilence = sourceSilence;
        b.sourceSilenceBySource.putAll(sourceSilenceBySource);
        b.sourceLevel = sourceLevel;
        b.windowIdle = windowIdle;
        b.windowMinElsewhere = windowMinElsewhere;
        b.windowType = windowType;
        b.windowLevel = windowLevel;
        return b;
    }

    /** A plan built in code (tests, tools), starting from the documented defaults. */
    public static Builder builder(String center, String ruleVersion) {
        Builder b = new Builder("builder");
        b.set(CENTER, center);
        b.set(RULE_VERSION_KEY, ruleVersion);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IncidentPlan p && p.center.equals(center) && p.ruleVersion.equals(ruleVersion) && p.clockStart == clockStart
                && p.counting == counting && p.levelCounting.equals(levelCounting) && p.budgets.equals(budgets) && p.skips.equals(skips)
                && p.raiseImmediately.equals(raiseImmediately) && p.defaultLevel == defaultLevel && p.officeHours.equals(officeHours)
                && p.closedRetention.equals(closedRetention) && p.clauses.equals(clauses) && Objects.equals(p.sourceSilence, sourceSilence)
                && p.sourceSilenceBySource.equals(sourceSilenceBySource) && p.sourceLevel == sourceLevel
                && Objects.equals(p.windowIdle, windowIdle) && p.windowMinElsewhere == windowMinElsewhere && p.windowType == windowType
                && p.windowLevel == windowLevel;
    }

    @Override
    public int hashCode() {
        return Objects.hash(center, ruleVersion, budgets);
    }

    @Override
    public String toString() {
        return "IncidentPlan[" + center + " " + ruleVersion + " from " + source + "]";
    }

    /**
     * Builds a plan. The defaults are DOMAIN.md §4's: 30 min verbal and 2 h written for I–II (珠海), 6 h written for
     * 一般 (河南), follow-ups twice a day (河南); response, workaround and restoration targets are an [inference]
     * for a service hall. docs/incidents.md has the whole table.
     */
    public static final class Builder {
        private final String source;
        private String center;
        private String ruleVersion;
        private ClockStart clockStart = ClockStart.DETECTED;
        private Counting counting = Counting.CLOCK;
        private final Map<IncidentLevel, Counting> levelCounting = new EnumMap<>(IncidentLevel.class);
        private final Map<IncidentLevel, Map<PlanDeadline, Duration>> budgets = new EnumMap<>(IncidentLevel.class);
        private final Map<IncidentType, Set<PlanDeadline>> skips = new EnumMap<>(IncidentType.class);
        private Set<IncidentLevel> raiseImmediately = EnumSet.of(IncidentLevel.I, IncidentLevel.II);
        private IncidentLevel defaultLevel = IncidentLevel.IV;
        private List<OfficeHours.Session> officeHours = OfficeHours.STANDARD;
        private Duration closedRetention = Duration.ofDays(7);
        private final Map<IncidentCardKind, String> clauses = new EnumMap<>(IncidentCardKind.class);
        private Duration sourceSilence = Duration.ofMinutes(10);
        private final Map<String, Duration> sourceSilenceBySource = new HashMap<>();
        private IncidentLevel sourceLevel = IncidentLevel.IV;
        private Duration windowIdle = Duration.ofMinutes(30);
        private int windowMinElsewhere = 3;
        private IncidentType windowType = IncidentType.EQUIPMENT_FAILURE;
        private IncidentLevel windowLevel = IncidentLevel.IV;

        Builder(String source) {
            this.source = source;
            for (IncidentLevel l : IncidentLevel.values()) {
                budgets.put(l, new EnumMap<>(PlanDeadline.class));
            }
            defaults(IncidentLevel.I, "PT30M", "PT2H", "PT12H", "PT15M", "PT30M", "PT4H");
            defaults(IncidentLevel.II, "PT30M", "PT2H", "PT12H", "PT15M", "PT30M", "PT4H");
            defaults(IncidentLevel.III, "PT1H", "PT4H", "PT24H", "PT30M", "PT1H", "PT6H");
            defaults(IncidentLevel.IV, "PT2H", "PT6H", null, "PT1H", "PT2H", "PT8H");
            skips.put(IncidentType.VISITOR_ILL_INJURED, EnumSet.of(PlanDeadline.WORKAROUND, PlanDeadline.RESTORATION));
        }

        private void defaults(IncidentLevel l, String verbal, String written, String followUp, String response, String workaround,
                              String restoration) {
            String[] v = {verbal, written, followUp, response, workaround, restoration};
            PlanDeadline[] d = {PlanDeadline.VERBAL_REPORT, PlanDeadline.WRITTEN_REPORT, PlanDeadline.FOLLOW_UP, PlanDeadline.RESPONSE,
                PlanDeadline.WORKAROUND, PlanDeadline.RESTORATION};
            for (int i = 0; i < v.length; i++) {
                if (v[i] != null) {
                    budgets.get(l).put(d[i], Duration.parse(v[i]));
                }
            }
        }

        /** Sets one key as the file would. */
        public Builder set(String key, String value) {
            if (key.equals(CENTER)) {
                if (!CENTER_ID.matcher(value).matches()) {
                    throw new IllegalArgumentException("center '" + value + "' must be 1-64 letters, digits, '.', '_' or '-'");
                }
                center = value;
            } else if (key.equals(RULE_VERSION_KEY)) {
                if (!RULE_VERSION.matcher(value).matches()) {
                    throw new IllegalArgumentException("rule version '" + value
                            + "' must be 1-64 letters, digits and . _ / : + - (e.g. hn-cs-zwzx/incident-2026.1)");
                }
                ruleVersion = value;
            } else if (key.equals(CLOCK_START)) {
                clockStart = ClockStart.parse(value);
            } else if (key.equals(COUNTING)) {
                counting = Counting.parse(value);
            } else if (key.startsWith(LEVEL)) {
                levelKey(key, value);
            } else if (key.startsWith(TYPE) && key.endsWith(SKIP) && key.length() > TYPE.length() + SKIP.length()) {
                IncidentType t = IncidentType.parse(key.substring(TYPE.length(), key.length() - SKIP.length()));
                Set<PlanDeadline> s = EnumSet.noneOf(PlanDeadline.class);
                if (!isOff(value)) {
                    for (String part : value.split(",")) {
                        if (!s.add(PlanDeadline.byKey(part))) {
                            throw new IllegalArgumentException(part.strip() + " is listed twice");
                        }
                    }
                }
                skips.put(t, s);
            } else if (key.equals(RAISE_IMMEDIATELY)) {
                Set<IncidentLevel> s = EnumSet.noneOf(IncidentLevel.class);
                if (!isOff(value)) {
                    for (String part : value.split(",")) {
                        if (!s.add(IncidentLevel.parse(part))) {
                            throw new IllegalArgumentException(part.strip() + " is listed twice");
                        }
                    }
                }
                raiseImmediately = s;
            } else if (key.equals(DEFAULT_LEVEL)) {
                defaultLevel = IncidentLevel.parse(value);
            } else if (key.equals(OFFICE_HOURS)) {
                officeHours = OfficeHours.parseSessions(value);
            } else if (key.equals(CLOSED_RETENTION)) {
                Duration d = duration(value);
                if (d.isNegative()) {
                    throw new IllegalArgumentException("retention " + value + " is negative");
                }
                closedRetention = d;
            } else if (key.startsWith(CLAUSE)) {
                IncidentCardKind k = IncidentCardKind.parse(key.substring(CLAUSE.length()));
                if (value.isBlank()) {
                    throw new IllegalArgumentException("the clause of " + k + " is empty");
                }
                clauses.put(k, value);
            } else if (key.equals(SOURCE_SILENCE)) {
                sourceSilence = positiveOrOff(value);
            } else if (key.startsWith(SOURCE_SILENCE + ".")) {
                String id = key.substring(SOURCE_SILENCE.length() + 1).strip();
                if (id.isEmpty()) {
                    throw new IllegalArgumentException("names no source id");
                }
                sourceSilenceBySource.put(id, positiveOrOff(value));
            } else if (key.equals(SOURCE_LEVEL)) {
                sourceLevel = IncidentLevel.parse(value);
            } else if (key.equals(WINDOW_IDLE)) {
                windowIdle = positiveOrOff(value);
            } else if (key.equals(WINDOW_MIN_ELSEWHERE)) {
                int n;
                try {
                    n = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + value + "' is not a whole number");
                }
                if (n < 1) {
                    throw new IllegalArgumentException("must be at least 1 (the department must be seen accepting elsewhere)");
                }
                windowMinElsewhere = n;
            } else if (key.equals(WINDOW_TYPE)) {
                windowType = IncidentType.parse(value);
            } else if (key.equals(WINDOW_LEVEL)) {
                windowLevel = IncidentLevel.parse(value);
            } else {
                throw new IllegalArgumentException("unknown key; known keys: " + CENTER + ", " + RULE_VERSION_KEY + ", " + CLOCK_START + ", "
                        + COUNTING + ", level.<I..IV>.<counting|verbalReport|writtenReport|followUpInterval|response|workaround|restoration>, "
                        + "type.<TYPE>.skip, " + RAISE_IMMEDIATELY + ", " + DEFAULT_LEVEL + ", " + OFFICE_HOURS + ", " + CLOSED_RETENTION
                        + ", clause.<KIND>, " + SOURCE_SILENCE + ", " + SOURCE_SILENCE + ".<source>, " + SOURCE_LEVEL + ", " + WINDOW_IDLE
                        + ", " + WINDOW_MIN_ELSEWHERE + ", " + WINDOW_TYPE + ", " + WINDOW_LEVEL);
            }
            return this;
        }

        private void levelKey(String key, String value) {
            String rest = key.substring(LEVEL.length());
            int dot = rest.indexOf('.');
            if (dot <= 0 || dot == rest.length() - 1) {
                throw new IllegalArgumentException("expected level.<I..IV>.<deadline>, e.g. level.II.verbalReport");
            }
            IncidentLevel l = IncidentLevel.parse(rest.substring(0, dot));
            String what = rest.substring(dot + 1);
            if (what.equals(COUNTING)) {
                levelCounting.put(l, Counting.parse(value));
                return;
            }
            PlanDeadline d = PlanDeadline.byKey(what);
            Duration budget = positiveOrOff(value);
            if (budget == null) {
                budgets.get(l).remove(d);
            } else {
                budgets.get(l).put(d, budget);
            }
        }

        public IncidentPlan build() {
            Objects.requireNonNull(center, "center");
            Objects.requireNonNull(ruleVersion, "ruleVersion");
            return new IncidentPlan(this);
        }

        private static boolean isOff(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            return v.equals("off") || v.equals("none");
        }

        private static Duration positiveOrOff(String value) {
            if (isOff(value)) {
                return null;
            }
            Duration d = duration(value);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("'" + value + "' must be more than zero (or off)");
            }
            return d;
        }

        private static Duration duration(String value) {
            try {
                return Duration.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + value + "' is not an ISO-8601 duration, e.g. PT30M, PT2H or P1D");
            }
        }
    }
}
