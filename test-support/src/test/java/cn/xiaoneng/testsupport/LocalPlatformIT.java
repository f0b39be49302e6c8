package cn.xiaoneng.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalPlatformIT {

    @Test
    void startsTheChosenServersInParallelAndStopsAllOfThemOnClose() {
        List<Long> pids;
        long t0 = System.nanoTime();
        try (LocalPlatform p = LocalPlatform.builder().postgres().kafka().clickHouse().start(TestDirs.fresh("platform"))) {
            System.out.printf("postgres+kafka+clickhouse ready in %d ms; per server: %s%n", (System.nanoTime() - t0) / 1_000_000,
                    p.startTimes());
            assertThat(p.endpoints()).containsOnlyKeys("postgres", "kafka", "clickhouse");
            assertThat(p.endpoints().get("clickhouse")).startsWith("http://127.0.0.1:");
            assertThat(p.clickHouse().query("SELECT 1").trim()).isEqualTo("1");
            assertThat(p.postgres().queryColumn("postgres", "SELECT 1")).containsExactly("1");
            assertThatThrownBy(p::mariaDb).hasMessageContaining("mariaDb() to LocalPlatform.builder()");
            pids = List.of(p.postgres().pid(), p.kafka().pid(), p.clickHouse().pid());
        }
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
    }

    @Test
    void aFailedStartStopsTheServersThatDidStart() throws Exception {
        assumeTrue(Commands.runningAsRoot(), "only root hands PostgreSQL to another OS user");
        // A 0700 parent: PostgreSQL (run as user postgres) cannot start, Kafka (run as us) can.
        Path locked = TestDirs.fresh("platform-locked");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        Path workDir = locked.resolve("work");

        assertThatThrownBy(() -> LocalPlatform.builder().postgres().kafka().start(workDir))
                .hasMessageContaining("cannot enter " + locked);

        assertThat(ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().orElse("").contains(workDir.toString())).toList()).isEmpty();
    }
}
