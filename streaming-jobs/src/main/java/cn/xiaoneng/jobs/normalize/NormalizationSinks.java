package cn.xiaoneng.jobs.normalize;

import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.DeadLetter;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Where the normalization outputs go: Kafka and ClickHouse in production, collecting sinks in tests. */
public interface NormalizationSinks {
    void caseEvents(DataStream<CaseEvent> events);

    void deadLetters(DataStream<DeadLetter> deadLetters);

    void receipts(DataStream<RawReceipt> receipts);

    void heartbeats(DataStream<SourceHeartbeat> heartbeats);
}
