package cn.xiaoneng.deadline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.EventType;
import cn.xiaoneng.model.Limit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CaseFactsTest {

    /** A realistic committed case: 受理, three steps, a 补正 pause, 办结, 领证; as the lc source reports it. */
    static CaseHistory typicalCase() {
        return CaseHistory.committed("LC20260302000001", "5WD").submitted("2026-03-02T09:31:12")
                .accepted("2026-03-02T09:40:05")
                .stepStarted("LC20260302000001-1", "承办", "王芳", "2026-03-02T10:02:41")
                .supplementRequested("2026-03-03T11:15:00").supplementReceived("2026-03-04T09:20:00")
                .stepCompleted("LC20260302000001-1", "承办", "王芳", "2026-03-04T15:30:00")
                .stepStarted("LC20260302000001-2", "审核", "李娜", "2026-03-04T15:51:10")
                .stepCompleted("LC20260302000001-2", "审核", "李娜", "2026-03-05T10:05:00")
                .stepStarted("LC20260302000001-3", "批准", "刘洋", "2026-03-05T10:30:00")
                .stepCompleted("LC20260302000001-3", "批准", "刘洋", "2026-03-05T16:00:00")
                .completed("2026-03-05T16:10:00").delivered("2026-03-06T10:00:00");
    }

    @Test
    void reEncodingAfterOnlyTheCardsChangedGivesTheBytesOfAFreshEncoding() {
        List<EmittedCard> first = List.of(new EmittedCard(CardKind.WARNING, "elapsed>=50%", 1_772_000_000_000L, "hn-cs-zwzx/2026.1"));
        List<EmittedCard> more = List.of(first.get(0), new EmittedCard(CardKind.DEEMED_CONSENT, "王芳", 1_773_000_000_000L, "hn-cs-zwzx/2026.1"),
                new EmittedCard(CardKind.STEP_OVERRUN, "LC20260302000001-1", 1_774_000_000_000L, "hn-cs-zwzx/2026.1"));
        CaseFacts facts = typicalCase().facts();
        // decoded, then only the emitted cards changed (a timer): the facts' bytes are reused, not re-encoded
        CaseFacts decoded = CaseFacts.decode(facts.withEmitted(first).encode());
        byte[] spliced = decoded.withEmitted(more).encode();
        byte[] fresh = CaseFacts.of(typicalCase().events()).withEmitted(more).encode();
        assertThat(spliced).isEqualTo(fresh);
        // encoded once, then cards changed twice; a card string that is also a fact string ("王芳", a handler) keeps its ref
        CaseFacts once = facts.withEmitted(first);
        once.encode();
        assertThat(once.withEmitted(more).encode()).isEqualTo(fresh);
        assertThat(CaseFacts.decode(spliced)).isEqualTo(facts.withEmitted(more));
        assertThat(decoded.withEmitted(List.of()).encode()).isEqualTo(CaseFacts.of(typicalCase().events()).encode());
    }

    @Test
    void factsAreKeptInBusinessTimeOrderWhateverTheArrivalOrder() {
        List<CaseEvent> events = new ArrayList<>(typicalCase().events());
        Collections.shuffle(events, new Random(7));
        CaseFacts facts = CaseFacts.of(events);
        assertThat(facts.facts()).isSortedAccordingTo(CaseFact.ORDER).hasSize(12);
        assertThat(facts).isEqualTo(typicalCase().facts());
    }

    @Test
    void factsWithTheSameBusinessTimeAreOrderedByEventId() {
        CaseHistory h = CaseHistory.committed("C", "5WD").accepted("2026-03-02T10:00");
        h.stepStarted("S1", "承办", "王芳", "2026-03-02T10:00");
        CaseFacts f = h.facts();
        assertThat(f.facts().get(0).eventId()).isLessThan(f.facts().get(1).eventId());
    }

    @Test
    void aDuplicateEventChangesNothing() {
        CaseHistory h = typicalCase();
        CaseFacts once = h.facts();
        CaseEvent again = h.events().get(3);
        assertThat(once.with(again)).isSameAs(once);
        CaseEvent sameIdOtherContent = h.events().get(3);
        sameIdOtherContent.businessTime += 3_600_000;
        assertThat(once.with(sameIdOtherContent)).isSameAs(once);
        assertThat(once.contains(again.eventId)).isTrue();
    }

    @Test
    void anEventOfAnotherCaseIsRefused() {
        CaseFacts f = typicalCase().facts();
        CaseEvent other = CaseHistory.committed("OTHER", "5WD").accepted("2026-03-02T10:00").last();
        assertThatThrownBy(() -> f.with(other)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OTHER");
    }

    @Test
    void encodeDecodeRoundTripsEveryField() {
        CaseHistory h = CaseHistory.joint("LB-1", "20WD", "zjj", "zrzy", "xf").accepted("2026-03-02T10:00")
                .stepStartedBy("xf", "X1", "消防审查", "冯涛", "2026-03-03T09:00")
                .absent("zrzy", "Z1", "2026-03-04T09:00")
                .suspended("专家评审", "2026-03-05T09:00").resumed("2026-03-06T09:00")
                .extension("15WD", "2026-03-20T10:00");
        CaseEvent odd = h.completed("2026-03-30T10:00").last();
        odd.eventId = "not-a-hex-id:é"; // ids are not always 32 hex: stored as text
        odd.reason = "办结 \u0001 with a control char and 𠀀 (outside the BMP)";
        odd.committedLimit = Limit.immediate();
        odd.legalLimit = Limit.naturalDays(30);
        odd.caseKind = CaseKind.URGENT;
        odd.businessTime = -5; // before 1970: deltas are signed
        odd.sourceCommitTime = Long.MAX_VALUE / 2;
        CaseFacts facts = CaseFacts.of(h.events()).withEmitted(List.of(
                new EmittedCard(CardKind.WARNING, "elapsed>=50%", 1_772_000_000_000L, "hn-cs-zwzx/2026.1"),
                new EmittedCard(CardKind.DEEMED_CONSENT, "xf", 1_773_000_000_000L, "hn-cs-zwzx/2026.1"),
                new EmittedCard(CardKind.YELLOW, "due", -1L, "old/1")));

        byte[] bytes = facts.encode();
        assertThat(bytes[0]).isEqualTo(CaseFacts.FORMAT_VERSION);
        CaseFacts back = CaseFacts.decode(bytes);
        assertThat(back).isEqualTo(facts);
        assertThat(back.facts()).isEqualTo(facts.facts());
        assertThat(back.emitted()).isEqualTo(facts.emitted());
        assertThat(back.caseId()).isEqualTo("LB-1");
        assertThat(back.centerId()).isEqualTo("hn-cs-zwzx");
        assertThat(back.encode()).as("deterministic").isEqualTo(bytes);
    }

    @Test
    void anEmptyStateRoundTrips() {
        CaseFacts empty = CaseFacts.empty("C", "hn-cs-zwzx");
        assertThat(CaseFacts.decode(empty.encode())).isEqualTo(empty);
    }

    @Test
    void equalStatesGiveEqualBytes() {
        List<CaseEvent> events = new ArrayList<>(typicalCase().events());
        byte[] a = CaseFacts.of(events).encode();
        Collections.reverse(events);
        byte[] b = CaseFacts.of(events).encode();
        assertThat(b).isEqualTo(a);
    }

    @Test
    void everyEventTypeHasAStoredCode() {
        CaseFacts f = CaseFacts.empty("C", "c");
        long t = 1_772_000_000_000L;
        for (EventType type : EventType.values()) {
            f = f.with(new CaseFact(String.format("%032x", type.ordinal()), type, t++, t, null, null, null, null, null, null, null,
                    null, null, null, null, null, null));
        }
        for (CaseKind k : CaseKind.values()) {
            f = f.with(new CaseFact("kind-" + k, EventType.SUBMITTED, t++, t, null, null, null, null, null, null, null, null, null, k,
                    null, null, null));
        }
        List<EmittedCard> cards = Arrays.stream(CardKind.values()).map(k -> new EmittedCard(k, "q", 1L, "v")).toList();
        f = f.withEmitted(cards);
        assertThat(CaseFacts.decode(f.encode())).isEqualTo(f);
    }

    @Test
    void aStateOfAnotherFormatVersionIsRefused() {
        byte[] bytes = typicalCase().facts().encode();
        bytes[0] = 2;
        assertThatThrownBy(() -> CaseFacts.decode(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("case state has format version 2; this build reads version 1");
        assertThatThrownBy(() -> CaseFacts.decode(new byte[0])).hasMessage("case state is empty");
    }

    @Test
    void aTruncatedOrPaddedStateIsRefused() {
        byte[] bytes = typicalCase().facts().encode();
        for (int cut = 1; cut < bytes.length; cut++) {
            byte[] part = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> CaseFacts.decode(part)).as("cut at " + cut).isInstanceOf(IllegalArgumentException.class);
        }
        byte[] padded = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> CaseFacts.decode(padded)).hasMessageContaining("1 bytes left over");
    }

    /**
     * The state-size estimate reported for the 1M-case benchmark: a typical case is a few hundred bytes, most of
     * it the 16-byte event ids and the string table (ids, names, reasons appear once).
     */
    @Test
    void aTypicalCaseIsSmall() {
        CaseFacts closed = typicalCase().facts();
        CaseFacts open = CaseFacts.of(typicalCase().events().subList(0, 6)).withEmitted(List.of(
                new EmittedCard(CardKind.WARNING, "elapsed>=50%", 1_772_000_000_000L, "hn-cs-zwzx/2026.1")));
        int closedSize = closed.encode().length;
        int openSize = open.encode().length;
        System.out.println("state size: typical closed case (12 facts) " + closedSize + " B, open case (6 facts, 1 card) " + openSize + " B");
        assertThat(closedSize).isLessThan(600);
        assertThat(openSize).isLessThan(400);
    }
}
