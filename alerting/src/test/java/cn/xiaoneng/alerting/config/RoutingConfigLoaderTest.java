package cn.xiaoneng.alerting.config;

import static cn.xiaoneng.alerting.Fixtures.ENV;
import static cn.xiaoneng.alerting.Fixtures.routingDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingConfigLoaderTest {
    @TempDir
    Path dir;

    private RoutingConfig loadWith(String file, String from, String to) throws IOException {
        for (String f : new String[] {"receivers.yaml", "routes.yaml", "silences.yaml"}) {
            String text = Files.readString(routingDir("center").resolve(f));
            Files.writeString(dir.resolve(f), f.equals(file) ? replaceOnce(text, from, to) : text);
        }
        return new RoutingConfigLoader(ENV).load(dir);
    }

    private static String replaceOnce(String text, String from, String to) {
        assertThat(text).contains(from);
        return text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }

    @Test
    void theTestCentersFilesLoadWithTheirDefaultsAndOverrides() {
        RoutingConfig c = new RoutingConfigLoader(ENV).load(routingDir("center"));
        assertThat(c.receivers()).containsOnlyKeys("scjg-window", "scjg-leader", "center-office", "jiancha");
        assertThat(c.receiver("scjg-window").groupWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.receiver("scjg-leader").groupWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.receiver("center-office").rateMax()).isEqualTo(2);
        assertThat(c.escalations().get("scjg-ladder").steps()).extracting(EscalationPolicy.Step::after)
                .containsExactly(Duration.ZERO, Duration.ofHours(2), Duration.ofDays(1));
        assertThat(c.retry("webhook").maxAttempts()).isEqualTo(5);
        assertThat(c.retry("email")).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(c.silences()).extracting(Silence::id).containsExactly("spring-festival-closure");
        assertThat(c.root().routes().get(0).routes().get(0).path()).isEqualTo("route.routes[0].routes[0]");
    }

    @Test
    void aMistypedKeyIsRefusedNamingFileAndKey() {
        assertThatThrownBy(() -> loadWith("routes.yaml", "match: {department: scjg}", "match: {departement: scjg}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("routes.yaml: route.routes[0].match.departement: unknown key");
    }

    @Test
    void aBadLevelIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> loadWith("routes.yaml", "level: \">=3\"", "level: \">=x\""))
                .hasMessageContaining("routes.yaml: route.routes[1].match.level: must be 1 … 4");
    }

    @Test
    void anUnknownReceiverInAnEscalationIsRefused() {
        assertThatThrownBy(() -> loadWith("routes.yaml", "receivers: [scjg-leader]", "receivers: [scjg-lead]"))
                .hasMessageContaining("routes.yaml: escalations.scjg-ladder[1].receivers: no receiver named 'scjg-lead'");
    }

    @Test
    void escalationStepsMustComeLaterAndLater() {
        assertThatThrownBy(() -> loadWith("routes.yaml", "after: 1d", "after: 1h"))
                .hasMessageContaining("routes.yaml: escalations.scjg-ladder[2].after: must be later than the previous step's (2h)");
    }

    @Test
    void aConfigurationWhereARedCardMightMissTheSupervisoryBodyIsRefused() {
        assertThatThrownBy(() -> loadWith("routes.yaml", "  - match: {kind: RED}", "  - match: {kind: RED, department: scjg}"))
                .hasMessageContaining("routes.yaml: always: no rule sends every 红牌 to a SUPERVISORY receiver");
    }

    @Test
    void aSecretWrittenInTheFileIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> loadWith("receivers.yaml", "hmacSecret: \"${env:HOOK_SECRET}\"", "hmacSecret: \"s3cr3t-value\""))
                .hasMessageContaining("receivers.yaml: receivers.scjg-window.channels[0].hmacSecret: secrets must be ${env:NAME} or ${file:/path}")
                .hasMessageNotContaining("s3cr3t-value");
    }

    @Test
    void aMissingEnvironmentVariableIsNamed() {
        assertThatThrownBy(() -> new RoutingConfigLoader(Map.of()).load(routingDir("center")))
                .hasMessageContaining("receivers.yaml: receivers.scjg-window.channels[0].hmacSecret: environment variable HOOK_SECRET is not set");
    }

    @Test
    void aSecretComesFromAFileAndNeverShowsInText() throws IOException {
        Path f = Files.writeString(dir.resolve("hook.secret"), "from-file\n");
        Secret s = Secret.resolve("${file:" + f + "}", Map.of());
        assertThat(s.value()).isEqualTo("from-file");
        assertThat(s.toString()).doesNotContain("from-file").contains("file:");
    }

    @Test
    void aTokenInAUrlIsRefused() {
        assertThatThrownBy(() -> loadWith("receivers.yaml", "http://127.0.0.1:9/hooks/jiancha", "http://127.0.0.1:9/hooks/jiancha?access_token=abc"))
                .hasMessageContaining("receivers.yaml: receivers.jiancha.channels[0].url: must not carry a token");
    }

    @Test
    void aSilenceEndingBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> loadWith("silences.yaml", "endsAt: 2026-02-24T00:00:00+08:00", "endsAt: 2026-02-01T00:00:00+08:00"))
                .hasMessageContaining("silences.yaml: silences[0].endsAt: must be after startsAt");
    }

    @Test
    void durationsReadAndPrintBack() {
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.format(Duration.ofMillis(93_600_500))).isEqualTo("1d2h500ms");
        assertThatThrownBy(() -> Durations.parse("5x")).hasMessageContaining("not a duration");
    }
}
