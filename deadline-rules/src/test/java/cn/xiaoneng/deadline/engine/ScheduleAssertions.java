package cn.xiaoneng.deadline.engine;

import cn.xiaoneng.model.Times;
import java.util.List;

/** Short text forms of cards for readable assertions: {@code "YELLOW due 2026-02-28T00:00:00+08:00"}. */
final class ScheduleAssertions {
    private ScheduleAssertions() {}

    static CardSchedule schedule(CaseHistory h) {
        return CardSchedule.compute(h.facts(), DeadlinePolicy.defaults(), CaseHistory.CHINA);
    }

    static CardSchedule schedule(CaseHistory h, DeadlinePolicy policy) {
        return CardSchedule.compute(h.facts(), policy, CaseHistory.CHINA);
    }

    static List<String> lines(CardSchedule s) {
        return lines(s.cards());
    }

    static List<String> lines(List<Card> cards) {
        return cards.stream().map(ScheduleAssertions::line).toList();
    }

    static String line(Card c) {
        return (c.status == CardStatus.RETRACTED ? "RETRACTED " : "") + c.kind + " " + c.qualifier + " " + Times.format(c.instant);
    }

    static Card only(CardSchedule s, CardKind kind) {
        List<Card> found = s.cards().stream().filter(c -> c.kind == kind).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " card, got " + lines(found));
        }
        return found.get(0);
    }

    static long hours(double h) {
        return (long) (h * 3_600_000L);
    }
}
