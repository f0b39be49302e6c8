package cn.xiaoneng.model;

/**
 * Every Kafka topic name the platform uses, declared once for producers, jobs, tests and dashboards.
 * Raw CDC topics are named by Debezium: {@code <prefix>.<schema>.<table>} with prefix {@code xn.raw.<sourceId>}.
 */
public final class Topics {
    /** Prefix of raw change topics; Debezium's topic.prefix is {@code RAW_PREFIX + sourceId}. */
    public static final String RAW_PREFIX = "xn.raw.";
    /** Pattern matching every raw change topic (heartbeat topics excluded: they start with "__"). */
    public static final String RAW_PATTERN = "xn\\.raw\\..+";
    /** Canonical case events, keyed by case id (all events of one case in one partition, in order). */
    public static final String CASE_EVENTS = "xn.canonical.case-events";
    /** Records that normalization could not map, with their reasons. */
    public static final String DEAD_LETTER = "xn.deadletter.normalization";
    /** Deadline cards (预警, 黄牌, 红牌, …), raised and retracted, keyed by case id; the alerting work consumes it. */
    public static final String DEADLINE_CARDS = "xn.deadline.cards";
    /** Debezium heartbeat topics: {@code __debezium-heartbeat.xn.raw.<sourceId>}. */
    public static final String HEARTBEAT_PATTERN = "__debezium-heartbeat\\.xn\\.raw\\..+";
    /**
     * Prefix of the centers' operations-log change topics (issue 4): Debezium's topic.prefix is {@code OPS_PREFIX +
     * centerId}. Outside {@link #RAW_PATTERN} on purpose: the ops log is no departmental source (normalization does not
     * map it, and its silence is no outage).
     */
    public static final String OPS_PREFIX = "xn.ops.";
    /** Pattern matching every operations-log change topic. */
    public static final String OPS_PATTERN = "xn\\.ops\\..+";
    /** Incident timeline facts (ops log and detectors), keyed by {@code centerId/incidentId}; the incident job's input. */
    public static final String INCIDENT_FACTS = "xn.incident.facts";
    /** Incident cards (突发事件, 报告超时, …), raised and retracted, keyed by {@code centerId/incidentId}; alerting consumes it. */
    public static final String INCIDENT_CARDS = "xn.incident.cards";

    private Topics() {}

    public static String rawPrefix(String sourceId) {
        return RAW_PREFIX + sourceId;
    }

    public static String opsPrefix(String centerId) {
        return OPS_PREFIX + centerId;
    }

    /** Source id of a raw or heartbeat topic name, e.g. {@code xn.raw.lc.approval.business_index -> lc}. */
    public static String sourceIdOf(String topic) {
        String t = topic.startsWith("__debezium-heartbeat.") ? topic.substring("__debezium-heartbeat.".length()) : topic;
        if (!t.startsWith(RAW_PREFIX)) {
            throw new IllegalArgumentException("not a raw topic: " + topic);
        }
        String rest = t.substring(RAW_PREFIX.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
