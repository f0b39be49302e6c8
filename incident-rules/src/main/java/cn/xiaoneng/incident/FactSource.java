package cn.xiaoneng.incident;

/** Who wrote a fact: a person through the center's operations log, or one of the automatic detectors. */
public enum FactSource {
    /** The center's operations log (值班记录), captured by Debezium. */
    OPS_LOG,
    /** {@code cn.xiaoneng.incident.detect}: a silent source or an idle window. */
    DETECTOR;

    public static FactSource parse(String name) {
        try {
            return valueOf(name.strip());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("'" + name + "' is not a fact source (OPS_LOG, DETECTOR)");
        }
    }
}
