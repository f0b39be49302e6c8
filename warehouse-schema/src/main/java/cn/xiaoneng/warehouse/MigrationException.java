package cn.xiaoneng.warehouse;

/** A migration that cannot be loaded, validated or applied; the message names the file (and statement) at fault. */
public class MigrationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
