package cn.xiaoneng.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PostgresServerIT {

    @Test
    void acceptsQueriesWithLogicalDecodingAndLeavesNoProcessWhenStopped() {
        long pid;
        long t0 = System.nanoTime();
        try (PostgresServer pg = PostgresServer.start(TestDirs.fresh("pg"))) {
            System.out.printf("PostgreSQL fresh start (initdb + start): %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            pid = pg.pid();
            assertThat(pg.queryColumn("postgres", "SHOW wal_level")).containsExactly("logical");
            pg.createDatabase("dept_a");
            pg.createDatabase("dept_a"); // idempotent
            pg.execute("dept_a", "CREATE TABLE t (id int PRIMARY KEY, name text)", "INSERT INTO t VALUES (1, '受理')");
            assertThat(pg.queryColumn("dept_a", "SELECT name FROM t")).containsExactly("受理");
            assertThat(pg.jdbcUrl("dept_a")).isEqualTo("jdbc:postgresql://127.0.0.1:" + pg.port() + "/dept_a");
        }
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void restartOnTheSameDirKeepsDataAlsoAfterAKill() {
        Path dir = TestDirs.fresh("pg-restart");
        try (PostgresServer pg = PostgresServer.start(dir)) {
            pg.execute("postgres", "CREATE TABLE kept (id int)", "INSERT INTO kept VALUES (42)");
        }
        long pid;
        long t0 = System.nanoTime();
        try (PostgresServer pg = PostgresServer.start(dir)) {
            System.out.printf("PostgreSQL restart on existing dir: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertThat(pg.queryColumn("postgres", "SELECT id FROM kept")).containsExactly("42");
            pg.execute("postgres", "INSERT INTO kept VALUES (43)");
            pid = pg.pid();
            pg.kill();
        }
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        try (PostgresServer pg = PostgresServer.start(dir)) {
            assertThat(pg.queryColumn("postgres", "SELECT id FROM kept ORDER BY id")).containsExactly("42", "43");
        }
    }
}
