package cn.xiaoneng.console;

/** A read failed: server down, table missing (migrations not applied), timeout. The message is shown on the page. */
public final class ClickHouseReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClickHouseReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
