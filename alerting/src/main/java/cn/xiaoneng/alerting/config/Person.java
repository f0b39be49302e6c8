package cn.xiaoneng.alerting.config;

import java.util.List;

/**
 * One person of the center's directory ({@value RoutingConfigLoader#DIRECTORY}): how to reach them and where they
 * work. Phone numbers and addresses are personal data: they are read from the directory at send time, never stored
 * in the router's state, and phones are masked in the audit trail.
 *
 * @param handles how the departmental systems write this person as 经办人 on a case (a name, a staff account); cards
 *     name their holder this way (docs/canonical-events.md: {@code handler} "as the source wrote it")
 */
public record Person(String id, String name, String department, String window, String phone, String email,
        List<String> handles) {}
