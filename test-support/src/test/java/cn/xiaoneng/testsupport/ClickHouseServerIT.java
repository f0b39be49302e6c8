package cn.xiaoneng.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClickHouseServerIT {

    @TempDir
    Path dir;

    @Test
    void servesQueriesOverHttpAndLeavesNoProcessAfterStop() {
        ClickHouseServer server = ClickHouseServer.start(dir);
        long pid = server.pid();
        try {
            assertThat(server.httpUrl()).isEqualTo("http://127.0.0.1:" + server.httpPort());
            assertThat(server.query("SELECT version()")).startsWith("26.");
            // The launcher switches chdb's async_insert=1 back to a stock server's 0 for every HTTP session.
            assertThat(server.query("SELECT getSetting('async_insert')")).isEqualTo("false");
            server.query("CREATE TABLE numbers_copy (n UInt32) ENGINE = MergeTree ORDER BY n");
            server.query("INSERT INTO numbers_copy SELECT number FROM numbers(1000)");
            assertThat(server.query("SELECT count(), sum(n) FROM numbers_copy")).isEqualTo("1000\t499500");
        } finally {
            server.stop();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        assertThat(server.isAlive()).isFalse();
        assertThat(server.ping()).isFalse();
    }

    @Test
    void keepsDataAcrossARestartOnTheSameDirAndPort() {
        int port;
        try (ClickHouseServer first = ClickHouseServer.start(dir)) {
            port = first.httpPort();
            first.query("CREATE TABLE kept (n UInt8) ENGINE = MergeTree ORDER BY n");
            first.query("INSERT INTO kept VALUES (7)");
        }
        try (ClickHouseServer again = ClickHouseServer.start(dir, port)) {
            assertThat(again.httpPort()).isEqualTo(port);
            assertThat(again.query("SELECT n FROM kept")).isEqualTo("7");
        }
    }

    @Test
    void secondServerOnTheSameDirFailsFastWithClickHousesReason() {
        try (ClickHouseServer first = ClickHouseServer.start(dir)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> ClickHouseServer.start(dir))
                    .hasMessageContaining("exited")
                    .hasMessageContaining("Cannot lock file");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
            assertThat(first.ping()).isTrue();
        }
    }

    @Test
    void killedServerStopsAnsweringAndRestartsOnItsData() {
        ClickHouseServer server = ClickHouseServer.start(dir);
        server.query("CREATE TABLE survived (n UInt8) ENGINE = MergeTree ORDER BY n");
        server.query("INSERT INTO survived VALUES (1), (2)");
        server.kill();
        assertThat(server.isAlive()).isFalse();
        assertThat(server.ping()).isFalse();
        try (ClickHouseServer again = ClickHouseServer.start(dir, server.httpPort())) {
            assertThat(again.query("SELECT count() FROM survived")).isEqualTo("2");
        }
    }
}
