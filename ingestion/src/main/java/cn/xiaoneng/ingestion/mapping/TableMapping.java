package cn.xiaoneng.ingestion.mapping;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How one source table becomes canonical events: its case id column, case attributes, step fields, checks and rules. */
public final class TableMapping implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One validation: the column's non-null values must be among {@code known}. */
    record Validation(String column, Set<String> known) implements Serializable {}

    final String table;
    final String caseIdColumn;
    /** Canonical attribute name (windowId, itemCode, ...) to its spec. */
    final Map<String, ValueSpec> attributes;
    final LimitSpec committedLimit;
    final LimitSpec legalLimit;
    final String stepIdColumn;
    final String stepNameColumn;
    final String handlerColumn;
    final List<Validation> validations;
    final List<EventRule> rules;
    /** Every column the mapping reads; a row missing one of them is schema drift. */
    final Set<String> requiredColumns;

    TableMapping(String table, String caseIdColumn, Map<String, ValueSpec> attributes, LimitSpec committedLimit, LimitSpec legalLimit,
                 String stepIdColumn, String stepNameColumn, String handlerColumn, List<Validation> validations, List<EventRule> rules) {
        this.table = table;
        this.caseIdColumn = caseIdColumn;
        this.attributes = attributes;
        this.committedLimit = committedLimit;
        this.legalLimit = legalLimit;
        this.stepIdColumn = stepIdColumn;
        this.stepNameColumn = stepNameColumn;
        this.handlerColumn = handlerColumn;
        this.validations = validations;
        this.rules = rules;
        Set<String> cols = new LinkedHashSet<>();
        cols.add(caseIdColumn);
        attributes.values().forEach(v -> cols.addAll(v.columns()));
        if (committedLimit != null) {
            cols.addAll(committedLimit.columns());
        }
        if (legalLimit != null) {
            cols.addAll(legalLimit.columns());
        }
        for (String c : new String[] {stepIdColumn, stepNameColumn, handlerColumn}) {
            if (c != null) {
                cols.add(c);
            }
        }
        validations.forEach(v -> cols.add(v.column()));
        rules.forEach(r -> cols.addAll(r.columns()));
        this.requiredColumns = cols;
    }

    public String table() {
        return table;
    }

    public List<EventRule> rules() {
        return new ArrayList<>(rules);
    }
}
