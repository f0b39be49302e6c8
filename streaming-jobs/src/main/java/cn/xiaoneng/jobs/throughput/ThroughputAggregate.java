package cn.xiaoneng.jobs.throughput;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Counts the facts of one bucket by event type and collects the handling times of completions. */
public class ThroughputAggregate implements AggregateFunction<ThroughputFact, ThroughputAccumulator, ThroughputAccumulator> {
    private static final long serialVersionUID = 1L;

    @Override
    public ThroughputAccumulator createAccumulator() {
        return new ThroughputAccumulator();
    }

    @Override
    public ThroughputAccumulator add(ThroughputFact f, ThroughputAccumulator acc) {
        switch (f.eventType) {
            case ACCEPTED -> acc.accepted++;
            case COMPLETED -> {
                acc.completed++;
                if (f.handlingSeconds >= 0) {
                    acc.addHandling(f.handlingSeconds);
                }
            }
            case RETURNED -> acc.returned++;
            case NOT_ACCEPTED -> acc.notAccepted++;
            case WITHDRAWN -> acc.withdrawn++;
            case SUPPLEMENT_REQUESTED -> acc.supplementRequested++;
            // CaseEnricher emits only the counted types; anything else would be a wiring error, not data.
            default -> throw new IllegalArgumentException("not a counted event type: " + f);
        }
        acc.facts++;
        return acc;
    }

    @Override
    public ThroughputAccumulator getResult(ThroughputAccumulator acc) {
        return acc;
    }

    @Override
    public ThroughputAccumulator merge(ThroughputAccumulator a, ThroughputAccumulator b) {
        ThroughputAccumulator m = new ThroughputAccumulator();
        for (ThroughputAccumulator x : new ThroughputAccumulator[] {a, b}) {
            m.accepted += x.accepted;
            m.completed += x.completed;
            m.returned += x.returned;
            m.notAccepted += x.notAccepted;
            m.withdrawn += x.withdrawn;
            m.supplementRequested += x.supplementRequested;
            m.facts += x.facts;
            for (int i = 0; i < x.handled; i++) {
                m.addHandling(x.handlingSeconds[i]);
            }
        }
        return m;
    }
}
