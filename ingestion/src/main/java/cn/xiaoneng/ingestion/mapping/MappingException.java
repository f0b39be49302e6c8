package cn.xiaoneng.ingestion.mapping;

/** A mapping file that cannot be used. The message names the file and the key, e.g. {@code lc.yaml: tables.x.events[2].type: ...}. */
public class MappingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
