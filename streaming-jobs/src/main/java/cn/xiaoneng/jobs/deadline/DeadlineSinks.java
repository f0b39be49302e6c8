package cn.xiaoneng.jobs.deadline;

import cn.xiaoneng.deadline.engine.Card;
import cn.xiaoneng.deadline.engine.TrackingTable;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Where the deadline job's outputs go: Kafka and ClickHouse in production, collecting sinks in tests. */
public interface DeadlineSinks {
    /** Cards, raised and retracted, in the order the engine emitted them per case. */
    void cards(DataStream<Card> cards);

    /** Each case's 跟踪表 after every change: the clock row and the step ledger. */
    void tracking(DataStream<TrackingTable> tracking);
}
