package cn.xiaoneng.jobs.deadline;

import cn.xiaoneng.model.CaseEvent;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The deadline engine's clock: a watermark on the events' <b>commit time</b> ("everything the sources committed up to
 * T is known") that cannot stall.
 *
 * <p>Two requirements pull against each other. <i>Deterministic on replay</i>: reprocessing history must raise the
 * same cards, so while a partition is draining a backlog its clock follows its data only (latest commit time minus
 * {@code outOfOrderness}) — never the wall clock, or every card of the backlog would fall due before the facts that
 * close it were read. <i>Live</i>: a card must be raised within a second of its instant even when no event arrives (a
 * quiet night, an idle department), so a partition that is caught up follows the wall clock, {@code liveLag} behind.
 *
 * <p>A partition counts as caught up when its latest commit time is within {@code catchUp} of the wall clock, or when
 * it has been silent for {@code quietAfter} (a drained backlog, or a partition that never had data). The long quiet
 * period keeps a replay slowed by back-pressure from being mistaken for a caught-up partition.
 *
 * <p>What this costs, stated so operators know it: live, a fact that reaches the job more than {@code liveLag} after
 * its commit can arrive after a card it would have prevented; the card is then retracted (same id) — the replay
 * would not have raised it. With normalization lag at a few hundred ms this is rare, and it is visible (RETRACTED).
 *
 * <p>Wall time comes from a {@link WallClock}, so tests drive it. The clock only looks at the records' timestamps, so
 * every job with the same liveness requirement shares it (the incident job on facts, raw changes and case events).
 */
public final class EngineClock<T> implements WatermarkGenerator<T> {
    /** Milliseconds since the epoch, now. */
    @FunctionalInterface
    public interface WallClock extends Serializable {
        WallClock SYSTEM = System::currentTimeMillis;

        long now();
    }

    /** The clock's settings; defaults in {@link DeadlineOptions}. */
    public record Settings(Duration outOfOrderness, Duration liveLag, Duration catchUp, Duration quietAfter) implements Serializable {
    }

    private final long outOfOrderness;
    private final long liveLag;
    private final long catchUp;
    private final long quietAfter;
    private final WallClock wall;

    private long maxCommitTime = Long.MIN_VALUE;
    private long lastEventAt;
    private long emitted = Long.MIN_VALUE;

    public EngineClock(Settings s, WallClock wall) {
        this.outOfOrderness = s.outOfOrderness().toMillis();
        this.liveLag = s.liveLag().toMillis();
        this.catchUp = s.catchUp().toMillis();
        this.quietAfter = s.quietAfter().toMillis();
        this.wall = wall;
        this.lastEventAt = wall.now();
    }

    /** The strategy for the job's Kafka source: one clock per partition; Flink takes the minimum. */
    public static WatermarkStrategy<CaseEvent> strategy(Settings settings, WallClock wall) {
        return strategy(settings, wall, (e, recordTimestamp) -> e.sourceCommitTime);
    }

    /** The same clock for records of another type, on the commit time {@code timestamp} reads from each. */
    public static <T> WatermarkStrategy<T> strategy(Settings settings, WallClock wall, SerializableTimestampAssigner<T> timestamp) {
        return WatermarkStrategy.<T>forGenerator(context -> new EngineClock<>(settings, wall)).withTimestampAssigner(timestamp);
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        maxCommitTime = Math.max(maxCommitTime, eventTimestamp);
        lastEventAt = wall.now();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long candidate = current();
        if (candidate > emitted) {
            emitted = candidate;
            output.emitWatermark(new Watermark(candidate));
        }
    }

    /** The clock now (before it is made monotonic). */
    long current() {
        long now = wall.now();
        long fromData = maxCommitTime == Long.MIN_VALUE ? Long.MIN_VALUE : maxCommitTime - outOfOrderness - 1;
        boolean caughtUp = (maxCommitTime != Long.MIN_VALUE && now - maxCommitTime <= catchUp) || now - lastEventAt >= quietAfter;
        return caughtUp ? Math.max(fromData, now - liveLag) : fromData;
    }
}
