package cn.xiaoneng.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
    @Test
    void javaThreadsOfOneKindAddUp() {
        assertThat(ThreadCpu.javaGroup("Source: raw-changes -> normalize (2/2)#0")).isEqualTo("Source: raw-changes -> normalize");
        assertThat(ThreadCpu.javaGroup("dedupe + enrich by case (1/2)")).isEqualTo("dedupe + enrich by case");
        assertThat(ThreadCpu.javaGroup("kafka-producer-network-thread | producer-12")).isEqualTo("kafka-producer-network-thread | producer-#");
    }

    @Test
    void theJvmsOwnThreadsAreKnownByTheirLinuxNames() {
        assertThat(ThreadCpu.nativeGroup("C2 CompilerThre")).isEqualTo("jit: C2 compiler");
        assertThat(ThreadCpu.nativeGroup("C1 CompilerThre")).isEqualTo("jit: C1 compiler");
        assertThat(ThreadCpu.nativeGroup("GC Thread#1")).isEqualTo("gc: collector threads");
        assertThat(ThreadCpu.nativeGroup("G1 Refine#0")).isEqualTo("gc: collector threads");
        assertThat(ThreadCpu.nativeGroup("VM Thread")).isEqualTo("vm: VM thread (safepoints)");
        assertThat(ThreadCpu.nativeGroup("main")).isNull();
    }

    @Test
    void aBusyThreadShowsUnderItsJavaName() throws Exception {
        ThreadCpu cpu = new ThreadCpu();
        cpu.mark();
        Thread spinner = new Thread(() -> {
            long end = System.nanoTime() + 200_000_000L;
            long x = 0;
            while (System.nanoTime() < end) {
                x += end ^ x;
            }
            if (x == 42) {
                System.out.println(x);
            }
        }, "bench-test-spinner-7");
        spinner.start();
        Thread.sleep(150);
        Map<String, double[]> now = cpu.read();
        spinner.join();
        assertThat(now).containsKey("java: bench-test-spinner-#");
        assertThat(now.get("java: bench-test-spinner-#")[0]).isGreaterThan(0.05);
        assertThat(cpu.report(now, 1.0, 1000)).contains("java: bench-test-spinner-#");
    }
}
