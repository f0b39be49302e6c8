package cn.xiaoneng.deadline.calendar;

/** A calendar file that cannot be used. The message starts with {@code file:line:} when a line is at fault. */
public class CalendarFormatException extends IllegalArgumentException {
    private final String file;
    private final int line;

    public CalendarFormatException(String file, int line, String reason) {
        super(line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason);
        this.file = file;
        this.line = line;
    }

    public CalendarFormatException(String file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.line = 0;
    }

    /** The file at fault, as it was named when loaded. */
    public String file() {
        return file;
    }

    /** The 1-based line at fault, or 0 when the file as a whole is at fault. */
    public int line() {
        return line;
    }
}
