package cn.xiaoneng.app.bench;

import cn.xiaoneng.deadline.engine.Card;
import cn.xiaoneng.deadline.engine.CardStatus;
import cn.xiaoneng.deadline.engine.TrackingTable;
import cn.xiaoneng.jobs.deadline.DeadlineSinks;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Sinks that discard what the engine emits and count it (the job runs in the bench's JVM, so static counters do). The
 * cards sink also records the watermark each of its subtasks has seen: once it has passed T, the engine has fired every
 * timer up to T and processed every event emitted before it.
 */
final class BenchSinks implements DeadlineSinks {
    static final LongAdder RAISED = new LongAdder();
    static final LongAdder RETRACTED = new LongAdder();
    static final LongAdder TRACKING = new LongAdder();
    private static final Map<Integer, Long> WATERMARKS = new ConcurrentHashMap<>();
    static void reset() {
        RAISED.reset();
        RETRACTED.reset();
        TRACKING.reset();
        WATERMARKS.clear();
    }

    /** The engine's clock: the least watermark its subtasks have passed on; {@link Long#MIN_VALUE} until all have one. */
    static long engineClock(int parallelism) {
        if (WATERMARKS.size() < parallelism) {
            return Long.MIN_VALUE;
        }
        return WATERMARKS.values().stream().mapToLong(Long::longValue).min().orElse(Long.MIN_VALUE);
    }

    @Override
    public void cards(DataStream<Card> cards) {
        cards.sinkTo(new Counting<>(true)).name("cards → count");
    }

    @Override
    public void tracking(DataStream<TrackingTable> tracking) {
        tracking.sinkTo(new Counting<>(false)).name("跟踪表 → count");
    }

    private static final class Counting<T> implements Sink<T> {
        private static final long serialVersionUID = 1L;
        private final boolean cards;

        Counting(boolean cards) {
            this.cards = cards;
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            int subtask = context.getTaskInfo().getIndexOfThisSubtask();
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context ctx) {
                    if (!cards) {
                        TRACKING.increment();
                    } else if (((Card) element).status == CardStatus.RAISED) {
                        RAISED.increment();
                    } else {
                        RETRACTED.increment();
                    }
                }

                @Override
                public void writeWatermark(Watermark watermark) {
                    if (cards) {
                        WATERMARKS.put(subtask, watermark.getTimestamp());
                    }
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
