package cn.xiaoneng.ingestion.mapping;

import java.util.Random;

/**
 * Seeded random JSON text for equivalence tests, written by hand (not by Jackson) so the parser meets every form a
 * value can take: escapes of any character, raw and escaped non-ASCII, surrogate pairs and lone surrogates, control
 * characters, ints at every width, big integers, floats in all notations (overflow to Infinity, underflow to 0, trailing
 * zeros), booleans, nulls, nested objects and arrays, duplicate keys, and whitespace between tokens.
 */
final class RandomJson {
    private static final String[] NAMES = {"sblsh", "id", "slsj", "cnsx", "status", "a", "b", "名称", "x y", "q\"uote", "back\\slash", "tab\tname",
        "emoji😀", "", "ctrl\u0001", "slash/", "update_time", "before", "op", "source"};
    private static final String[] FLOATS = {"1.5", "1.500", "-0.0", "0.0", "1e5", "1E+5", "2.5e-3", "1e400", "-1e400", "1e-400", "0.1", "3.0",
        "123456789012345678901234567890.5", "4.9E-324", "1.7976931348623157E308", "100.0000", "-12.340", "6.02214076e23", "1711963800000.0"};
    private static final String[] INTS = {"0", "-0", "1", "-1", "42", "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "1711963800000", "18446744073709551616",
        "123456789012345678901234567890123456789"};

    private final Random random;

    RandomJson(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** A row: an object of 0–30 columns, names mostly distinct (sometimes repeated), values of every type. */
    String row() {
        int columns = random.nextInt(31);
        StringBuilder b = new StringBuilder();
        b.append('{');
        for (int i = 0; i < columns; i++) {
            if (i > 0) {
                b.append(',');
            }
            space(b);
            String name = random.nextInt(4) == 0 ? NAMES[random.nextInt(NAMES.length)] : "c" + i;
            string(b, name);
            space(b);
            b.append(':');
            space(b);
            value(b, 0);
            space(b);
        }
        b.append('}');
        return b.toString();
    }

    /** Any JSON value; containers only down to depth 2. */
    void value(StringBuilder b, int depth) {
        int kind = random.nextInt(depth < 2 ? 20 : 18);
        switch (kind) {
            case 0, 1, 2, 3, 4, 5 -> string(b, text());
            case 6, 7, 8 -> b.append(integer());
            case 9, 10 -> b.append(floating());
            case 11 -> b.append(random.nextBoolean() ? "true" : "false");
            case 12, 13 -> b.append("null");
            case 14, 15, 16, 17 -> b.append(random.nextInt(1_000_000));
            case 18 -> {
                b.append('{');
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    string(b, random.nextBoolean() ? "k" + i : NAMES[random.nextInt(NAMES.length)]);
                    b.append(':');
                    space(b);
                    value(b, depth + 1);
                }
                b.append('}');
            }
            default -> {
                b.append('[');
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        b.append(',');
                        space(b);
                    }
                    value(b, depth + 1);
                }
                b.append(']');
            }
        }
    }

    String integer() {
        return switch (random.nextInt(4)) {
            case 0 -> INTS[random.nextInt(INTS.length)];
            case 1 -> Long.toString(random.nextLong());
            case 2 -> Integer.toString(random.nextInt());
            default -> {
                StringBuilder digits = new StringBuilder(random.nextBoolean() ? "-" : "");
                digits.append(1 + random.nextInt(9));
                for (int i = 0, n = random.nextInt(40); i < n; i++) {
                    digits.append(random.nextInt(10));
                }
                yield digits.toString();
            }
        };
    }

    String floating() {
        return switch (random.nextInt(3)) {
            case 0 -> FLOATS[random.nextInt(FLOATS.length)];
            case 1 -> Double.toString((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20));
            default -> (random.nextBoolean() ? "-" : "") + random.nextInt(100000) + "." + random.nextInt(1000) + (random.nextBoolean() ? "" : "e" + (random.nextInt(60) - 30));
        };
    }

    /** Random text: ASCII, JSON's special characters, control characters, CJK, line separators, emoji, lone surrogates. */
    String text() {
        int n = random.nextInt(12);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(12)) {
                case 0 -> s.append((char) random.nextInt(0x20));
                case 1 -> s.append("\"\\/".charAt(random.nextInt(3)));
                case 2 -> s.append((char) (0x4E00 + random.nextInt(0x5000)));
                case 3 -> s.append(random.nextBoolean() ? '\u2028' : '\u007f');
                case 4 -> s.appendCodePoint(0x1F600 + random.nextInt(80));
                case 5 -> s.append((char) (0xD800 + random.nextInt(0x800))); // a lone surrogate (only reachable through an escape)
                case 6 -> s.append((char) (0x80 + random.nextInt(0x780)));
                default -> s.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return s.toString();
    }

    /** A JSON string literal of {@code s}, each character written raw or escaped at random (raw only where JSON allows it). */
    void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean surrogate = Character.isSurrogate(c);
            boolean paired = surrogate && Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            boolean mustEscape = c < 0x20 || c == '"' || c == '\\' || (surrogate && !paired);
            if (paired) {
                char low = s.charAt(++i);
                if (random.nextBoolean()) {
                    b.append(c).append(low); // raw: one 4-byte UTF-8 sequence
                } else {
                    b.append(String.format("\\u%04x\\u%04X", (int) c, (int) low));
                }
            } else if (mustEscape || random.nextInt(8) == 0) {
                String shortForm = switch (c) {
                    case '"' -> "\\\"";
                    case '\\' -> "\\\\";
                    case '/' -> "\\/";
                    case '\n' -> "\\n";
                    case '\t' -> "\\t";
                    case '\r' -> "\\r";
                    case '\b' -> "\\b";
                    case '\f' -> "\\f";
                    default -> null;
                };
                if (shortForm != null && random.nextBoolean()) {
                    b.append(shortForm);
                } else {
                    b.append(String.format(random.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
                }
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }

    private void space(StringBuilder b) {
        if (random.nextInt(6) == 0) {
            b.append(" \t\n\r".charAt(random.nextInt(4)));
        }
    }
}
