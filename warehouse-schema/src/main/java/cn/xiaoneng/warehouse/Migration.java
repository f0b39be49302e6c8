package cn.xiaoneng.warehouse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned migration file, {@code V001__ods_case_events.sql}: version 1, description "ods case events", its
 * statements and the SHA-256 of its text. The checksum is what makes editing an applied file an error.
 */
public record Migration(int version, String description, String script, String checksum, List<SqlScript.Statement> statements) {

    /** V, a version number (leading zeros allowed, so files sort by name too), two underscores, a description. */
    static final Pattern FILE_NAME = Pattern.compile("V(\\d{1,9})__([A-Za-z0-9][A-Za-z0-9_]*)\\.sql");

    public Migration {
        statements = List.copyOf(statements);
    }

    /** Parses a file; fails naming the file if the name breaks the pattern or the file holds no statement. */
    public static Migration parse(String script, String content) {
        Matcher m = FILE_NAME.matcher(script);
        if (!m.matches()) {
            throw new MigrationException("migration file name " + script + " does not match V<number>__<description>.sql"
                    + " (e.g. V001__ods_case_events.sql)");
        }
        int version = Integer.parseInt(m.group(1));
        if (version < 1) {
            throw new MigrationException("migration " + script + ": versions start at 1");
        }
        List<SqlScript.Statement> statements;
        try {
            statements = SqlScript.split(script, content);
        } catch (IllegalArgumentException e) {
            throw new MigrationException("migration " + e.getMessage(), e);
        }
        if (statements.isEmpty()) {
            throw new MigrationException("migration " + script + " contains no SQL statement");
        }
        return new Migration(version, m.group(2).replace('_', ' '), script, checksum(content), statements);
    }

    /**
     * SHA-256 (hex) of the text with line ends normalized to LF, so a checkout with CRLF line ends (git autocrlf on
     * Windows) does not look like an edited migration.
     */
    public static String checksum(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(content.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Sorts by version and checks the sequence is 1, 2, 3, … with no gap or duplicate: a gap usually means a file was
     * lost in a merge, a duplicate that two branches picked the same number; either must be fixed by a person.
     */
    public static List<Migration> inOrder(List<Migration> migrations, String location) {
        List<Migration> sorted = new ArrayList<>(migrations);
        sorted.sort(Comparator.comparingInt(Migration::version).thenComparing(Migration::script));
        for (int i = 0; i < sorted.size(); i++) {
            Migration m = sorted.get(i);
            if (i > 0 && sorted.get(i - 1).version() == m.version()) {
                throw new MigrationException("duplicate migration version " + m.version() + " in " + location + ": "
                        + sorted.get(i - 1).script() + " and " + m.script());
            }
            int expected = i + 1;
            if (m.version() != expected) {
                throw new MigrationException("migration version " + expected + " is missing in " + location + ": "
                        + (i == 0 ? "the first file is " : "after " + sorted.get(i - 1).script() + " comes ") + m.script()
                        + " (versions must run 1, 2, 3, … without gaps)");
            }
        }
        return List.copyOf(sorted);
    }
}
