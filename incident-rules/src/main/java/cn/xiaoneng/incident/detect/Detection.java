package cn.xiaoneng.incident.detect;

import cn.xiaoneng.incident.IncidentFact;
import java.util.List;
import java.util.OptionalLong;

/**
 * What a detector tells the job after an observation or a clock advance.
 *
 * @param state      the watch's new state (store it)
 * @param changed    whether it differs from the state passed in
 * @param facts      incident facts to publish (to the incident facts topic, keyed by center/incident), in order
 * @param nextWakeUp when to call {@code advance} next if nothing is observed before; empty = only an observation can
 *                   change anything
 */
public record Detection<S>(S state, boolean changed, List<IncidentFact> facts, OptionalLong nextWakeUp) {

    public Detection {
        facts = List.copyOf(facts);
    }
}
