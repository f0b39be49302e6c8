package cn.xiaoneng.warehouse;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration file into statements. ClickHouse's HTTP interface runs one statement per request, so a file
 * with several must be cut up here. A statement ends at a {@code ;} that is the last thing on its line (trailing
 * spaces or a {@code --} comment may follow), outside string literals, quoted identifiers and comments. Anywhere else
 * a {@code ;} is either literal text (inside quotes or comments) or a mistake: a {@code ;} in the middle of a line
 * is rejected, naming the file and line, rather than guessed at.
 */
public final class SqlScript {
    private SqlScript() {}

    /** One statement and the 1-based line it starts on, for error messages. */
    public record Statement(int line, String sql) {}

    /** @param fileName used only in error messages */
    public static List<Statement> split(String fileName, String script) {
        String text = script.replace("\r\n", "\n");
        List<Statement> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean hasCode = false;   // current holds more than whitespace and comments
        int startLine = 1;
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : '\0';
            if (c == '-' && next == '-') {
                int end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
                current.append(text, i, end);
                i = end;
            } else if (c == '/' && next == '*') {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException(fileName + ":" + line + ": unterminated /* comment");
                }
                String comment = text.substring(i, end + 2);
                current.append(comment);
                line += count(comment, '\n');
                i = end + 2;
            } else if (c == '\'' || c == '"' || c == '`') {
                int end = closingQuote(text, i, c);
                if (end < 0) {
                    throw new IllegalArgumentException(fileName + ":" + line + ": unterminated " + c + " quote");
                }
                String quoted = text.substring(i, end + 1);
                if (!hasCode) {
                    startLine = line;
                }
                current.append(quoted);
                line += count(quoted, '\n');
                hasCode = true;
                i = end + 1;
            } else if (c == ';') {
                if (!restOfLineIsBlankOrComment(text, i + 1)) {
                    throw new IllegalArgumentException(fileName + ":" + line
                            + ": ';' must end its line (one statement per ';' at line end); found more after it");
                }
                if (hasCode) {
                    out.add(new Statement(startLine, current.toString().strip()));
                } else {
                    throw new IllegalArgumentException(fileName + ":" + line + ": empty statement before ';'");
                }
                current.setLength(0);
                hasCode = false;
                i++;
            } else {
                if (c == '\n') {
                    line++;
                } else if (!Character.isWhitespace(c)) {
                    if (!hasCode) {
                        startLine = line;
                    }
                    hasCode = true;
                }
                current.append(c);
                i++;
            }
        }
        if (hasCode) {
            // The last statement may omit its ';'.
            out.add(new Statement(startLine, current.toString().strip()));
        }
        return out;
    }

    /** Index of the quote closing the one at {@code open}; doubled quotes and backslash escapes stay inside. */
    private static int closingQuote(String text, int open, char quote) {
        for (int j = open + 1; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == quote) {
                if (j + 1 < text.length() && text.charAt(j + 1) == quote) {
                    j++;
                } else {
                    return j;
                }
            }
        }
        return -1;
    }

    private static boolean restOfLineIsBlankOrComment(String text, int from) {
        for (int j = from; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\n') {
                return true;
            }
            if (c == '-' && j + 1 < text.length() && text.charAt(j + 1) == '-') {
                return true;
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    private static int count(String s, char c) {
        int k = 0;
        for (int j = 0; j < s.length(); j++) {
            if (s.charAt(j) == c) {
                k++;
            }
        }
        return k;
    }
}
