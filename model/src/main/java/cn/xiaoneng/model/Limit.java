package cn.xiaoneng.model;

import java.util.Objects;

/**
 * A time limit as value + unit: 承诺时限 or 法定时限. {@code 20 WORKING_DAYS}, {@code 30 NATURAL_DAYS}, or
 * {@code IMMEDIATE} (value 0). A Flink POJO: public no-arg constructor and public fields.
 */
public final class Limit {
    public int value;
    public LimitUnit unit;

    public Limit() {}

    public Limit(int value, LimitUnit unit) {
        this.value = value;
        this.unit = unit;
    }

    public static Limit workingDays(int n) {
        return new Limit(n, LimitUnit.WORKING_DAYS);
    }

    public static Limit naturalDays(int n) {
        return new Limit(n, LimitUnit.NATURAL_DAYS);
    }

    public static Limit immediate() {
        return new Limit(0, LimitUnit.IMMEDIATE);
    }

    /** Parses {@code 20WD}, {@code 30ND} or {@code IMMEDIATE}; the inverse of {@link #toString()}. */
    public static Limit parse(String text) {
        String t = text.trim().toUpperCase();
        if (t.equals("IMMEDIATE")) {
            return immediate();
        }
        LimitUnit unit;
        if (t.endsWith("WD")) {
            unit = LimitUnit.WORKING_DAYS;
        } else if (t.endsWith("ND")) {
            unit = LimitUnit.NATURAL_DAYS;
        } else {
            throw new IllegalArgumentException("limit '" + text + "' must look like 20WD, 30ND or IMMEDIATE");
        }
        int value;
        try {
            value = Integer.parseInt(t.substring(0, t.length() - 2));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit '" + text + "' has no whole number of days before " + t.substring(t.length() - 2));
        }
        if (value < 0) {
            throw new IllegalArgumentException("limit '" + text + "' is negative");
        }
        return new Limit(value, unit);
    }

    @Override
    public String toString() {
        return switch (unit) {
            case WORKING_DAYS -> value + "WD";
            case NATURAL_DAYS -> value + "ND";
            case IMMEDIATE -> "IMMEDIATE";
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Limit l && l.value == value && l.unit == unit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, unit);
    }
}
