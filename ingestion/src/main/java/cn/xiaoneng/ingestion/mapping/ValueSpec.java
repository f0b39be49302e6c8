package cn.xiaoneng.ingestion.mapping;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a canonical value comes from: a column as is, a constant, a column translated through a code table,
 * a protected column (keyed hash or mask), or a split list. Written in mapping files as a bare column name
 * or as {@code {column: .., codes: {..}}}, {@code {const: ..}}, {@code {column: .., protect: hash|mask}},
 * {@code {column: .., split: ",", prepend: other}}.
 */
public final class ValueSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Protection { NONE, HASH, MASK }

    final String column;
    final String constant;
    final Map<String, String> codes;
    final Protection protection;
    final String split;
    final String prepend;

    ValueSpec(String column, String constant, Map<String, String> codes, Protection protection, String split, String prepend) {
        this.column = column;
        this.constant = constant;
        this.codes = codes;
        this.protection = protection;
        this.split = split;
        this.prepend = prepend;
    }

    static ValueSpec column(String column) {
        return new ValueSpec(column, null, null, Protection.NONE, null, null);
    }

    /** Columns this value reads (checked against each row for schema drift). */
    List<String> columns() {
        List<String> cols = new ArrayList<>(2);
        if (column != null) {
            cols.add(column);
        }
        if (prepend != null) {
            cols.add(prepend);
        }
        return cols;
    }

    /**
     * The value for this row, or null when the column is empty.
     * @throws Rejection UNKNOWN_CODE when a code table does not know the value
     */
    String resolve(RowImage row, String key) throws Rejection {
        if (constant != null) {
            return constant;
        }
        String raw = ChangeEnvelope.text(row, column);
        if (raw == null) {
            return null;
        }
        if (codes != null) {
            String mapped = codes.get(raw);
            if (mapped == null) {
                throw new Rejection(Rejection.Code.UNKNOWN_CODE, "unknown code '" + raw + "' in column " + column + " for " + key
                        + " (known: " + String.join(", ", codes.keySet()) + ")");
            }
            return mapped;
        }
        return raw;
    }

    /** The split list (联办 departments), with {@code prepend}'s value first; null when both are empty. */
    String[] resolveList(RowImage row) {
        List<String> out = new ArrayList<>();
        if (prepend != null) {
            String first = ChangeEnvelope.text(row, prepend);
            if (first != null && !first.isBlank()) {
                out.add(first.trim());
            }
        }
        String raw = column == null ? null : ChangeEnvelope.text(row, column);
        if (raw != null) {
            // The separator is literal text, not a pattern: String.split with a quoted pattern compiled a regex for every
            // record (a C2 compilation of Pattern.compile was still seen in the bench's measured phase, session 7). The
            // loader refuses an empty separator.
            int from = 0;
            while (from <= raw.length()) {
                int at = raw.indexOf(split, from);
                int end = at < 0 ? raw.length() : at;
                String p = raw.substring(from, end).trim();
                if (!p.isEmpty() && !out.contains(p)) {
                    out.add(p);
                }
                if (at < 0) {
                    break;
                }
                from = at + split.length();
            }
        }
        return out.size() <= 1 ? null : out.toArray(new String[0]);
    }
}
