package cn.xiaoneng.incident.plan;

/**
 * A plan file that cannot be used. Like the deadline engine's policy errors, the message starts with
 * {@code file:line:} (or {@code file:} for a missing key) and names the key.
 */
public final class PlanFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final String key;

    PlanFormatException(String file, int line, String key, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + (key == null ? "" : "key '" + key + "': ") + reason);
        this.file = file;
        this.line = line;
        this.key = key;
    }

    public String file() {
        return file;
    }

    /** 1-based line, or 0 when the problem is a missing key or the whole file. */
    public int line() {
        return line;
    }

    /** The offending key, or null. */
    public String key() {
        return key;
    }
}
