package cn.xiaoneng.deadline.engine;

/**
 * A policy file that cannot be used. The message starts with {@code file:line:} (or {@code file:} for a key
 * that is missing) and names the key, so operators can fix the file without reading code.
 */
public final class PolicyFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final String key;

    PolicyFormatException(String file, int line, String key, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + (key == null ? "" : "key '" + key + "': ") + reason);
        this.file = file;
        this.key = key;
    }

    public String file() {
        return file;
    }

    /** The offending key, or null when the line has none. */
    public String key() {
        return key;
    }
}
