package cn.xiaoneng.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    private static List<String> sql(String script) {
        return SqlScript.split("V001__x.sql", script).stream().map(SqlScript.Statement::sql).toList();
    }

    @Test
    void splitsOnSemicolonsThatEndTheirLine() {
        assertThat(sql("CREATE TABLE a (x UInt8) ENGINE = Memory;\n\nCREATE TABLE b (y UInt8)\nENGINE = Memory;  \n"))
                .containsExactly("CREATE TABLE a (x UInt8) ENGINE = Memory", "CREATE TABLE b (y UInt8)\nENGINE = Memory");
    }

    @Test
    void semicolonsInsideLiteralsIdentifiersAndCommentsDoNotSplit() {
        String script = """
                SELECT 'a;
                b', "x;", `y;`, 'it''s;', 'back\\';' -- trailing; comment;
                FROM t /* block;
                comment; */ WHERE 1;
                """;
        assertThat(sql(script)).hasSize(1).first().asString()
                .startsWith("SELECT 'a;\nb'").endsWith("WHERE 1");
    }

    @Test
    void aCommentMayFollowTheTerminatingSemicolon() {
        assertThat(sql("SELECT 1; -- first\nSELECT 2;")).containsExactly("SELECT 1", "-- first\nSELECT 2");
    }

    @Test
    void lastStatementMayOmitItsSemicolonAndCommentOnlyTailsAreDropped() {
        assertThat(sql("SELECT 1;\nSELECT 2\n")).containsExactly("SELECT 1", "SELECT 2");
        assertThat(sql("SELECT 1;\n-- the end\n/* really */\n")).containsExactly("SELECT 1");
        assertThat(sql("-- nothing but a comment\n")).isEmpty();
    }

    @Test
    void reportsTheLineEachStatementStartsOn() {
        List<SqlScript.Statement> statements = SqlScript.split("V001__x.sql",
                "-- header\n\nSELECT 1;\n/* two\nlines */\nSELECT\n  2;\r\n'x';\n");
        assertThat(statements).extracting(SqlScript.Statement::line).containsExactly(3, 6, 8);
    }

    @Test
    void rejectsTwoStatementsOnOneLineNamingFileAndLine() {
        assertThatThrownBy(() -> sql("SELECT 0;\nSELECT 1; SELECT 2;\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("V001__x.sql:2: ';' must end its line");
    }

    @Test
    void rejectsUnterminatedQuotesAndComments() {
        assertThatThrownBy(() -> sql("SELECT 1;\nSELECT 'open;\n")).hasMessageStartingWith("V001__x.sql:2: unterminated ' quote");
        assertThatThrownBy(() -> sql("/* never closed\nSELECT 1;")).hasMessageStartingWith("V001__x.sql:1: unterminated /* comment");
    }

    @Test
    void rejectsAnEmptyStatement() {
        assertThatThrownBy(() -> sql("SELECT 1;\n;\n")).hasMessageStartingWith("V001__x.sql:2: empty statement");
    }
}
