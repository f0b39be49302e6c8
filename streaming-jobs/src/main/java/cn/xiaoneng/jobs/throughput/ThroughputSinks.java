package cn.xiaoneng.jobs.throughput;

import org.apache.flink.streaming.api.datastream.DataStream;

/** Where the throughput outputs go: ClickHouse in production, collecting sinks in tests. */
public interface ThroughputSinks {
    /** Rows of {@code dws_throughput_minute}: every emission of every bucket, versioned. */
    void minute(DataStream<ThroughputRow> rows);

    void hour(DataStream<ThroughputRow> rows);

    void day(DataStream<ThroughputRow> rows);

    /** Facts later than the allowed lateness, already counted (metric) and logged; in no row. */
    void lateFacts(DataStream<LateFact> late);
}
