package cn.xiaoneng.incident.engine;

import cn.xiaoneng.deadline.engine.CardStatus;
import cn.xiaoneng.incident.Instants;
import java.util.List;

/** Cards and deadline checks as short lines for readable assertions. */
final class CardLines {
    private CardLines() {}

    static List<String> lines(List<IncidentCard> cards) {
        return cards.stream().map(c -> (c.status == CardStatus.RETRACTED ? "RETRACTED " : "") + c.kind + " " + c.qualifier + " "
                + Instants.text(c.instant)).toList();
    }

    static List<String> checks(IncidentSchedule s) {
        return s.deadlines().stream().map(d -> d.qualifier() + " " + d.status() + (d.due() == null ? "" : " due " + Instants.text(d.due()))
                + (d.actual() == null ? "" : " actual " + Instants.text(d.actual()))).toList();
    }
}
