package cn.xiaoneng.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

class MariaDbServerIT {

    @Test
    void acceptsQueriesWithRowBinlogAndLeavesNoProcessWhenStopped() throws Exception {
        long pid;
        long t0 = System.nanoTime();
        try (MariaDbServer db = MariaDbServer.start(TestDirs.fresh("mariadb"))) {
            System.out.printf("MariaDB fresh start (install-db + start): %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            pid = db.pid();
            assertThat(db.queryColumn("", "SELECT CONCAT(@@log_bin, @@binlog_format, @@binlog_row_image, @@binlog_row_metadata)"))
                    .containsExactly("ONROWFULLFULL");
            db.createDatabase("dept_b");
            db.createDatabase("dept_b"); // idempotent
            db.execute("dept_b", "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20))", "INSERT INTO t VALUES (1, '办结')");
            assertThat(db.queryColumn("dept_b", "SELECT name FROM t")).containsExactly("办结");

            db.createCdcUser("cdc", "cdc-secret");
            try (Connection c = DriverManager.getConnection(db.jdbcUrl("dept_b"), "cdc", "cdc-secret");
                    var rs = c.createStatement().executeQuery("SHOW GRANTS")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).contains("SELECT", "RELOAD", "SHOW DATABASES", "REPLICATION SLAVE")
                        .containsAnyOf("REPLICATION CLIENT", "BINLOG MONITOR");
            }
        }
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void restartOnTheSameDirKeepsData() {
        Path dir = TestDirs.fresh("mariadb-restart");
        try (MariaDbServer db = MariaDbServer.start(dir)) {
            db.createDatabase("d");
            db.execute("d", "CREATE TABLE kept (id INT)", "INSERT INTO kept VALUES (42)");
        }
        long t0 = System.nanoTime();
        try (MariaDbServer db = MariaDbServer.start(dir)) {
            System.out.printf("MariaDB restart on existing dir: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertThat(db.queryColumn("d", "SELECT id FROM kept")).containsExactly("42");
        }
    }
}
