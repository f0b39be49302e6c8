package cn.xiaoneng.incident.engine;

import static cn.xiaoneng.incident.Instants.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.IncidentFactCodec;
import cn.xiaoneng.incident.IncidentHistory;
import cn.xiaoneng.incident.plan.IncidentPlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IncidentStateTest {
    private final IncidentTracker tracker = IncidentTracker.of(IncidentPlan.defaults(), WorkCalendar.china());

    private IncidentState substationWithCards() {
        IncidentState s = null;
        for (IncidentFact f : OutageScenarioTest.substation().pauseDeclared("2026-03-03T15:00", "中心主任 周强", "2026-03-03T14:00", null)
                .paperRegistered("2026-03-04T18:10", "W11", 14).facts()) {
            s = tracker.onFact(s, f, f.recordedAt).state();
        }
        return tracker.advance(s, at("2026-03-05T00:00")).state();
    }

    @Test
    void encodeAndDecodeRoundTripWithEqualBytesForEqualStates() {
        IncidentState s = substationWithCards();
        assertThat(s.emitted()).hasSize(5);
        IncidentState back = IncidentState.decode(s.encode());
        assertThat(back).isEqualTo(s);
        assertThat(back.encode()).isEqualTo(s.encode());
        assertThat(IncidentState.decode(IncidentState.empty("c", "i").encode())).isEqualTo(IncidentState.empty("c", "i"));
    }

    @Test
    void aLongIncidentIsSmall() {
        int bytes = substationWithCards().encode().length;
        int json = OutageScenarioTest.substation().facts().stream().mapToInt(f -> new IncidentFactCodec().encode(f).length).sum();
        // 11 facts (with notes and reporters in Chinese) and 5 raised cards
        assertThat(bytes).isLessThan(700).isLessThan(json / 2);
    }

    @Test
    void corruptForeignAndTruncatedStatesAreRefused() {
        byte[] good = substationWithCards().encode();
        byte[] foreign = good.clone();
        foreign[0] = 9;
        assertThatThrownBy(() -> IncidentState.decode(foreign)).hasMessageContaining("format version 9");
        assertThatThrownBy(() -> IncidentState.decode(Arrays.copyOf(good, good.length - 3))).isInstanceOf(IllegalArgumentException.class);
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> IncidentState.decode(trailing)).hasMessageContaining("trailing bytes");
        assertThatThrownBy(() -> IncidentState.decode(new byte[0])).hasMessageContaining("truncated");
    }

    @Test
    void theOrderFactsArriveInDoesNotChangeTheSchedule() {
        List<IncidentFact> facts = OutageScenarioTest.substation().facts();
        IncidentSchedule expected = schedule(facts);
        Random random = new Random(4);
        for (int i = 0; i < 50; i++) {
            List<IncidentFact> shuffled = new ArrayList<>(facts);
            Collections.shuffle(shuffled, random);
            shuffled.add(shuffled.get(random.nextInt(shuffled.size())).copy()); // a redelivery
            IncidentSchedule s = schedule(shuffled);
            assertThat(s.cards()).isEqualTo(expected.cards());
            assertThat(s.deadlines()).isEqualTo(expected.deadlines());
        }
    }

    @Test
    void replayingTwiceOrInAnyOrderGivesTheSameRecords() {
        List<IncidentFact> facts = new ArrayList<>(OutageScenarioTest.substation().facts());
        facts.addAll(OutageScenarioTest.foshanGaoming(cn.xiaoneng.incident.IncidentLevel.II).facts());
        long until = at("2026-12-31T00:00");
        List<IncidentCard> first = IncidentReplay.replay(facts, tracker, until);
        Collections.reverse(facts);
        assertThat(IncidentReplay.replay(facts, tracker, until)).isEqualTo(first);
        assertThat(first).hasSize(7);
    }

    private IncidentSchedule schedule(List<IncidentFact> facts) {
        IncidentState s = null;
        for (IncidentFact f : facts) {
            s = tracker.onFact(s, f, at("2026-03-05T00:00")).state();
        }
        return tracker.schedule(s);
    }

    @Test
    void aDuplicateFactIdKeepsTheFirstVersion() {
        IncidentHistory h = IncidentHistory.incident("X").detected("2026-03-03T10:00");
        IncidentState s = IncidentState.empty(IncidentHistory.CENTER, "X").with(h.facts().get(0));
        IncidentFact changed = h.facts().get(0);
        changed.note = "changed";
        assertThat(s.with(changed)).isSameAs(s);
    }
}
