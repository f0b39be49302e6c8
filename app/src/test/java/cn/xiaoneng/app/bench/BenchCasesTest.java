package cn.xiaoneng.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.xiaoneng.app.bench.BenchCases.BenchCase;
import cn.xiaoneng.deadline.calendar.CenterCalendars;
import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.EventType;
import cn.xiaoneng.model.Times;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiter;
import org.junit.jupiter.api.Test;

/** The benchmark's cases are the intended mix, and its source holds completions back the way the bench relies on. */
class BenchCasesTest {
    private final BenchCases cases = new BenchCases(42);

    @Test
    void casesFollowTheSimulatorsMixAndAreAcceptedInOfficeHoursOfTheWindow() {
        WorkCalendar calendar = CenterCalendars.forCenter(BenchCases.CENTER);
        Map<String, Integer> limits = new HashMap<>();
        Set<String> ids = new HashSet<>();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            BenchCase c = cases.caseAt(i);
            assertThat(ids.add(c.caseId())).as("case ids are unique").isTrue();
            limits.merge(c.item().committed().toString(), 1, Integer::sum);
            var accepted = Instant.ofEpochMilli(c.acceptedAt()).atZone(Times.CHINA);
            assertThat(calendar.isWorkingDay(accepted.toLocalDate())).isTrue();
            assertThat(cases.windowDays()).contains(accepted.toLocalDate());
            LocalTime t = accepted.toLocalTime();
            assertThat(t.isBefore(LocalTime.of(9, 0)) || t.isAfter(LocalTime.of(17, 30))
                    || (t.isAfter(LocalTime.of(12, 0)) && t.isBefore(LocalTime.of(13, 30)))).as("office hours: %s", t).isFalse();
            assertThat(c.stepStartedAt()).isBetween(c.acceptedAt() + 5 * 60_000, c.acceptedAt() + 60 * 60_000);
            assertThat(c.completes()).isEqualTo(i % 2 == 0);
            if (c.completes()) {
                assertThat(c.completedAt()).isGreaterThan(c.stepStartedAt()).isLessThan(cases.sweepEnd());
            }
            assertThat(c.departmentIds() != null).isEqualTo(c.item().kind() == CaseKind.JOINT);
        }
        assertThat(cases.windowDays()).hasSize(BenchCases.WINDOW_WORKING_DAYS);
        assertThat(cases.caseAt(123)).usingRecursiveComparison().isEqualTo(cases.caseAt(123));
        BenchCases.expectedLimitMix().forEach((limit, share) ->
                assertThat(limits.getOrDefault(limit, 0) / (double) n).as(limit).isCloseTo(share, within(0.015)));
        assertThat(BenchCases.expectedLimitMix()).containsKeys("IMMEDIATE", "5WD", "20WD", "20ND");
    }

    @Test
    void eventsCarryWhatTheEngineReads() {
        BenchCase c = cases.caseAt(0);
        CaseEvent accepted = cases.accepted(c);
        assertThat(accepted.eventType).isEqualTo(EventType.ACCEPTED);
        assertThat(accepted.committedLimit).isEqualTo(c.item().committed());
        assertThat(accepted.caseKind).isEqualTo(c.item().kind());
        assertThat(accepted.eventId).matches("[0-9a-f]{32}");
        CaseEvent step = cases.stepStarted(c);
        assertThat(step.stepName).isIn("承办", "办理");
        CaseEvent done = cases.completed(c);
        assertThat(done.eventType).isEqualTo(EventType.COMPLETED);
        assertThat(done.businessTime).isEqualTo(c.completedAt());
        assertThat(List.of(accepted.eventId, step.eventId, done.eventId)).doesNotHaveDuplicates();
    }

    @Test
    void eachReaderLoadsItsCasesThenReleasesItsCompletionsInTimeOrderAsTheClockPassesThem() throws Exception {
        int perReader = 40;
        BenchFeed feed = new BenchFeed(cases, 2, perReader);
        BenchFeed.reset(cases.windowStart());
        RateLimiter<?> limiter = feed.createRateLimiter(2);
        WatermarkGenerator<CaseEvent> watermarks = feed.clock().createWatermarkGenerator(null);
        List<Long> emitted = new ArrayList<>();
        WatermarkOutput output = new WatermarkOutput() {
            @Override
            public void emitWatermark(Watermark w) {
                emitted.add(w.getTimestamp());
            }

            @Override
            public void markIdle() {
            }

            @Override
            public void markActive() {
            }
        };
        long split = 1;
        long first = split * (feed.count() / 2);
        for (long k = 0; k < feed.loadPerSplit(); k++) {
            assertThat(limiter.acquire().toCompletableFuture()).isDone();
            CaseEvent e = feed.map(first + k);
            assertThat(e.eventType).isEqualTo(k % 2 == 0 ? EventType.ACCEPTED : EventType.STEP_STARTED);
            assertThat(e.caseId).isEqualTo(cases.caseAt(split * perReader + k / 2).caseId());
        }
        watermarks.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(cases.windowStart());
        CompletableFuture<Void> held = limiter.acquire().toCompletableFuture();
        assertThat(held).as("completions wait for the bench").isNotDone();

        BenchFeed.openCompletions();
        long last = Long.MIN_VALUE;
        for (long j = 0; j < feed.completionsPerSplit(); j++) {
            assertThat(limiter.acquire().toCompletableFuture()).as("not due yet").isNotDone();
            BenchFeed.advance(cases.sweepEnd());
            watermarks.onPeriodicEmit(output);
            assertThat(limiter.acquire().toCompletableFuture()).as("due").isDone();
            CaseEvent done = feed.map(first + feed.loadPerSplit() + j);
            assertThat(done.eventType).isEqualTo(EventType.COMPLETED);
            assertThat(emitted.get(emitted.size() - 1)).as("the watermark waits below the completion not yet emitted")
                    .isEqualTo(done.businessTime - 1);
            assertThat(done.businessTime).isGreaterThan(last);
            last = done.businessTime;
            BenchFeed.CLOCK.set(last); // back to this completion's time: the next one is not due yet
        }
        assertThat(BenchFeed.COMPLETIONS_FED.sum()).isEqualTo(perReader / 2);
        BenchFeed.advance(Long.MAX_VALUE);
        assertThat(limiter.acquire().toCompletableFuture()).as("the last record never goes: the source never ends").isNotDone();
    }
}
