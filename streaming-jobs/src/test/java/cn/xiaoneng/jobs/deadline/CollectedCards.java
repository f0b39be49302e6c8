package cn.xiaoneng.jobs.deadline;

import cn.xiaoneng.deadline.engine.Card;
import cn.xiaoneng.deadline.engine.TrackingTable;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.CloseableIterator;

/** Test sinks: the cards as an iterator the test reads while the job runs; the 跟踪表 discarded. */
final class CollectedCards implements DeadlineSinks {
    CloseableIterator<Card> cards;

    @Override
    public void cards(DataStream<Card> stream) {
        cards = stream.collectAsync();
    }

    @Override
    public void tracking(DataStream<TrackingTable> tracking) {
        tracking.sinkTo(new DiscardingSink<>());
    }
}
