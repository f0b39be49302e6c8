package cn.xiaoneng.warehouse;

/** ClickHouse table names, declared once for the jobs, the console, tests and BI assets (see db/migration). */
public final class Tables {
    public static final String ODS_CASE_EVENT = "ods_case_event";
    public static final String ODS_RAW_CHANGE = "ods_raw_change";
    public static final String ODS_DEAD_LETTER = "ods_dead_letter";
    public static final String ODS_SOURCE_HEARTBEAT = "ods_source_heartbeat";
    /** Read through the *_CURRENT views: they merge partial aggregate states. */
    public static final String DWD_CASE_CURRENT = "dwd_case_current";
    public static final String DWD_CASE_STEP_CURRENT = "dwd_case_step_current";
    /** Throughput per minute / hour / day of business time; read with FINAL (versioned rows). */
    public static final String DWS_THROUGHPUT_MINUTE = "dws_throughput_minute";
    public static final String DWS_THROUGHPUT_HOUR = "dws_throughput_hour";
    public static final String DWS_THROUGHPUT_DAY = "dws_throughput_day";
    /** Deadline engine (V006): cards, per-case clocks and the 跟踪表 step ledger; read with FINAL. */
    public static final String DWD_DEADLINE_CARD = "dwd_deadline_card";
    public static final String DWS_CASE_CLOCK = "dws_case_clock";
    public static final String DWD_CASE_STEP_LEDGER = "dwd_case_step_ledger";
    /** Alert router (V007): every routing decision, attempt, delivery, failure and acknowledgement; read with FINAL. */
    public static final String ALERT_DELIVERY_AUDIT = "alert_delivery_audit";
    /** Incidents (V008): current state, timeline, plan deadlines (read the _CURRENT view), cards; read with FINAL. */
    public static final String DWD_INCIDENT = "dwd_incident";
    public static final String DWD_INCIDENT_FACT = "dwd_incident_fact";
    public static final String DWD_INCIDENT_DEADLINE = "dwd_incident_deadline";
    public static final String DWD_INCIDENT_DEADLINE_CURRENT = "dwd_incident_deadline_current";
    public static final String DWD_INCIDENT_CARD = "dwd_incident_card";
    /** Incident impact (V008 views): throughput against a 4-week baseline, and 事后补录, per affected department. */
    public static final String DWS_INCIDENT_THROUGHPUT = "dws_incident_throughput";
    public static final String DWS_INCIDENT_BACKFILL = "dws_incident_backfill";
    /**
     * Incident impact (V009 views, replacing V008's two): throughput against comparable weeks per affected window and
     * hour by hour (the department figures stay in {@link #DWS_INCIDENT_THROUGHPUT}), 事后补录 per window.
     */
    public static final String DWS_INCIDENT_THROUGHPUT_WINDOW = "dws_incident_throughput_window";
    public static final String DWS_INCIDENT_THROUGHPUT_HOUR = "dws_incident_throughput_hour";
    public static final String DWS_INCIDENT_BACKFILL_WINDOW = "dws_incident_backfill_window";
    /** Each center's working calendar (V009): one row per center and date, with its day class; the impact views read it. */
    public static final String DIM_WORK_DAY = "dim_work_day";
    public static final String DIM_CENTER = "dim_center";
    public static final String DIM_DEPARTMENT = "dim_department";
    public static final String DIM_WINDOW = "dim_window";
    public static final String DIM_ITEM = "dim_item";

    private Tables() {}
}
