package cn.xiaoneng.ingestion.mapping;

import cn.xiaoneng.model.Pseudonymizer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Not a test: a throughput probe of the Normalizer on the simulator's exchange-log records (what the pipeline bench's
 * "stage mapping" measures), printed, never asserted. Run by hand on a quiet machine, with a fixed heap (with a growing
 * default heap the steady rate of a run varies by up to 1.7× from one JVM to the next):
 * {@code java -Xms1g -Xmx1g -cp <test classpath> cn.xiaoneng.ingestion.mapping.MappingThroughputCheck [records] [rounds]}.
 */
public final class MappingThroughputCheck {
    private MappingThroughputCheck() {}

    public static void main(String[] args) {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        List<SimulatedEnvelopes.Raw> sample = SimulatedEnvelopes.ex(42, records);
        long bytes = sample.stream().mapToLong(r -> r.value().length).sum();
        System.out.printf("%,d records, %,d bytes on average%n", sample.size(), bytes / sample.size());
        Normalizer n = new Normalizer(MappingLoader.builtIns(), new Pseudonymizer("bench-key-0123456789".getBytes(StandardCharsets.UTF_8)));
        for (int round = 1; round <= rounds; round++) {
            long events = 0;
            long dead = 0;
            long start = System.nanoTime();
            for (int i = 0; i < sample.size(); i++) {
                Normalizer.Outcome o = n.normalize(SimulatedEnvelopes.TOPIC, 0, i, null, sample.get(i).value(), 0);
                events += o.events.size();
                dead += o.isDeadLetter() ? 1 : 0;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("round %d: %,10.0f records/s (%,d events, %,d dead letters)%n", round, sample.size() / seconds, events, dead);
        }
    }
}
