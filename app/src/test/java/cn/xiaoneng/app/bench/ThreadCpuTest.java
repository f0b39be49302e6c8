package cn.xiaoneng.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.testsupport.Waits;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
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
        assertThat(ThreadCpu.nativeGroup("VM Periodic Tas")).isEqualTo("vm: periodic task thread");
        assertThat(ThreadCpu.nativeGroup("main")).isNull();
    }

    @Test
    void threadsLinuxCannotTellApartShareOneLabel() {
        String a = "java: " + ThreadCpu.javaGroup("clickhouse-sink ods_case_event 0");
        String b = "java: " + ThreadCpu.javaGroup("clickhouse-sink dws_throughput_minute 1");
        assertThat(ThreadCpu.linuxName("clickhouse-sink ods_case_event 0")).isEqualTo("clickhouse-sink");
        assertThat(ThreadCpu.sharedLabel(a, a)).isEqualTo(a);
        assertThat(ThreadCpu.sharedLabel(a, b)).isEqualTo("java: clickhouse-sink… (threads named alike)")
                .isEqualTo(ThreadCpu.sharedLabel(ThreadCpu.sharedLabel(a, b), b));
    }

    @Test
    void aBusyThreadShowsUnderItsJavaName() throws Exception {
        ThreadCpu cpu = new ThreadCpu();
        cpu.mark();
        AtomicBoolean stop = new AtomicBoolean();
        Thread spinner = new Thread(() -> {
            long x = 0;
            while (!stop.get()) {
                x += System.nanoTime() ^ x;
            }
            if (x == 42) {
                System.out.println(x);
            }
        }, "bench-test-spinner-7");
        spinner.start();
        try {
            Waits.until("the spinner's CPU time to show", Duration.ofSeconds(30), 20, () -> {
                double[] spun = cpu.read().get("java: bench-test-spinner-#");
                return spun != null && spun[0] > 0.05;
            });
            Map<String, double[]> now = cpu.read();
            assertThat(cpu.report(now, 1.0, 1000)).contains("java: bench-test-spinner-#");
        } finally {
            stop.set(true);
            spinner.join();
        }
    }
}
