package cn.xiaoneng.alerting.config;

import cn.xiaoneng.alerting.alert.Levels;
import cn.xiaoneng.model.Times;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates a routing directory: {@value #RECEIVERS} (receivers, SMTP, SMS gateway, retries),
 * {@value #ROUTES} (defaults, links, escalations, the tree, always, inhibit) and the optional {@value #SILENCES}.
 * Everything is checked at start-up: unknown keys, bad durations and levels, references to receivers or escalations
 * that do not exist, secrets that cannot be resolved, and the rule that every 红牌 reaches a supervisory receiver.
 * Each error names the file and the key.
 */
public final class RoutingConfigLoader {
    public static final String RECEIVERS = "receivers.yaml";
    public static final String ROUTES = "routes.yaml";
    public static final String SILENCES = "silences.yaml";
    /** The center's directory of people, for receivers with {@code directory:}. */
    public static final String DIRECTORY = "people.yaml";
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> CHANNEL_TYPES = Set.of("webhook", "dingtalk", "wecom", "email", "sms");
    /** Receiver and person ids: they become parts of state keys and message ids ({@code handler@p-lina:3}). */
    private static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]*";
    private static final Set<String> EQUAL_LABELS = Set.of("center", "case", "department", "window");

    private final Map<String, String> env;

    public RoutingConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** With the process environment for {@code ${env:…}} secrets. */
    public RoutingConfigLoader() {
        this(System.getenv());
    }

    public RoutingConfig load(Path dir) {
        ConfigNode receiversFile = read(dir, RECEIVERS, true);
        ConfigNode routesFile = read(dir, ROUTES, true);
        ConfigNode silencesFile = read(dir, SILENCES, false);
        ConfigNode directoryFile = read(dir, DIRECTORY, false);
        Directory directory = directoryFile.missing() ? Directory.EMPTY : directory(directoryFile);

        ConfigNode routesRoot = routesFile.object(Set.of("defaults", "links", "escalations", "route", "always", "inhibit"));
        ConfigNode defaults = routesRoot.child("defaults");
        if (!defaults.missing()) {
            defaults.object(Set.of("groupWait", "groupInterval", "repeatInterval", "maxRepeats", "rateLimit", "summaryAbove",
                    "retention"));
        }
        Duration groupWait = defaults.child("groupWait").duration(Duration.ofSeconds(10));
        Duration groupInterval = defaults.child("groupInterval").duration(Duration.ofMinutes(5));
        Duration repeatInterval = defaults.child("repeatInterval").duration(Duration.ofHours(4));
        int maxRepeats = defaults.child("maxRepeats").integer(3, 0);
        int[] rate = rateLimit(defaults.child("rateLimit"), new int[] {30});
        Duration ratePer = ratePer(defaults.child("rateLimit"), Duration.ofHours(1));
        int summaryAbove = defaults.child("summaryAbove").integer(10, 1);
        Duration retention = defaults.child("retention").duration(Duration.ofDays(45));

        ConfigNode recRoot = receiversFile.object(Set.of("receivers", "smtp", "sms", "retry"));
        Map<String, RetryPolicy> retries = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> e : recRoot.child("retry").entries().entrySet()) {
            if (!CHANNEL_TYPES.contains(e.getKey())) {
                throw e.getValue().error("unknown channel type (one of " + String.join(", ", CHANNEL_TYPES) + ")");
            }
            ConfigNode r = e.getValue().object(Set.of("maxAttempts", "initialBackoff", "maxBackoff"));
            retries.put(e.getKey(), new RetryPolicy(r.child("maxAttempts").integer(RetryPolicy.DEFAULT.maxAttempts(), 1),
                    positive(r.child("initialBackoff"), RetryPolicy.DEFAULT.initialBackoff()),
                    positive(r.child("maxBackoff"), RetryPolicy.DEFAULT.maxBackoff())));
        }
        SmtpSettings smtp = null;
        ConfigNode smtpNode = recRoot.child("smtp");
        if (!smtpNode.missing()) {
            smtpNode.object(Set.of("host", "port", "username", "password", "from", "startTls"));
            smtp = new SmtpSettings(smtpNode.required("host").text(), smtpNode.required("port").integer(25, 1),
                    smtpNode.child("username").text(null),
                    smtpNode.child("password").missing() ? null : smtpNode.child("password").secret(env),
                    smtpNode.required("from").text(), smtpNode.child("startTls").bool(false));
        }
        SmsGateway sms = null;
        ConfigNode smsNode = recRoot.child("sms");
        if (!smsNode.missing()) {
            smsNode.object(Set.of("url", "contentType", "bodyTemplate", "textTemplate", "apiKeyHeader", "apiKey"));
            sms = new SmsGateway(url(smsNode.required("url")), smsNode.child("contentType").text("application/json"),
                    smsNode.required("bodyTemplate").text(),
                    smsNode.child("textTemplate").text(cn.xiaoneng.alerting.message.MessageRenderer.DEFAULT_SMS_TEMPLATE),
                    smsNode.child("apiKeyHeader").text("X-Api-Key"),
                    smsNode.child("apiKey").missing() ? null : smsNode.child("apiKey").secret(env));
        }

        Map<String, Receiver> receivers = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> e : recRoot.required("receivers").entries().entrySet()) {
            ConfigNode r = e.getValue().object(Set.of("label", "role", "directory", "fallback", "channels", "groupWait",
                    "groupInterval", "repeatInterval", "maxRepeats", "rateLimit", "summaryAbove"));
            if (!e.getKey().matches(ID)) {
                throw e.getValue().error("receiver ids are letters, digits, '-', '_' and '.'");
            }
            Receiver.Role role;
            try {
                role = Receiver.Role.valueOf(r.required("role").text());
            } catch (IllegalArgumentException ex) {
                throw r.child("role").error("must be one of HANDLER, WINDOW_LEAD, DEPARTMENT_LEADER, CENTER_OFFICE, SUPERVISORY");
            }
            Directory.Lookup lookup = null;
            if (!r.child("directory").missing()) {
                lookup = Directory.Lookup.ofKey(r.child("directory").text());
                if (lookup == null) {
                    throw r.child("directory").error("must be holder (经办人), windowLead (窗口负责人) or departmentLeader (部门领导)");
                }
                if (lookup.role() != role) {
                    throw r.child("directory").error(lookup.key() + " stands for role " + lookup.role() + ", not " + role);
                }
                if (directoryFile.missing()) {
                    throw r.child("directory").error("needs the directory of people, " + DIRECTORY + ", next to " + RECEIVERS);
                }
            } else if (!r.child("fallback").missing()) {
                throw r.child("fallback").error("only a receiver with 'directory' has a fallback");
            }
            List<ChannelConfig> channels = new ArrayList<>();
            for (ConfigNode c : r.required("channels").list()) {
                channels.add(lookup == null ? channel(c, smtp, sms) : personChannel(c, smtp, sms));
            }
            if (channels.isEmpty()) {
                throw r.child("channels").error("needs at least one channel");
            }
            receivers.put(e.getKey(), new Receiver(e.getKey(), r.child("label").text(e.getKey()), role, List.copyOf(channels),
                    r.child("groupWait").duration(groupWait), positive(r.child("groupInterval"), groupInterval),
                    positive(r.child("repeatInterval"), repeatInterval), r.child("maxRepeats").integer(maxRepeats, 0),
                    rateLimit(r.child("rateLimit"), rate)[0], ratePer(r.child("rateLimit"), ratePer),
                    r.child("summaryAbove").integer(summaryAbove, 1), lookup, r.child("fallback").text(null)));
        }
        for (Map.Entry<String, ConfigNode> e : recRoot.required("receivers").entries().entrySet()) {
            String fallback = receivers.get(e.getKey()).fallback();
            if (fallback != null && (!receivers.containsKey(fallback) || receivers.get(fallback).directory() != null)) {
                throw e.getValue().child("fallback").error(receivers.containsKey(fallback)
                        ? "'" + fallback + "' is itself a directory receiver: a fallback is a configured body or group"
                        : "no receiver named '" + fallback + "' in " + RECEIVERS);
            }
        }

        Map<String, EscalationPolicy> escalations = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> e : routesRoot.required("escalations").entries().entrySet()) {
            List<EscalationPolicy.Step> steps = new ArrayList<>();
            Duration previous = null;
            for (ConfigNode s : e.getValue().list()) {
                s.object(Set.of("after", "receivers"));
                Duration after = s.child("after").duration(Duration.ZERO);
                if (previous == null && !after.isZero()) {
                    throw s.child("after").error("the first step goes out at once (after: 0s or no 'after')");
                }
                if (previous != null && after.compareTo(previous) <= 0) {
                    throw s.child("after").error("must be later than the previous step's (" + Durations.format(previous)
                            + "): 'after' counts from when the card was first routed");
                }
                steps.add(new EscalationPolicy.Step(after, receiverRefs(s.required("receivers"), receivers)));
                previous = after;
            }
            if (steps.isEmpty()) {
                throw e.getValue().error("needs at least one step");
            }
            escalations.put(e.getKey(), new EscalationPolicy(e.getKey(), List.copyOf(steps)));
            List<ConfigNode> stepNodes = e.getValue().list();
            needsFallback(stepNodes.get(stepNodes.size() - 1).child("receivers"), steps.get(steps.size() - 1).receivers(),
                    receivers, "the last step");
        }

        ConfigNode rootNode = routesRoot.required("route");
        Route root = route(rootNode, escalations, true);

        List<AlwaysRule> always = new ArrayList<>();
        for (ConfigNode a : routesRoot.child("always").list()) {
            a.object(Set.of("match", "receivers"));
            always.add(new AlwaysRule(a.path, matcher(a.child("match")), receiverRefs(a.required("receivers"), receivers)));
            needsFallback(a.child("receivers"), always.get(always.size() - 1).receivers(), receivers, "an always rule");
        }
        boolean redReachesSupervisory = always.stream().anyMatch(a -> a.match().matchesEvery("DEADLINE", "RED", 3)
                && a.receivers().stream().anyMatch(r -> receivers.get(r).role() == Receiver.Role.SUPERVISORY));
        if (!redReachesSupervisory) {
            throw routesRoot.child("always").error("no rule sends every 红牌 to a SUPERVISORY receiver (监察机构); add e.g. "
                    + "'- match: {kind: RED}' with 'receivers: [<your 监察 receiver>]'");
        }

        List<InhibitRule> inhibitions = new ArrayList<>();
        Set<String> inhibitNames = new HashSet<>();
        for (ConfigNode i : routesRoot.child("inhibit").list()) {
            i.object(Set.of("name", "source", "target", "equal", "windows", "for"));
            String name = i.required("name").text();
            if (!inhibitNames.add(name)) {
                throw i.child("name").error("duplicate inhibition name " + name);
            }
            List<String> equal = i.child("equal").texts();
            for (String l : equal) {
                if (!EQUAL_LABELS.contains(l)) {
                    throw i.child("equal").error("unknown label " + l + " (one of center, case, department, window)");
                }
            }
            String windows = i.child("windows").text("any");
            if (!windows.equals("any") && !windows.equals("affected")) {
                throw i.child("windows").error("must be 'any' or 'affected'");
            }
            Duration activeFor = i.child("for").missing() ? null : positive(i.child("for"), null);
            inhibitions.add(new InhibitRule(name, matcher(i.required("source")), matcher(i.required("target")),
                    List.copyOf(equal), windows.equals("affected"), activeFor));
        }

        List<Silence> silences = silencesFile.missing() ? List.of() : silences(silencesFile, receivers);

        ConfigNode links = routesRoot.child("links");
        String tracking = null;
        if (!links.missing()) {
            links.object(Set.of("tracking"));
            tracking = links.child("tracking").missing() ? null : url(links.child("tracking"));
        }
        return new RoutingConfig(Map.copyOf(receivers), Map.copyOf(escalations), root, List.copyOf(always),
                List.copyOf(inhibitions), silences, Map.copyOf(retries), smtp, sms, tracking, retention, directory);
    }

    /** Reads only a silences file (the router reloads it while running). */
    public List<Silence> loadSilences(Path dir, Map<String, Receiver> receivers) {
        ConfigNode f = read(dir, SILENCES, false);
        return f.missing() ? List.of() : silences(f, receivers);
    }

    private List<Silence> silences(ConfigNode file, Map<String, Receiver> receivers) {
        ConfigNode root = file.object(Set.of("silences"));
        List<Silence> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigNode s : root.child("silences").list()) {
            Silence si = silence(s, receivers);
            if (!ids.add(si.id())) {
                throw s.child("id").error("duplicate silence id " + si.id());
            }
            out.add(si);
        }
        return List.copyOf(out);
    }

    /**
     * One silence given as JSON (the API's {@code POST /api/silences}, and its copy in the state topic), checked exactly
     * like an entry of {@value #SILENCES}; errors name {@code source} and the key.
     */
    public Silence silence(JsonNode json, String source, Map<String, Receiver> receivers) {
        return silence(new ConfigNode(source, "", json), receivers);
    }

    private Silence silence(ConfigNode s, Map<String, Receiver> receivers) {
        s.object(Set.of("id", "comment", "createdBy", "startsAt", "endsAt", "match", "receivers"));
        String id = s.required("id").text();
        if (!id.matches(ID)) {
            throw s.child("id").error("silence ids are letters, digits, '-', '_' and '.'");
        }
        long start = instant(s.required("startsAt"));
        long end = instant(s.required("endsAt"));
        if (end <= start) {
            throw s.child("endsAt").error("must be after startsAt");
        }
        List<String> recs = s.child("receivers").missing() ? List.of() : receiverRefs(s.child("receivers"), receivers);
        return new Silence(id, s.child("comment").text(""), s.required("createdBy").text(), start, end,
                matcher(s.required("match")), recs);
    }

    private Route route(ConfigNode n, Map<String, EscalationPolicy> escalations, boolean root) {
        n.object(root ? Set.of("name", "escalation", "routes") : Set.of("name", "match", "escalation", "continue", "routes"));
        String escalation = n.child("escalation").text(null);
        if (root && escalation == null) {
            throw n.child("escalation").error("is required at the root (the fallback for cards no child matches)");
        }
        if (escalation != null && !escalations.containsKey(escalation)) {
            throw n.child("escalation").error("no escalation named '" + escalation + "' (defined: "
                    + String.join(", ", escalations.keySet()) + ")");
        }
        List<Route> children = new ArrayList<>();
        for (ConfigNode c : n.child("routes").list()) {
            children.add(route(c, escalations, false));
        }
        Matcher match = root ? Matcher.ANY : matcher(n.required("match"));
        return new Route(n.path, n.child("name").text(n.path), match, escalation, n.child("continue").bool(false),
                List.copyOf(children));
    }

    private Matcher matcher(ConfigNode n) {
        n.object(Set.of("source", "center", "department", "window", "kind", "level", "confirmed"));
        Set<String> sources = set(n.child("source"));
        if (sources != null) {
            for (String s : sources) {
                if (!s.equals("DEADLINE") && !s.equals("INCIDENT")) {
                    throw n.child("source").error("must be DEADLINE or INCIDENT, got " + s);
                }
            }
        }
        Set<Integer> levels = null;
        ConfigNode l = n.child("level");
        if (!l.missing()) {
            levels = new LinkedHashSet<>();
            for (String t : l.texts()) {
                try {
                    if (t.startsWith(">=")) {
                        for (int v = Integer.parseInt(t.substring(2).strip()); v <= Levels.MAX; v++) {
                            levels.add(v);
                        }
                    } else if (t.startsWith("<=")) {
                        for (int v = Levels.MIN; v <= Integer.parseInt(t.substring(2).strip()); v++) {
                            levels.add(v);
                        }
                    } else {
                        int v = Integer.parseInt(t);
                        if (v < Levels.MIN || v > Levels.MAX) {
                            throw new NumberFormatException();
                        }
                        levels.add(v);
                    }
                } catch (NumberFormatException e) {
                    throw l.error("must be 1 … 4, '>=N' or '<=N' (or a list of those), got '" + t + "'");
                }
            }
            if (levels.isEmpty()) {
                throw l.error("matches no level 1 … 4");
            }
        }
        Boolean confirmed = n.child("confirmed").missing() ? null : n.child("confirmed").bool(false);
        return new Matcher(sources, set(n.child("center")), set(n.child("department")), set(n.child("window")),
                set(n.child("kind")), levels, confirmed);
    }

    private ChannelConfig channel(ConfigNode c, SmtpSettings smtp, SmsGateway sms) {
        String type = c.required("type").text();
        return switch (type) {
            case "webhook" -> {
                c.object(Set.of("type", "url", "hmacSecret"));
                yield new ChannelConfig.Webhook(url(c.required("url")), c.required("hmacSecret").secret(env));
            }
            case "dingtalk" -> {
                c.object(Set.of("type", "url", "accessToken", "signSecret"));
                yield new ChannelConfig.DingTalk(url(c.child("url").missing() ? null : c.child("url"),
                        "https://oapi.dingtalk.com/robot/send"), c.required("accessToken").secret(env),
                        c.child("signSecret").missing() ? null : c.child("signSecret").secret(env));
            }
            case "wecom" -> {
                c.object(Set.of("type", "url", "key"));
                yield new ChannelConfig.WeCom(url(c.child("url").missing() ? null : c.child("url"),
                        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send"), c.required("key").secret(env));
            }
            case "email" -> {
                c.object(Set.of("type", "to"));
                if (smtp == null) {
                    throw c.child("type").error("an email channel needs the 'smtp' section of " + RECEIVERS);
                }
                List<String> to = c.required("to").texts();
                for (String a : to) {
                    if (!a.matches("[^@\\s]+@[^@\\s]+")) {
                        throw c.child("to").error("not an email address: " + a);
                    }
                }
                yield new ChannelConfig.Email(List.copyOf(to));
            }
            case "sms" -> {
                c.object(Set.of("type", "to"));
                if (sms == null) {
                    throw c.child("type").error("an sms channel needs the 'sms' gateway section of " + RECEIVERS);
                }
                List<String> to = c.required("to").texts();
                for (String p : to) {
                    if (!p.matches("\\+?\\d{6,15}")) {
                        throw c.child("to").error("not a phone number: " + ChannelConfig.Sms.mask(p));
                    }
                }
                yield new ChannelConfig.Sms(List.copyOf(to));
            }
            default -> throw c.child("type").error("unknown channel type '" + type + "' (one of "
                    + String.join(", ", new java.util.TreeSet<>(CHANNEL_TYPES)) + ")");
        };
    }

    /**
     * A directory receiver with nobody to escalate to after it needs a {@code fallback}: a holder missing from the
     * directory must reach someone, not vanish.
     */
    private static void needsFallback(ConfigNode n, List<String> refs, Map<String, Receiver> receivers, String where) {
        for (String r : refs) {
            Receiver rec = receivers.get(r);
            if (rec.directory() != null && rec.fallback() == null) {
                throw n.error("'" + r + "' is a directory receiver in " + where + ": give it a 'fallback' in " + RECEIVERS
                        + " (who is told when the directory has nobody for a card)");
            }
        }
    }

    /** A channel of a directory receiver: email or SMS, addressed from the directory (no 'to'). */
    private ChannelConfig personChannel(ConfigNode c, SmtpSettings smtp, SmsGateway sms) {
        String type = c.required("type").text();
        if (type.equals("email") || type.equals("sms")) {
            c.object(Set.of("type"));
        }
        return switch (type) {
            case "email" -> {
                if (smtp == null) {
                    throw c.child("type").error("an email channel needs the 'smtp' section of " + RECEIVERS);
                }
                yield new ChannelConfig.Email(List.of());
            }
            case "sms" -> {
                if (sms == null) {
                    throw c.child("type").error("an sms channel needs the 'sms' gateway section of " + RECEIVERS);
                }
                yield new ChannelConfig.Sms(List.of());
            }
            default -> throw c.child("type").error("a directory receiver reaches people by email or sms (the address and "
                    + "phone come from " + DIRECTORY + "), not by " + type);
        };
    }

    /** Reads the directory: people, window leads, department leaders; every reference and handle checked. */
    private Directory directory(ConfigNode file) {
        ConfigNode root = file.object(Set.of("people", "windows", "departments"));
        Map<String, Person> people = new LinkedHashMap<>();
        Map<String, Map<String, String>> handles = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> e : root.required("people").entries().entrySet()) {
            ConfigNode p = e.getValue().object(Set.of("name", "department", "window", "phone", "email", "handles"));
            if (!e.getKey().matches(ID)) {
                throw e.getValue().error("person ids are letters, digits, '-', '_' and '.'");
            }
            String phone = p.child("phone").text(null);
            if (phone != null && !phone.matches("\\+?\\d{6,15}")) {
                throw p.child("phone").error("not a phone number: " + ChannelConfig.Sms.mask(phone) + " (quote it: \"138…\")");
            }
            String email = p.child("email").text(null);
            if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
                throw p.child("email").error("not an email address: " + email);
            }
            if (phone == null && email == null) {
                throw p.error("needs a phone or an email (how else is this person told?)");
            }
            String name = p.required("name").text();
            String department = p.required("department").text();
            List<String> hs = p.child("handles").missing() ? List.of(name) : p.child("handles").texts();
            Person person = new Person(e.getKey(), name, department, p.child("window").text(null), phone, email, List.copyOf(hs));
            Map<String, String> inDept = handles.computeIfAbsent(department, k -> new LinkedHashMap<>());
            for (String h : hs) {
                String other = inDept.putIfAbsent(h, e.getKey());
                if (other != null) {
                    throw p.child(p.child("handles").missing() ? "name" : "handles").error("'" + h + "' already names " + other
                            + " in department " + department + ": a card's 经办人 must lead to one person (list "
                            + "distinct 'handles', e.g. the staff account)");
                }
            }
            people.put(e.getKey(), person);
        }
        Map<String, String> windowLeads = leads(root.child("windows"), "lead", people);
        Map<String, String> departmentLeaders = leads(root.child("departments"), "leader", people);
        Map<String, Map<String, String>> frozen = new LinkedHashMap<>();
        handles.forEach((k, v) -> frozen.put(k, Map.copyOf(v)));
        return new Directory(Map.copyOf(people), windowLeads, departmentLeaders, Map.copyOf(frozen));
    }

    private static Map<String, String> leads(ConfigNode section, String key, Map<String, Person> people) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> e : section.entries().entrySet()) {
            ConfigNode n = e.getValue().object(Set.of(key));
            String id = n.required(key).text();
            if (!people.containsKey(id)) {
                throw n.child(key).error("no person '" + id + "' under people");
            }
            out.put(e.getKey(), id);
        }
        return Map.copyOf(out);
    }

    private static List<String> receiverRefs(ConfigNode n, Map<String, Receiver> receivers) {
        List<String> refs = n.texts();
        if (refs.isEmpty()) {
            throw n.error("needs at least one receiver");
        }
        for (String r : refs) {
            if (!receivers.containsKey(r)) {
                throw n.error("no receiver named '" + r + "' in " + RECEIVERS);
            }
        }
        return List.copyOf(refs);
    }

    private static Set<String> set(ConfigNode n) {
        return n.missing() ? null : Set.copyOf(n.texts());
    }

    private static Duration positive(ConfigNode n, Duration fallback) {
        Duration d = n.duration(fallback);
        if (d != null && (d.isZero() || d.isNegative())) {
            throw n.error("must be positive");
        }
        return d;
    }

    private static int[] rateLimit(ConfigNode n, int[] fallback) {
        if (n.missing()) {
            return fallback;
        }
        n.object(Set.of("max", "per"));
        return new int[] {n.required("max").integer(1, 1)};
    }

    private static Duration ratePer(ConfigNode n, Duration fallback) {
        return n.missing() ? fallback : positive(n.required("per"), fallback);
    }

    private static long instant(ConfigNode n) {
        try {
            return Times.parse(n.text());
        } catch (RuntimeException e) {
            throw n.error("must be an ISO-8601 instant with offset, e.g. 2026-02-15T00:00:00+08:00");
        }
    }

    private static String url(ConfigNode n) {
        return url(n, null);
    }

    private static String url(ConfigNode n, String fallback) {
        if (n == null) {
            return fallback;
        }
        String u = n.text();
        try {
            URI uri = URI.create(u.replace("{", "%7B").replace("}", "%7D"));
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            if (uri.getRawQuery() != null && uri.getRawQuery().matches("(?i).*(token|key|secret|sign)=.*")) {
                throw n.error("must not carry a token or key: give it as a secret (${env:…} or ${file:…})");
            }
        } catch (IllegalArgumentException e) {
            throw n.error("must be an http:// or https:// URL, got '" + u + "'");
        }
        return u;
    }

    private static ConfigNode read(Path dir, String name, boolean required) {
        Path f = dir.resolve(name);
        if (!Files.isRegularFile(f)) {
            if (required) {
                throw new ConfigException(f + ": not found (a routing directory has " + RECEIVERS + " and " + ROUTES + ")");
            }
            return new ConfigNode(f.toString(), "", null);
        }
        try {
            JsonNode n = YAML.readTree(f.toFile());
            return new ConfigNode(f.toString(), "", n);
        } catch (IOException e) {
            throw new ConfigException(f + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
