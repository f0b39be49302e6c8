package cn.xiaoneng.app.bench;

import cn.xiaoneng.model.CaseEvent;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource.NumberSequenceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiter;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * The deadline benchmark's event stream and clock, as one {@link DataGeneratorSource}. The job runs in the bench's own
 * JVM (a local MiniCluster), so the bench steers it through the static fields here: {@link #CLOCK} (the engine's clock:
 * every source reader emits it as its watermark), {@link #openCompletions()} and {@link #tick()}.
 *
 * <p>The sequence is cut into one split per reader (the generator source splits {@code [0, count)} evenly, one split
 * per reader). Split {@code s} holds cases {@code s·perSplit …}: first the load (an ACCEPTED and a STEP_STARTED event
 * per case), then the completions of its even cases in order of business time, then one record that is never released,
 * so the source never ends (a bounded source ending would move the clock to the end of time and fire every timer).
 *
 * <p>This object is the generator function and the rate-limiter strategy of the source, and the watermark generators
 * hold it too. Flink ships the source and its watermark strategy to each reader as one serialized object graph, so
 * each reader's limiter and watermarks see its own generator's position. The limiter holds the completions until the
 * bench opens them, then releases each once {@link #CLOCK} has reached its business time; the watermark stays below the
 * next completion not yet emitted. So, as live, a completion reaches the engine before its clock passes the completion's
 * business time (a live fact arrives within the clock's lag), and the cards it prevents are not raised and retracted.
 */
final class BenchFeed implements GeneratorFunction<Long, CaseEvent>, RateLimiterStrategy<NumberSequenceSplit> {
    private static final long serialVersionUID = 1L;

    /** The engine's clock (business time, epoch ms), set by the bench, emitted by every reader as its watermark. */
    static final AtomicLong CLOCK = new AtomicLong(Long.MIN_VALUE);
    /** Completions fed so far. */
    static final LongAdder COMPLETIONS_FED = new LongAdder();
    private static volatile CompletableFuture<Void> completionsOpen = new CompletableFuture<>();
    private static volatile CompletableFuture<Void> tick = new CompletableFuture<>();
    private static final CompletableFuture<Void> NEVER = new CompletableFuture<>();
    private static final CompletableFuture<Void> NOW = CompletableFuture.completedFuture(null);
    private static final int HALF_BITS = 22;

    private final BenchCases cases;
    private final int splits;
    private final long casesPerSplit;

    // Per reader (transient: zero after deserialization, i.e. at the start of split 0's load).
    private transient long split;
    private transient long next;
    /** The split's completions in order: (completion time - window start) << HALF_BITS | local case index / 2. */
    private transient long[] completions;
    private transient long completionsOfSplit;
    private transient long watermarks;

    /** @param casesPerSplit even, so that each split completes exactly half its cases */
    BenchFeed(BenchCases cases, int splits, long casesPerSplit) {
        if (casesPerSplit % 2 != 0 || casesPerSplit / 2 >= 1L << HALF_BITS) {
            throw new IllegalArgumentException("cases per reader must be even and below " + (2L << HALF_BITS) + ": " + casesPerSplit);
        }
        this.cases = cases;
        this.splits = splits;
        this.casesPerSplit = casesPerSplit;
    }

    /** The source: {@code splits} readers, each with its split. */
    DataGeneratorSource<CaseEvent> source() {
        return new DataGeneratorSource<>(this, count(), this, TypeInformation.of(CaseEvent.class));
    }

    /** Watermarks: the bench's {@link #CLOCK}, held below this reader's next completion not yet emitted. */
    WatermarkStrategy<CaseEvent> clock() {
        BenchFeed feed = this;
        return WatermarkStrategy.<CaseEvent>forGenerator(context -> new ClockWatermarks(feed)).withTimestampAssigner((e, t) -> e.sourceCommitTime);
    }

    /** Resets the shared state for a new run and holds the clock at {@code at}. */
    static void reset(long at) {
        CLOCK.set(at);
        COMPLETIONS_FED.reset();
        completionsOpen = new CompletableFuture<>();
        tick = new CompletableFuture<>();
    }

    static void openCompletions() {
        completionsOpen.complete(null);
    }

    /** Moves the clock to {@code at} and lets waiting readers look again. */
    static void advance(long at) {
        CLOCK.set(at);
        CompletableFuture<Void> previous = tick;
        tick = new CompletableFuture<>();
        previous.complete(null);
    }

    long loadPerSplit() {
        return 2 * casesPerSplit;
    }

    long completionsPerSplit() {
        return casesPerSplit / 2;
    }

    long count() {
        return splits * (loadPerSplit() + completionsPerSplit() + 1);
    }

    @Override
    public CaseEvent map(Long index) {
        long perSplit = loadPerSplit() + completionsPerSplit() + 1;
        long s = index / perSplit;
        long k = index % perSplit;
        split = s;
        next = k + 1;
        if (k < loadPerSplit()) {
            BenchCases.BenchCase c = cases.caseAt(s * casesPerSplit + k / 2);
            return k % 2 == 0 ? cases.accepted(c) : cases.stepStarted(c);
        }
        long j = k - loadPerSplit();
        if (j >= completionsPerSplit() || !completionsOpen.isDone() || watermarks == 0) {
            // The limiter must have held this record, and the watermarks must have asked for the position.
            throw new IllegalStateException("record " + index + " was released before its time: the limiter or the watermarks "
                    + "do not see this reader's generator");
        }
        long local = 2 * (completionOrder(s)[(int) j] & ((1L << HALF_BITS) - 1));
        COMPLETIONS_FED.increment();
        return cases.completed(cases.caseAt(s * casesPerSplit + local));
    }

    /** When the next record may go: now during the load; a completion once opened and due; the last record never. */
    private CompletableFuture<Void> gate() {
        if (next < loadPerSplit()) {
            return NOW;
        }
        long j = next - loadPerSplit();
        if (j >= completionsPerSplit()) {
            return NEVER;
        }
        if (!completionsOpen.isDone()) {
            return completionsOpen;
        }
        CompletableFuture<Void> waitFor = tick;
        return CLOCK.get() >= cases.windowStart() + (completionOrder(split)[(int) j] >>> HALF_BITS) ? NOW : waitFor;
    }

    /** This reader's watermark: the clock, but below the next completion it has yet to emit. */
    private long watermark() {
        watermarks++;
        long clock = CLOCK.get();
        long j = next - loadPerSplit();
        if (j < 0 || j >= completionsPerSplit()) {
            return clock;
        }
        return Math.min(clock, cases.windowStart() + (completionOrder(split)[(int) j] >>> HALF_BITS) - 1);
    }

    private long[] completionOrder(long s) {
        if (completions == null || completionsOfSplit != s) {
            long[] order = new long[(int) completionsPerSplit()];
            for (int h = 0; h < order.length; h++) {
                BenchCases.BenchCase c = cases.caseAt(s * casesPerSplit + 2L * h);
                order[h] = (c.completedAt() - cases.windowStart()) << HALF_BITS | h;
            }
            Arrays.sort(order);
            completions = order;
            completionsOfSplit = s;
        }
        return completions;
    }

    @Override
    public RateLimiter<NumberSequenceSplit> createRateLimiter(int parallelism) {
        return new RateLimiter<>() {
            @Override
            public CompletionStage<Void> acquire() {
                return gate();
            }

            @Override
            public CompletionStage<Void> acquire(int records) {
                return gate();
            }
        };
    }

    /** Emits the reader's {@link #watermark()} on every periodic emit, when it has moved. */
    static final class ClockWatermarks implements WatermarkGenerator<CaseEvent> {
        private final BenchFeed feed;
        private long emitted = Long.MIN_VALUE;

        ClockWatermarks(BenchFeed feed) {
            this.feed = feed;
        }

        @Override
        public void onEvent(CaseEvent event, long eventTimestamp, WatermarkOutput output) {
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            long now = feed.watermark();
            if (now > emitted) {
                emitted = now;
                output.emitWatermark(new Watermark(now));
            }
        }
    }
}
