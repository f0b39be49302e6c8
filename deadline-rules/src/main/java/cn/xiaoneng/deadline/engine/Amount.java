package cn.xiaoneng.deadline.engine;

import cn.xiaoneng.model.LimitUnit;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of counted time in a policy: a step budget, a part limit, the 预警 window, the 督办期限 before a
 * 红牌. Text forms (a decimal has at most three places):
 *
 * <table>
 *   <caption>Amount text</caption>
 *   <tr><td>{@code 1WD}, {@code 0.5WD}</td><td>working days: 24 h of counted time per working day (行政许可法 Art. 82),
 *       counted on working days only</td></tr>
 *   <tr><td>{@code 3ND}</td><td>natural days: 24 h per day, counted on every day</td></tr>
 *   <tr><td>{@code 4h}</td><td>hours of counted time on the case's own clock (its limit's measure)</td></tr>
 *   <tr><td>{@code 50%}</td><td>a share of the case's counted budget (its limit plus in-time extensions), on the
 *       case's clock; only where the policy reference allows it</td></tr>
 * </table>
 *
 * <p>Pauses never count, whatever the unit.
 */
public final class Amount implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern TEXT = Pattern.compile("(\\d{1,6}(?:\\.\\d{1,3})?)\\s*(WD|ND|H|%)");
    private static final long DAY_MS = 86_400_000L;

    /** What the number means. */
    public enum Unit { WORKING_DAYS, NATURAL_DAYS, CASE_HOURS, SHARE }

    /** A resolved amount: so much counted time in one measure. */
    public record Counted(long millis, LimitUnit measure) {}

    private final Unit unit;
    private final BigDecimal value;

    private Amount(Unit unit, BigDecimal value) {
        this.unit = Objects.requireNonNull(unit, "unit");
        this.value = normalize(value);
        if (value.signum() < 0) {
            throw new IllegalArgumentException("amount " + this + " is negative");
        }
    }

    /** Reads {@code 1WD}, {@code 0.5WD}, {@code 3ND}, {@code 4h} or {@code 50%}; case and spaces are ignored. */
    public static Amount parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.strip().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an amount: write e.g. 1WD, 0.5WD, 3ND, 4h or 50%");
        }
        BigDecimal v = new BigDecimal(m.group(1));
        Unit u = switch (m.group(2)) {
            case "WD" -> Unit.WORKING_DAYS;
            case "ND" -> Unit.NATURAL_DAYS;
            case "H" -> Unit.CASE_HOURS;
            default -> Unit.SHARE;
        };
        return new Amount(u, v);
    }

    public static Amount workingDays(double days) {
        return new Amount(Unit.WORKING_DAYS, BigDecimal.valueOf(days));
    }

    public static Amount of(Unit unit, BigDecimal value) {
        return new Amount(unit, value);
    }

    /** The number without trailing zeros and never in exponent form: 50, 0.5, 87.5. */
    static BigDecimal normalize(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    public Unit unit() {
        return unit;
    }

    public BigDecimal value() {
        return value;
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    /**
     * The counted time this amount stands for on a case whose clock runs in {@code caseMeasure} with
     * {@code caseBudgetMillis} of counted budget. Shares round down to the millisecond.
     */
    public Counted resolve(LimitUnit caseMeasure, long caseBudgetMillis) {
        LimitUnit own = caseMeasure == LimitUnit.NATURAL_DAYS ? LimitUnit.NATURAL_DAYS : LimitUnit.WORKING_DAYS;
        return switch (unit) {
            case WORKING_DAYS -> new Counted(millis(DAY_MS), LimitUnit.WORKING_DAYS);
            case NATURAL_DAYS -> new Counted(millis(DAY_MS), LimitUnit.NATURAL_DAYS);
            case CASE_HOURS -> new Counted(millis(3_600_000L), own);
            case SHARE -> new Counted(value.multiply(BigDecimal.valueOf(caseBudgetMillis))
                    .divide(BigDecimal.valueOf(100), 0, RoundingMode.DOWN).longValueExact(), own);
        };
    }

    private long millis(long per) {
        return value.multiply(BigDecimal.valueOf(per)).setScale(0, RoundingMode.DOWN).longValueExact();
    }

    /** The text form, e.g. {@code 1WD}, {@code 0.5WD}, {@code 4h}, {@code 50%}. */
    @Override
    public String toString() {
        String v = value.toPlainString();
        return switch (unit) {
            case WORKING_DAYS -> v + "WD";
            case NATURAL_DAYS -> v + "ND";
            case CASE_HOURS -> v + "h";
            case SHARE -> v + "%";
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Amount a && a.unit == unit && a.value.compareTo(value) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(unit, value);
    }
}
