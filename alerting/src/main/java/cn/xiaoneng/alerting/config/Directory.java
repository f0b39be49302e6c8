package cn.xiaoneng.alerting.config;

import cn.xiaoneng.alerting.alert.Alert;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The center's directory of people ({@value RoutingConfigLoader#DIRECTORY}): who a card's holder (经办人) is, who leads
 * each window (窗口负责人) and who leads each department (部门领导, 分管领导). A receiver with {@code directory:} is a
 * template told through this: DOMAIN.md §2.4's ladders begin with the person (广东 eshore 即将到期个人提醒 →
 * 科室负责人 → 分管领导; "automatic SMS to 承办 and 审批 责任人"), not a group.
 *
 * @param handles department → handle (as the source wrote the 经办人) → person id
 */
public record Directory(Map<String, Person> people, Map<String, String> windowLeads, Map<String, String> departmentLeaders,
        Map<String, Map<String, String>> handles) {
    public static final Directory EMPTY = new Directory(Map.of(), Map.of(), Map.of(), Map.of());

    /** Whom a directory receiver stands for. */
    public enum Lookup {
        /** The card's holder (经办人): its {@code handler} in its department. */
        HOLDER("holder", Receiver.Role.HANDLER),
        /** The lead of each of the card's windows. */
        WINDOW_LEAD("windowLead", Receiver.Role.WINDOW_LEAD),
        /** The leader of each of the card's departments. */
        DEPARTMENT_LEADER("departmentLeader", Receiver.Role.DEPARTMENT_LEADER);

        private final String key;
        private final Receiver.Role role;

        Lookup(String key, Receiver.Role role) {
            this.key = key;
            this.role = role;
        }

        public String key() {
            return key;
        }

        public Receiver.Role role() {
            return role;
        }

        public static Lookup ofKey(String key) {
            for (Lookup l : values()) {
                if (l.key.equals(key)) {
                    return l;
                }
            }
            return null;
        }
    }

    /** The people a card resolves to for {@code lookup}, or why nobody. */
    public record Resolution(List<Person> people, String problem) {
        public boolean resolved() {
            return !people.isEmpty();
        }
    }

    public Resolution resolve(Lookup lookup, Alert a) {
        return switch (lookup) {
            case HOLDER -> holder(a);
            case WINDOW_LEAD -> leads(a.windowIds(), windowLeads, "window", "窗口负责人");
            case DEPARTMENT_LEADER -> leads(a.departmentIds(), departmentLeaders, "department", "部门领导");
        };
    }

    private Resolution holder(Alert a) {
        String handler = a.handler();
        if (handler == null || handler.isBlank()) {
            return new Resolution(List.of(), "the card names no holder (经办人)");
        }
        String dept = a.departmentId();
        String id = dept == null ? null : handles.getOrDefault(dept, Map.of()).get(handler);
        if (id == null && people.containsKey(handler)) {
            id = handler; // the source wrote the person id itself
        }
        if (id == null && dept == null) {
            Set<String> any = new LinkedHashSet<>();
            handles.values().forEach(m -> {
                if (m.containsKey(handler)) {
                    any.add(m.get(handler));
                }
            });
            if (any.size() == 1) {
                id = any.iterator().next();
            }
        }
        if (id == null) {
            return new Resolution(List.of(), "holder (经办人) '" + handler + "' of department " + (dept == null ? "—" : dept)
                    + " is not in " + RoutingConfigLoader.DIRECTORY);
        }
        return new Resolution(List.of(people.get(id)), null);
    }

    private Resolution leads(List<String> keys, Map<String, String> leads, String what, String label) {
        if (keys.isEmpty()) {
            return new Resolution(List.of(), "the card names no " + what);
        }
        List<Person> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String k : keys) {
            String id = leads.get(k);
            if (id == null) {
                missing.add(k);
            } else if (out.stream().noneMatch(p -> p.id().equals(id))) {
                out.add(people.get(id));
            }
        }
        if (out.isEmpty()) {
            return new Resolution(List.of(), "no " + label + " for " + what + " " + String.join(", ", missing) + " in "
                    + RoutingConfigLoader.DIRECTORY);
        }
        return new Resolution(List.copyOf(out), null);
    }
}
