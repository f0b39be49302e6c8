package cn.xiaoneng.ingestion.mapping;

import cn.xiaoneng.model.EventType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** One rule of a table mapping: when it fires, which event type (fixed or by code), which column holds the time. */
public final class EventRule implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Code-table value meaning "this code is known but yields no event". */
    public static final String IGNORE = "IGNORE";

    final int index;
    final Trigger trigger;
    final EventType fixedType;
    /** When the type depends on a code column: its spec (values are EventType names or IGNORE). */
    final ValueSpec typeByCode;
    final String timeColumn;
    final ValueSpec reason;
    final ValueSpec result;

    EventRule(int index, Trigger trigger, EventType fixedType, ValueSpec typeByCode, String timeColumn, ValueSpec reason, ValueSpec result) {
        this.index = index;
        this.trigger = trigger;
        this.fixedType = fixedType;
        this.typeByCode = typeByCode;
        this.timeColumn = timeColumn;
        this.reason = reason;
        this.result = result;
    }

    List<String> columns() {
        List<String> cols = new ArrayList<>(trigger.columns());
        cols.add(timeColumn);
        if (typeByCode != null) {
            cols.addAll(typeByCode.columns());
        }
        if (reason != null) {
            cols.addAll(reason.columns());
        }
        if (result != null) {
            cols.addAll(result.columns());
        }
        return cols;
    }
}
