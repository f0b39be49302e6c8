package cn.xiaoneng.alerting.config;

import java.util.List;

/**
 * A node of the routing tree (as in Alertmanager): a card enters at the root and descends into the first child whose
 * matcher matches, or into every matching child up to the first without {@code continue}. The deepest matching
 * nodes decide; a node without an escalation inherits its parent's.
 *
 * @param path where the node is in the file ({@code route.routes[1]}), for dry-run and errors
 */
public record Route(String path, String name, Matcher match, String escalation, boolean continueMatching, List<Route> routes) {}
