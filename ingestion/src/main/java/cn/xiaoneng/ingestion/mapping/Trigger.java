package cn.xiaoneng.ingestion.mapping;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * When a rule fires, judged on one row change (before/after images):
 * <ul>
 *   <li>{@code insert} / {@code {insert: {col: [values]}}}: a new row (or a snapshot row), optionally filtered;</li>
 *   <li>{@code delete}: a deleted row;</li>
 *   <li>{@code {set: col}}: the column now holds a value it did not hold before (insert/snapshot: any value) —
 *       this is how in-place updates of time columns become events;</li>
 *   <li>{@code {change: col, from: [..], to: [..]}}: the column's value changed (status codes updated in place).</li>
 * </ul>
 */
public final class Trigger implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Kind { INSERT, DELETE, SET, CHANGE }

    final Kind kind;
    final String column;
    final Map<String, Set<String>> insertFilter;
    final Set<String> from;
    final Set<String> to;

    Trigger(Kind kind, String column, Map<String, Set<String>> insertFilter, Set<String> from, Set<String> to) {
        this.kind = kind;
        this.column = column;
        this.insertFilter = insertFilter;
        this.from = from;
        this.to = to;
    }

    List<String> columns() {
        if (column != null) {
            return List.of(column);
        }
        return insertFilter == null ? List.of() : List.copyOf(insertFilter.keySet());
    }

    boolean fires(ChangeEnvelope change) {
        boolean created = change.isCreate();
        switch (kind) {
            case INSERT:
                if (!created) {
                    return false;
                }
                if (insertFilter != null) {
                    for (Map.Entry<String, Set<String>> f : insertFilter.entrySet()) {
                        if (!f.getValue().contains(ChangeEnvelope.text(change.after(), f.getKey()))) {
                            return false;
                        }
                    }
                }
                return true;
            case DELETE:
                return change.isDelete();
            case SET: {
                if (change.isDelete()) {
                    return false;
                }
                String now = ChangeEnvelope.text(change.after(), column);
                if (now == null) {
                    return false;
                }
                return created || !now.equals(ChangeEnvelope.text(change.before(), column));
            }
            case CHANGE: {
                if (change.isDelete()) {
                    return false;
                }
                String now = ChangeEnvelope.text(change.after(), column);
                String was = created ? null : ChangeEnvelope.text(change.before(), column);
                if (Objects.equals(now, was)) {
                    return false;
                }
                return (to == null || to.contains(now)) && (from == null || from.contains(was));
            }
            default:
                throw new IllegalStateException(kind.name());
        }
    }
}
