package cn.xiaoneng.ingestion.mapping;

import cn.xiaoneng.model.Limit;
import cn.xiaoneng.model.LimitUnit;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** A time limit read from a value column and a unit column with its code table: {@code {value: cnsx, unit: cnsxdw, codes: {G: WORKING_DAYS}}}. */
public final class LimitSpec implements Serializable {
    private static final long serialVersionUID = 1L;
    final String valueColumn;
    final String unitColumn;
    final Map<String, LimitUnit> units;

    LimitSpec(String valueColumn, String unitColumn, Map<String, LimitUnit> units) {
        this.valueColumn = valueColumn;
        this.unitColumn = unitColumn;
        this.units = units;
    }

    List<String> columns() {
        return List.of(valueColumn, unitColumn);
    }

    /** The limit, or null when the row states none. */
    Limit resolve(RowImage row, String key) throws Rejection {
        String unitCode = ChangeEnvelope.text(row, unitColumn);
        if (unitCode == null) {
            return null;
        }
        LimitUnit unit = units.get(unitCode);
        if (unit == null) {
            throw new Rejection(Rejection.Code.UNKNOWN_CODE, "unknown limit unit '" + unitCode + "' in column " + unitColumn + " for " + key);
        }
        if (unit == LimitUnit.IMMEDIATE) {
            return Limit.immediate();
        }
        String v = ChangeEnvelope.text(row, valueColumn);
        if (v == null) {
            return null;
        }
        try {
            int days = Integer.parseInt(v.trim());
            if (days < 0) {
                throw new Rejection(Rejection.Code.BAD_VALUE, "negative limit " + days + " in column " + valueColumn + " for " + key);
            }
            return new Limit(days, unit);
        } catch (NumberFormatException e) {
            throw new Rejection(Rejection.Code.BAD_VALUE, "limit '" + v + "' in column " + valueColumn + " is not a whole number for " + key);
        }
    }
}
