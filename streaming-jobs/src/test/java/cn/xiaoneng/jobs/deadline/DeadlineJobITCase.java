package cn.xiaoneng.jobs.deadline;

import static cn.xiaoneng.jobs.deadline.DeadlineFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.deadline.engine.Card;
import cn.xiaoneng.deadline.engine.CardStatus;
import cn.xiaoneng.deadline.engine.CaseTracker;
import cn.xiaoneng.deadline.engine.DeadlineEngine;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseEventCodec;
import cn.xiaoneng.model.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole deadline dataflow on a MiniCluster, on a replayed history of 300 cases (some completed late, some entered
 * days after they happened): the same history processed twice yields the same card records, none emitted twice, and
 * they are exactly the records the plain-Java engine ({@code deadline replay}) emits — raised and retracted alike. The
 * engine clock follows the data here (a replay: the wall clock is never "caught up").
 */
class DeadlineJobITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    /** Accepted in March 2026; completed (sometimes late, sometimes entered days later), supplemented or left open. */
    static List<CaseEvent> history(int cases, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<CaseEvent> events = new ArrayList<>();
        String[] limits = {"5WD", "20WD", "10ND", "IMMEDIATE"};
        for (int i = 0; i < cases; i++) {
            String id = String.format("C%04d", i);
            String limit = limits[random.nextInt(limits.length)];
            int day = 2 + random.nextInt(20);
            String acceptedAt = String.format("2026-03-%02dT%02d:%02d:00", day, 9 + random.nextInt(8), random.nextInt(60));
            events.add(event(EventType.ACCEPTED, id, limit, acceptedAt));
            if (random.nextInt(4) == 0) {
                events.add(event(EventType.SUPPLEMENT_REQUESTED, id, limit, plusHours(acceptedAt, 2)));
                events.add(event(EventType.SUPPLEMENT_RECEIVED, id, limit, plusHours(acceptedAt, 2 + 24 * (1 + random.nextInt(5)))));
            }
            int fate = random.nextInt(10);
            if (fate < 7) {
                CaseEvent completed = event(EventType.COMPLETED, id, limit, plusHours(acceptedAt, 3 + random.nextInt(24 * 25)));
                if (fate == 0) {
                    // A paper completion entered into the system days later.
                    enteredAt(completed, plusHours(acceptedAt, 24 * 30));
                }
                events.add(completed);
            }
        }
        events.sort(java.util.Comparator.comparingLong((CaseEvent e) -> e.sourceCommitTime).thenComparing(e -> e.eventId));
        return events;
    }

    private static String plusHours(String local, int hours) {
        return java.time.LocalDateTime.parse(local).plusHours(hours).toString();
    }

    @Test
    void theSameHistoryTwiceGivesTheSameCardsAndTheStandingOnesAreTheEngines() throws Exception {
        List<CaseEvent> history = history(300, 11);
        List<String> first = run(history);
        List<String> second = run(history);

        assertThat(second).isEqualTo(first);
        assertThat(new HashSet<>(first)).as("no card record emitted twice").hasSameSizeAs(first);
        List<String> replayed = new ArrayList<>(DeadlineEngine.replay(history, CaseTracker.perCenter(), OptionalLong.empty()).stream()
                .map(DeadlineJobITCase::describe).toList());
        replayed.sort(null);
        assertThat(first).isEqualTo(replayed);
        assertThat(standing(first)).hasSizeGreaterThan(100);
        assertThat(first).as("late entries retract cards").anyMatch(r -> r.contains("|" + CardStatus.RETRACTED + "|"));
    }

    /** Runs the job on the history (bounded: at the end the clock jumps to the end of time) and returns its card records, sorted. */
    private static List<String> run(List<CaseEvent> history) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // One ordered reader, as one Kafka partition is: a case's events in commit order.
        env.setParallelism(1);
        List<String> json = new ArrayList<>();
        CaseEventCodec codec = new CaseEventCodec();
        history.forEach(e -> json.add(new String(codec.encode(e), java.nio.charset.StandardCharsets.UTF_8)));
        DataGeneratorSource<CaseEvent> source = new DataGeneratorSource<>(new Decode(json), json.size(), RateLimiterStrategy.noOp(),
                TypeInformation.of(CaseEvent.class));
        EngineClock.Settings settings = new EngineClock.Settings(Duration.ofSeconds(5), Duration.ofMillis(400), Duration.ofSeconds(30),
                Duration.ofDays(3650));
        CollectedCards sinks = new CollectedCards();
        DeadlineJob.defineWorkflow(env, source, EngineClock.strategy(settings, () -> 0L),
                CaseTracker.perCenter(), Duration.ofDays(400), sinks);
        env.executeAsync("deadline-replay");
        List<String> out = new ArrayList<>();
        try (CloseableIterator<Card> cards = sinks.cards) {
            cards.forEachRemaining(c -> out.add(describe(c)));
        }
        out.sort(null);
        return out;
    }

    private static String describe(Card c) {
        return c.cardId + "|" + c.status + "|" + c.kind + "|" + c.instant + "|" + c.caseId;
    }

    private static Set<String> standing(List<String> records) {
        Set<String> retracted = new HashSet<>();
        records.stream().filter(r -> r.contains("|" + CardStatus.RETRACTED + "|")).forEach(r -> retracted.add(r.substring(0, r.indexOf('|'))));
        Set<String> out = new TreeSet<>();
        for (String r : records) {
            String id = r.substring(0, r.indexOf('|'));
            if (r.contains("|" + CardStatus.RAISED + "|") && !retracted.contains(id)) {
                out.add(r.replace("|" + CardStatus.RAISED + "|", "|"));
            }
        }
        return out;
    }

    static final class Decode implements GeneratorFunction<Long, CaseEvent> {
        private final List<String> json;
        private transient CaseEventCodec codec;

        Decode(List<String> json) {
            this.json = json;
        }

        @Override
        public CaseEvent map(Long index) {
            if (codec == null) {
                codec = new CaseEventCodec();
            }
            return codec.decode(json.get(index.intValue()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
