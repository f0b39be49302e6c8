package cn.xiaoneng.deadline.engine;

import cn.xiaoneng.deadline.Rounding;
import cn.xiaoneng.deadline.rules.RuleFiles;
import cn.xiaoneng.model.Limit;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A center's supervision rules: the warning ladder, step budgets, joint part limits, limit overrides, and the
 * rule version written on every card. Immutable and serializable.
 *
 * <p>Loaded from {@code policies/<center>.properties}: UTF-8, one {@code key = value} per line, {@code #} or
 * {@code !} comments, no continuation lines. Every key is listed in docs/deadline-engine.md. Unknown keys, a key
 * given twice and bad values are refused; the error names the file, the line and the key. Keys left out take the
 * defaults below, which are those of the built-in policy {@value #DEFAULT_CENTER}.
 */
public final class DeadlinePolicy implements Serializable {
    private static final long serialVersionUID = 1L;
    /** System property naming a directory of policy files ({@code <center>.properties}); wins over the class path. */
    public static final String DIR_PROPERTY = "xiaoneng.policy.dir";
    /** Class-path folder of the policy files shipped with the build. */
    public static final String RESOURCE_DIR = "policies/";
    /** The center whose policy is built in and used for centers without their own file. */
    public static final String DEFAULT_CENTER = "hn-cs-zwzx";

    static final Pattern CENTER_ID = RuleFiles.CENTER_ID;
    private static final Pattern RULE_VERSION = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_./:+-]{0,63}");

    // Keys of the file format (docs/deadline-engine.md, "Policy file").
    static final String CENTER = "center";
    static final String RULE_VERSION_KEY = "ruleVersion";
    static final String WARNING_REMAINING = "warning.remaining";
    static final String WARNING_RATIOS = "warning.ratios";
    static final String RED_AFTER_YELLOW = "red.afterYellow";
    static final String STEP_BUDGET = "step.budget.";
    static final String STEP_DEFAULT_BUDGET = "step.defaultBudget";
    static final String JOINT_PART_LIMIT = "joint.partLimit";
    static final String URGENT_LIMIT = "urgent.limit";
    static final String ITEM = "item.";
    static final String ITEM_LIMIT_SUFFIX = ".limit";
    static final String CLOSED_RETENTION = "closed.retention";
    static final String DUE_ROUNDING = "due.rounding";
    static final String CLAUSE = "clause.";

    private final String center;
    private final String ruleVersion;
    private final String source;
    private final Amount warningRemaining;
    private final List<BigDecimal> warningRatios;
    private final Amount redAfterYellow;
    private final Map<String, Amount> stepBudgets;
    private final Amount defaultStepBudget;
    private final Amount jointPartLimit;
    private final Map<String, Amount> jointPartLimits;
    private final Limit urgentLimit;
    private final Map<String, Limit> itemLimits;
    private final Duration closedRetention;
    private final Rounding rounding;
    private final Map<CardKind, String> clauses;

    private DeadlinePolicy(Builder b) {
        this.center = b.center;
        this.ruleVersion = b.ruleVersion;
        this.source = b.source;
        this.warningRemaining = b.warningRemaining;
        this.warningRatios = List.copyOf(new TreeSet<>(b.warningRatios));
        this.redAfterYellow = b.redAfterYellow;
        this.stepBudgets = Collections.unmodifiableMap(new TreeMap<>(b.stepBudgets));
        this.defaultStepBudget = b.defaultStepBudget;
        this.jointPartLimit = b.jointPartLimit;
        this.jointPartLimits = Collections.unmodifiableMap(new TreeMap<>(b.jointPartLimits));
        this.urgentLimit = b.urgentLimit == null ? null : new Limit(b.urgentLimit.value, b.urgentLimit.unit);
        Map<String, Limit> items = new TreeMap<>();
        b.itemLimits.forEach((k, v) -> items.put(k, new Limit(v.value, v.unit)));
        this.itemLimits = Collections.unmodifiableMap(items);
        this.closedRetention = b.closedRetention;
        this.rounding = b.rounding;
        this.clauses = Collections.unmodifiableMap(new EnumMap<>(b.clauses));
    }

    // ------------------------------------------------------------------ lookup

    private static final class DefaultHolder {
        static final DeadlinePolicy DEFAULT = fromResource(RESOURCE_DIR + DEFAULT_CENTER + ".properties");
    }

    /** The built-in policy ({@value #DEFAULT_CENTER}); loaded once. */
    public static DeadlinePolicy defaults() {
        return DefaultHolder.DEFAULT;
    }

    /**
     * The policy of a center: {@code <center>.properties} in the directory named by {@value #DIR_PROPERTY}, else
     * {@code policies/<center>.properties} on the class path, else {@link #defaults()} (whose rule version then
     * says which rules judged the case). A file found must name the same center.
     */
    public static DeadlinePolicy forCenter(String centerId) {
        DeadlinePolicy found = RuleFiles.find(centerId, DIR_PROPERTY, RESOURCE_DIR, DeadlinePolicy.class.getClassLoader())
                .map(f -> f.file() != null ? load(f.file()) : fromResource(f.resource()))
                .orElse(null);
        if (found == null) {
            return defaults();
        }
        if (!found.center.equals(centerId)) {
            throw new PolicyFormatException(found.source, 0, CENTER, "names center '" + found.center + "' but is the file of center '"
                    + centerId + "'");
        }
        return found;
    }

    /** Reads a policy file; errors name the file, the line and the key. */
    public static DeadlinePolicy load(Path file) {
        return parse(file.toString(), RuleFiles.read(file, PolicyFormatException::new));
    }

    /** Reads a policy file from the class path. */
    public static DeadlinePolicy fromResource(String resource) {
        return parse(resource, RuleFiles.readResource(DeadlinePolicy.class.getClassLoader(), resource, PolicyFormatException::new));
    }

    /**
     * Parses the text of a policy file. {@code source} names it in errors and in {@link #source()}.
     *
     * @throws PolicyFormatException naming the file, the line and the key
     */
    public static DeadlinePolicy parse(String source, String text) {
        Builder b = new Builder(source);
        for (RuleFiles.Entry e : RuleFiles.entries(source, text, PolicyFormatException::new)) {
            try {
                b.set(e.key(), e.value());
            } catch (PolicyFormatException x) {
                throw x;
            } catch (RuntimeException x) {
                throw new PolicyFormatException(source, e.line(), e.key(), x.getMessage());
            }
        }
        if (b.center == null) {
            throw new PolicyFormatException(source, 0, CENTER, "is missing (the center this file is for)");
        }
        if (b.ruleVersion == null) {
            throw new PolicyFormatException(source, 0, RULE_VERSION_KEY, "is missing (it is written on every card)");
        }
        return b.build();
    }

    // ------------------------------------------------------------------ values

    public String center() {
        return center;
    }

    /** Written on every card and part of its id: a changed rule gives new cards. */
    public String ruleVersion() {
        return ruleVersion;
    }

    /** The file (or resource) it was read from, or {@code builder}. */
    public String source() {
        return source;
    }

    /** 预警 when at most this much counted time remains; null when off. Default 1WD (DOMAIN.md §2.2: 1 day before). */
    public Amount warningRemaining() {
        return warningRemaining;
    }

    /** 预警 when these percentages of the limit have elapsed, ascending (DOMAIN.md §2.2, eshore ratios). Default 50, 75. */
    public List<BigDecimal> warningRatios() {
        return warningRatios;
    }

    /** 红牌 when still open this long after the 黄牌 (湛江 督办期限). Default 3WD. */
    public Amount redAfterYellow() {
        return redAfterYellow;
    }

    /** Step (环节) budgets by step name. */
    public Map<String, Amount> stepBudgets() {
        return stepBudgets;
    }

    /** Budget of a step with this name: its own, else the default budget, else null (no step card). */
    public Amount stepBudget(String stepName) {
        Amount own = stepName == null ? null : stepBudgets.get(stepName);
        return own != null ? own : defaultStepBudget;
    }

    public Amount defaultStepBudget() {
        return defaultStepBudget;
    }

    /** A 联办件 department's part limit: its own, else the general one. Default 7WD (国发[1999]9号: 会签 7 工作日). */
    public Amount jointPartLimit(String departmentId) {
        Amount own = departmentId == null ? null : jointPartLimits.get(departmentId);
        return own != null ? own : jointPartLimit;
    }

    public Amount jointPartLimit() {
        return jointPartLimit;
    }

    public Map<String, Amount> jointPartLimits() {
        return jointPartLimits;
    }

    /** Limit of 急办件, or null when the center sets none (the case's own limit applies). */
    public Limit urgentLimit() {
        return urgentLimit == null ? null : new Limit(urgentLimit.value, urgentLimit.unit);
    }

    /** The center's limit for an item, or null. */
    public Limit itemLimit(String itemCode) {
        Limit l = itemCode == null ? null : itemLimits.get(itemCode);
        return l == null ? null : new Limit(l.value, l.unit);
    }

    public Map<String, Limit> itemLimits() {
        return itemLimits;
    }

    /** How long a closed case is kept, on the engine's clock, to absorb late facts. Default P7D. */
    public Duration closedRetention() {
        return closedRetention;
    }

    /** Rounding of mid-day due instants (deadline-counting.md rule 5). Default EXACT. */
    public Rounding rounding() {
        return rounding;
    }

    /** The clause a card of this kind cites. */
    public String clause(CardKind kind) {
        return clauses.getOrDefault(kind, kind.defaultClause());
    }

    public Builder toBuilder() {
        Builder b = new Builder(source);
        b.center = center;
        b.ruleVersion = ruleVersion;
        b.warningRemaining = warningRemaining;
        b.warningRatios = new ArrayList<>(warningRatios);
        b.redAfterYellow = redAfterYellow;
        b.stepBudgets.putAll(stepBudgets);
        b.defaultStepBudget = defaultStepBudget;
        b.jointPartLimit = jointPartLimit;
        b.jointPartLimits.putAll(jointPartLimits);
        b.urgentLimit = urgentLimit;
        b.itemLimits.putAll(itemLimits);
        b.closedRetention = closedRetention;
        b.rounding = rounding;
        b.clauses.putAll(clauses);
        return b;
    }

    /** A policy built in code (tests, tools); starts from the documented defaults. */
    public static Builder builder(String center, String ruleVersion) {
        Builder b = new Builder("builder");
        b.center(center).ruleVersion(ruleVersion);
        return b;
    }

    @Override
    public String toString() {
        return "DeadlinePolicy[" + center + " " + ruleVersion + " from " + source + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadlinePolicy p && p.center.equals(center) && p.ruleVersion.equals(ruleVersion)
                && Objects.equals(p.warningRemaining, warningRemaining) && p.warningRatios.equals(warningRatios)
                && p.redAfterYellow.equals(redAfterYellow) && p.stepBudgets.equals(stepBudgets)
                && Objects.equals(p.defaultStepBudget, defaultStepBudget) && p.jointPartLimit.equals(jointPartLimit)
                && p.jointPartLimits.equals(jointPartLimits) && Objects.equals(p.urgentLimit, urgentLimit)
                && p.itemLimits.equals(itemLimits) && p.closedRetention.equals(closedRetention) && p.rounding == rounding
                && p.clauses.equals(clauses);
    }

    @Override
    public int hashCode() {
        return Objects.hash(center, ruleVersion, stepBudgets, itemLimits);
    }

    /** Builds a policy; each setter validates like the file loader. */
    public static final class Builder {
        private final String source;
        private String center;
        private String ruleVersion;
        private Amount warningRemaining = Amount.workingDays(1);
        private List<BigDecimal> warningRatios = new ArrayList<>(List.of(new BigDecimal("50"), new BigDecimal("75")));
        private Amount redAfterYellow = Amount.workingDays(3);
        private final Map<String, Amount> stepBudgets = new TreeMap<>();
        private Amount defaultStepBudget;
        private Amount jointPartLimit = Amount.workingDays(7);
        private final Map<String, Amount> jointPartLimits = new TreeMap<>();
        private Limit urgentLimit;
        private final Map<String, Limit> itemLimits = new TreeMap<>();
        private Duration closedRetention = Duration.ofDays(7);
        private Rounding rounding = Rounding.EXACT;
        private final Map<CardKind, String> clauses = new EnumMap<>(CardKind.class);

        private Builder(String source) {
            this.source = source;
        }

        /** Sets one key of the file format from its text value. */
        Builder set(String key, String value) {
            if (key.equals(CENTER)) {
                return center(value);
            } else if (key.equals(RULE_VERSION_KEY)) {
                return ruleVersion(value);
            } else if (key.equals(WARNING_REMAINING)) {
                return warningRemaining(isOff(value) ? null : Amount.parse(value));
            } else if (key.equals(WARNING_RATIOS)) {
                return warningRatios(ratios(value));
            } else if (key.equals(RED_AFTER_YELLOW)) {
                return redAfterYellow(Amount.parse(value));
            } else if (key.equals(STEP_DEFAULT_BUDGET)) {
                return defaultStepBudget(isOff(value) ? null : Amount.parse(value));
            } else if (key.startsWith(STEP_BUDGET)) {
                return stepBudget(name(key, STEP_BUDGET.length(), key.length(), "step name"), Amount.parse(value));
            } else if (key.equals(JOINT_PART_LIMIT)) {
                return jointPartLimit(Amount.parse(value));
            } else if (key.startsWith(JOINT_PART_LIMIT + ".")) {
                return jointPartLimit(name(key, JOINT_PART_LIMIT.length() + 1, key.length(), "department id"), Amount.parse(value));
            } else if (key.equals(URGENT_LIMIT)) {
                return urgentLimit(isOff(value) ? null : Limit.parse(value));
            } else if (key.startsWith(ITEM) && key.endsWith(ITEM_LIMIT_SUFFIX) && key.length() > ITEM.length() + ITEM_LIMIT_SUFFIX.length()) {
                return itemLimit(name(key, ITEM.length(), key.length() - ITEM_LIMIT_SUFFIX.length(), "item code"), Limit.parse(value));
            } else if (key.equals(CLOSED_RETENTION)) {
                return closedRetention(duration(value));
            } else if (key.equals(DUE_ROUNDING)) {
                return rounding(rounding(value));
            } else if (key.startsWith(CLAUSE)) {
                return clause(kind(key.substring(CLAUSE.length())), value);
            }
            throw new IllegalArgumentException("unknown key; known keys: " + CENTER + ", " + RULE_VERSION_KEY + ", " + WARNING_REMAINING
                    + ", " + WARNING_RATIOS + ", " + RED_AFTER_YELLOW + ", " + STEP_BUDGET + "<step name>, " + STEP_DEFAULT_BUDGET + ", "
                    + JOINT_PART_LIMIT + ", " + JOINT_PART_LIMIT + ".<department>, " + URGENT_LIMIT + ", " + ITEM + "<item code>"
                    + ITEM_LIMIT_SUFFIX + ", " + CLOSED_RETENTION + ", " + DUE_ROUNDING + ", " + CLAUSE + "<card kind>");
        }

        public Builder center(String value) {
            if (value == null || !CENTER_ID.matcher(value).matches()) {
                throw new IllegalArgumentException("center '" + value + "' must be 1-64 letters, digits, '.', '_' or '-'");
            }
            this.center = value;
            return this;
        }

        public Builder ruleVersion(String value) {
            if (value == null || !RULE_VERSION.matcher(value).matches()) {
                throw new IllegalArgumentException("rule version '" + value
                        + "' must be 1-64 letters, digits and . _ / : + - (e.g. hn-cs-zwzx/2026.1)");
            }
            this.ruleVersion = value;
            return this;
        }

        /** null turns the 剩余 warning off. */
        public Builder warningRemaining(Amount value) {
            if (value != null && value.unit() == Amount.Unit.SHARE) {
                throw new IllegalArgumentException("'" + value + "': the warning window is counted time (1WD, 4h), not a share");
            }
            this.warningRemaining = value == null || value.isZero() ? null : value;
            return this;
        }

        /** Percentages of the limit, each above 0 and below 100; empty turns ratio warnings off. */
        public Builder warningRatios(List<BigDecimal> percents) {
            for (BigDecimal p : percents) {
                if (p.signum() <= 0 || p.compareTo(BigDecimal.valueOf(100)) >= 0) {
                    throw new IllegalArgumentException("ratio " + p.toPlainString() + "% must be above 0% and below 100%");
                }
            }
            this.warningRatios = new ArrayList<>(percents.stream().map(Amount::normalize).toList());
            return this;
        }

        public Builder redAfterYellow(Amount value) {
            positive(value);
            if (value.unit() == Amount.Unit.SHARE) {
                throw new IllegalArgumentException("'" + value + "': the 督办期限 is counted time (3WD), not a share");
            }
            this.redAfterYellow = value;
            return this;
        }

        public Builder stepBudget(String stepName, Amount budget) {
            positive(budget);
            stepBudgets.put(Objects.requireNonNull(stepName, "step name"), budget);
            return this;
        }

        public Builder defaultStepBudget(Amount budget) {
            if (budget != null) {
                positive(budget);
            }
            this.defaultStepBudget = budget;
            return this;
        }

        public Builder jointPartLimit(Amount value) {
            positive(value);
            this.jointPartLimit = value;
            return this;
        }

        public Builder jointPartLimit(String departmentId, Amount value) {
            positive(value);
            jointPartLimits.put(Objects.requireNonNull(departmentId, "department"), value);
            return this;
        }

        public Builder urgentLimit(Limit limit) {
            this.urgentLimit = limit == null ? null : new Limit(limit.value, limit.unit);
            return this;
        }

        public Builder itemLimit(String itemCode, Limit limit) {
            itemLimits.put(Objects.requireNonNull(itemCode, "item code"), new Limit(limit.value, limit.unit));
            return this;
        }

        public Builder closedRetention(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("retention " + value + " is negative");
            }
            this.closedRetention = value;
            return this;
        }

        public Builder rounding(Rounding value) {
            this.rounding = Objects.requireNonNull(value, "rounding");
            return this;
        }

        public Builder clause(CardKind kind, String text) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("the clause of " + kind + " is empty");
            }
            clauses.put(kind, text.strip());
            return this;
        }

        public DeadlinePolicy build() {
            Objects.requireNonNull(center, "center");
            Objects.requireNonNull(ruleVersion, "ruleVersion");
            return new DeadlinePolicy(this);
        }

        private static boolean isOff(String value) {
            return value.equalsIgnoreCase("off") || value.equalsIgnoreCase("none");
        }

        private static void positive(Amount a) {
            if (a == null || a.isZero()) {
                throw new IllegalArgumentException("must be more than zero");
            }
        }

        private static String name(String key, int from, int to, String what) {
            String n = from >= to ? "" : key.substring(from, to).strip();
            if (n.isEmpty()) {
                throw new IllegalArgumentException("names no " + what);
            }
            return n;
        }

        private static List<BigDecimal> ratios(String value) {
            List<BigDecimal> out = new ArrayList<>();
            if (isOff(value) || value.isEmpty()) {
                return out;
            }
            for (String part : value.split(",")) {
                Amount a = Amount.parse(part);
                if (a.unit() != Amount.Unit.SHARE) {
                    throw new IllegalArgumentException("'" + part.strip() + "' is not a percentage; write e.g. 50%, 75%");
                }
                if (out.stream().anyMatch(p -> p.compareTo(a.value()) == 0)) {
                    throw new IllegalArgumentException(part.strip() + " is listed twice");
                }
                out.add(a.value());
            }
            return out;
        }

        private static Duration duration(String value) {
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + value + "' is not an ISO-8601 duration, e.g. P7D or PT36H");
            }
        }

        private static Rounding rounding(String value) {
            try {
                return Rounding.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + value + "' is not EXACT or WHOLE_DAY");
            }
        }

        private static CardKind kind(String name) {
            try {
                return CardKind.valueOf(name.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + name + "' is not a card kind (" + java.util.Arrays.toString(CardKind.values()) + ")");
            }
        }
    }
}
