package cn.xiaoneng.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationTest {

    @Test
    void fileNameGivesVersionAndDescription() {
        Migration m = Migration.parse("V012__dwd_case_facts.sql", "SELECT 1;\nSELECT 2;\n");
        assertThat(m.version()).isEqualTo(12);
        assertThat(m.description()).isEqualTo("dwd case facts");
        assertThat(m.script()).isEqualTo("V012__dwd_case_facts.sql");
        assertThat(m.statements()).hasSize(2);
    }

    @Test
    void badFileNamesAndEmptyFilesAreRejectedByName() {
        for (String bad : List.of("V1_single.sql", "v001__lower.sql", "V001__x.SQL", "V__x.sql", "001__x.sql", "V0__zero.sql")) {
            assertThatThrownBy(() -> Migration.parse(bad, "SELECT 1;")).isInstanceOf(MigrationException.class).hasMessageContaining(bad);
        }
        assertThatThrownBy(() -> Migration.parse("V001__empty.sql", "-- todo\n"))
                .hasMessage("migration V001__empty.sql contains no SQL statement");
        assertThatThrownBy(() -> Migration.parse("V001__broken.sql", "SELECT 'x;\n"))
                .isInstanceOf(MigrationException.class).hasMessageContaining("V001__broken.sql:1");
    }

    @Test
    void checksumIsSha256OfTheTextIgnoringLineEndStyle() {
        assertThat(Migration.checksum("SELECT 1;\n")).isEqualTo("b4e0497804e46e0a0b0b8c31975b062152d551bac49c3c2e80932567b4085dcd"); // sha256sum of the same bytes
        assertThat(Migration.checksum("SELECT 1;\r\n")).isEqualTo(Migration.checksum("SELECT 1;\n"));
        assertThat(Migration.checksum("SELECT 1;\n")).isNotEqualTo(Migration.checksum("SELECT 2;\n"));
        assertThat(Migration.checksum("SELECT 1;\n")).isNotEqualTo(Migration.checksum("SELECT 1; \n"));
    }

    @Test
    void inOrderSortsByVersionNotByName() {
        List<Migration> sorted = Migration.inOrder(List.of(
                Migration.parse("V10__ten.sql", "SELECT 10;"),
                Migration.parse("V2__two.sql", "SELECT 2;"),
                Migration.parse("V1__one.sql", "SELECT 1;"),
                Migration.parse("V003__three.sql", "SELECT 3;"),
                Migration.parse("V4__four.sql", "SELECT 4;"),
                Migration.parse("V5__five.sql", "SELECT 5;"),
                Migration.parse("V6__six.sql", "SELECT 6;"),
                Migration.parse("V7__seven.sql", "SELECT 7;"),
                Migration.parse("V8__eight.sql", "SELECT 8;"),
                Migration.parse("V9__nine.sql", "SELECT 9;")), "test");
        assertThat(sorted).extracting(Migration::version).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void aGapOrADuplicateVersionIsAnError() {
        assertThatThrownBy(() -> Migration.inOrder(List.of(Migration.parse("V001__a.sql", "SELECT 1;"),
                Migration.parse("V003__c.sql", "SELECT 3;")), "folder x"))
                .hasMessage("migration version 2 is missing in folder x: after V001__a.sql comes V003__c.sql"
                        + " (versions must run 1, 2, 3, … without gaps)");
        assertThatThrownBy(() -> Migration.inOrder(List.of(Migration.parse("V002__b.sql", "SELECT 2;")), "folder x"))
                .hasMessageContaining("version 1 is missing in folder x: the first file is V002__b.sql");
        assertThatThrownBy(() -> Migration.inOrder(List.of(Migration.parse("V001__a.sql", "SELECT 1;"),
                Migration.parse("V1__also_a.sql", "SELECT 1;")), "folder x"))
                .hasMessage("duplicate migration version 1 in folder x: V001__a.sql and V1__also_a.sql");
    }
}
