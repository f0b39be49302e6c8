package cn.xiaoneng.ingestion.mapping;

/** Why a source record could not be mapped. The reason code is stable (dashboards group by it). */
public final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Code {
        /** Not a JSON change envelope at all. */
        MALFORMED,
        /** A table no mapping rule covers. */
        UNMAPPED_TABLE,
        /** The row has no case id. */
        MISSING_CASE_ID,
        /** A code the mapping does not know (e.g. a new status code). */
        UNKNOWN_CODE,
        /** The time column an event needs is empty. */
        MISSING_TIME,
        /** A time that cannot be true (before 2000, or days after the source committed it). */
        IMPOSSIBLE_TIME,
        /** A column the mapping needs is not in the row at all (renamed or dropped upstream). */
        SCHEMA_DRIFT,
        /** A value of the wrong type (text where a number was expected). */
        BAD_VALUE,
        /** The mapping could not be applied for a reason no rule foresaw (a defect to report); the record is kept. */
        MAPPING_ERROR
    }

    private final Code code;

    public Rejection(Code code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
