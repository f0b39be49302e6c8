package cn.xiaoneng.alerting.config;

import static cn.xiaoneng.alerting.Fixtures.ENV;
import static cn.xiaoneng.alerting.Fixtures.routingDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory of people (people.yaml) and the receivers that reach people through it: refused with file and key. */
class DirectoryConfigTest {
    private static final List<String> FILES = List.of("receivers.yaml", "routes.yaml", "people.yaml");

    @TempDir
    Path dir;

    private RoutingConfig loadWith(String file, String from, String to) throws IOException {
        for (String f : FILES) {
            String text = Files.readString(routingDir("directory").resolve(f));
            if (f.equals(file)) {
                assertThat(text).contains(from);
                text = text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
            }
            Files.writeString(dir.resolve(f), text);
        }
        return new RoutingConfigLoader(ENV).load(dir);
    }

    @Test
    void theDirectoryLoadsWithHandlesLeadsAndLeaders() {
        RoutingConfig c = new RoutingConfigLoader(ENV).load(routingDir("directory"));
        Directory d = c.directory();
        assertThat(d.people()).containsKeys("scjg-lina", "scjg-wangfang", "scjg-liuyang", "scjg-chenjing");
        assertThat(d.handles().get("scjg")).containsEntry("李娜", "scjg-lina").containsEntry("lina01", "scjg-lina")
                .containsEntry("王芳", "scjg-wangfang");
        assertThat(d.windowLeads()).containsEntry("W02", "scjg-wangfang");
        assertThat(d.departmentLeaders()).containsEntry("scjg", "scjg-liuyang");
        assertThat(c.receiver("holder").directory()).isEqualTo(Directory.Lookup.HOLDER);
        assertThat(c.receiver("department-leader").fallback()).isEqualTo("center-office");
    }

    @Test
    void aPersonAsReceiverCarriesTheirOwnPhoneAndAddress() {
        RoutingConfig c = new RoutingConfigLoader(ENV).load(routingDir("directory"));
        Receiver lina = c.receiver("holder@scjg-lina");
        assertThat(lina.label()).isEqualTo("经办人 李娜");
        assertThat(lina.channels()).containsExactly(new ChannelConfig.Sms(List.of("13800000002")),
                new ChannelConfig.Email(List.of("lina@scjg.example.gov.cn")));
        assertThat(lina.channels().get(0).target()).isEqualTo("138****0002");
        // 陈静 has no phone: as holder she is told by email only
        assertThat(c.receiver("holder@scjg-chenjing").channels()).containsExactly(
                new ChannelConfig.Email(List.of("chenjing@scjg.example.gov.cn")));
        assertThat(c.receiver("holder@nobody")).isNull();
        assertThat(c.receiver("center-office@scjg-lina")).as("not a directory receiver").isNull();
    }

    @Test
    void aMistypedKeyInTheDirectoryIsNamed() {
        assertThatThrownBy(() -> loadWith("people.yaml", "    phone: \"13800000002\"", "    phnoe: \"13800000002\""))
                .isInstanceOf(ConfigException.class).hasMessageContaining("people.yaml: people.scjg-lina.phnoe: unknown key");
    }

    @Test
    void aLeadWhoIsNotInTheDirectoryIsRefused() {
        assertThatThrownBy(() -> loadWith("people.yaml", "W02: {lead: scjg-wangfang}", "W02: {lead: scjg-wangfan}"))
                .hasMessageContaining("people.yaml: windows.W02.lead: no person 'scjg-wangfan' under people");
    }

    @Test
    void aHandleNamingTwoPeopleOfOneDepartmentIsRefused() {
        assertThatThrownBy(() -> loadWith("people.yaml", "    name: 王芳\n", "    name: 王芳\n    handles: [王芳, lina01]\n"))
                .hasMessageContaining("people.yaml: people.scjg-wangfang.handles: 'lina01' already names scjg-lina in department scjg");
    }

    @Test
    void aBadPhoneIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> loadWith("people.yaml", "\"13800000002\"", "\"1380000x0002\""))
                .hasMessageContaining("people.yaml: people.scjg-lina.phone: not a phone number: 138****0002");
    }

    @Test
    void aDirectoryReceiverTakesItsAddressesFromTheDirectoryOnly() {
        assertThatThrownBy(() -> loadWith("receivers.yaml", "      - {type: sms}\n      - {type: email}",
                "      - {type: sms, to: [\"13900000000\"]}\n      - {type: email}"))
                .hasMessageContaining("receivers.yaml: receivers.holder.channels[0].to: unknown key");
        assertThatThrownBy(() -> loadWith("receivers.yaml", "      - {type: sms}\n      - {type: email}",
                "      - {type: webhook, url: \"http://127.0.0.1:9/x\"}"))
                .hasMessageContaining("receivers.yaml: receivers.holder.channels[0].type: a directory receiver reaches people by email or sms");
    }

    @Test
    void aDirectoryReceiverNeedsTheDirectory() throws IOException {
        for (String f : List.of("receivers.yaml", "routes.yaml")) {
            Files.copy(routingDir("directory").resolve(f), dir.resolve(f));
        }
        assertThatThrownBy(() -> new RoutingConfigLoader(ENV).load(dir))
                .hasMessageContaining("receivers.yaml: receivers.holder.directory: needs the directory of people, people.yaml");
    }

    @Test
    void aDirectoryReceiverMustMatchItsRole() {
        assertThatThrownBy(() -> loadWith("receivers.yaml", "directory: windowLead", "directory: departmentLeader"))
                .hasMessageContaining("receivers.yaml: receivers.window-lead.directory: departmentLeader stands for role DEPARTMENT_LEADER, not WINDOW_LEAD");
    }

    @Test
    void aDirectoryReceiverWithNobodyAfterItNeedsAFallback() {
        assertThatThrownBy(() -> loadWith("receivers.yaml", "    fallback: center-office", ""))
                .hasMessageContaining("routes.yaml: escalations.personal[2].receivers: 'department-leader' is a directory receiver "
                        + "in the last step: give it a 'fallback'");
        assertThatThrownBy(() -> loadWith("receivers.yaml", "fallback: center-office", "fallback: holder"))
                .hasMessageContaining("receivers.yaml: receivers.department-leader.fallback: 'holder' is itself a directory receiver");
    }
}
