package cn.xiaoneng.alerting.engine;

import static cn.xiaoneng.alerting.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.alerting.alert.Alert;
import cn.xiaoneng.deadline.engine.CardKind;
import org.junit.jupiter.api.Test;

/**
 * Receivers that are people from the directory (routing/directory): the card's holder at once by SMS and email, the
 * window's lead after 2 h, the department's leader after 1 d; somebody missing is audited and escalates at once.
 */
class DirectoryRoutingTest {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private final EngineHarness h = new EngineHarness(directoryConfig(), MON_0900);

    private static Alert yellow(String caseId, String window, String handler) {
        return alert(card(CardKind.YELLOW, caseId, MON_0900, "scjg", window, handler));
    }

    @Test
    void theHolderIsToldPersonallyBySmsAndEmail() {
        Alert a = yellow("LC1", "W02", "李娜");
        h.feed(a);
        h.advanceTo(MON_0900);
        assertThat(h.to("holder@scjg-lina")).extracting(EngineHarness.Sent::channel).containsExactly("sms", "email");
        assertThat(h.to("holder@scjg-lina").get(0)).satisfies(s -> {
            assertThat(s.at()).isEqualTo(MON_0900);
            assertThat(s.cards()).containsExactly(a.cardId());
            assertThat(s.notification().id).isEqualTo("holder@scjg-lina:1");
        });
        assertThat(h.audit(AuditEvent.Type.DELIVERED)).extracting(AuditEvent::target)
                .containsExactly("138****0002", "lina@scjg.example.gov.cn");
        assertThat(h.audit(AuditEvent.Type.UNRESOLVED)).isEmpty();
    }

    @Test
    void aHolderWrittenByTheirStaffAccountIsTheSamePerson() {
        h.feed(yellow("LC1", "W02", "lina01"));
        h.feed(yellow("LC2", "W02", "李娜"));
        h.advanceTo(MON_0900);
        assertThat(h.sent).hasSize(2);
        assertThat(h.sent).extracting(EngineHarness.Sent::receiver).containsOnly("holder@scjg-lina");
    }

    @Test
    void theWindowLeadAndTheDepartmentLeaderComeFromTheDirectory() {
        Alert a = yellow("LC1", "W02", "李娜");
        h.feed(a);
        h.advanceTo(MON_0900 + 2 * HOUR + 30_000);
        assertThat(h.to("window-lead@scjg-wangfang")).singleElement().satisfies(s -> {
            assertThat(s.channel()).isEqualTo("sms");
            assertThat(s.types()).containsExactly(Item.Type.ESCALATED);
        });
        h.advanceTo(MON_0900 + DAY + 30_000);
        assertThat(h.to("department-leader@scjg-liuyang")).singleElement()
                .satisfies(s -> assertThat(s.channel()).isEqualTo("email"));
        assertThat(h.to("center-office")).isEmpty();
    }

    @Test
    void aHolderMissingFromTheDirectoryIsAuditedAndTheCardEscalatesAtOnce() {
        Alert a = yellow("LC1", "W02", "赵六");
        h.feed(a);
        assertThat(h.sent).isEmpty();
        assertThat(h.audit(AuditEvent.Type.UNRESOLVED)).singleElement().satisfies(e -> {
            assertThat(e.receiverId()).isEqualTo("holder");
            assertThat(e.cardIds()).containsExactly(a.cardId());
            assertThat(e.detail()).isEqualTo("holder (经办人) '赵六' of department scjg is not in people.yaml; "
                    + "escalating at once to [window-lead]");
        });
        // the window lead's own group wait (30 s), not 2 h
        h.advanceTo(MON_0900 + 30_000);
        assertThat(h.to("window-lead@scjg-wangfang")).singleElement().satisfies(s -> {
            assertThat(s.at()).isEqualTo(MON_0900 + 30_000);
            assertThat(s.cards()).containsExactly(a.cardId());
        });
        // later steps keep their time
        h.advanceTo(MON_0900 + DAY - 1);
        assertThat(h.to("department-leader@scjg-liuyang")).isEmpty();
        assertThat(h.engine.alert(a.cardId()).plan.get(0).unresolved).contains("赵六");
    }

    @Test
    void aWindowLeadWithoutAPhoneForAnSmsReceiverEscalatesToTheDepartmentLeader() {
        Alert a = yellow("LC1", "W03", "李娜");
        h.feed(a);
        h.advanceTo(MON_0900 + 2 * HOUR);
        assertThat(h.audit(AuditEvent.Type.UNRESOLVED)).singleElement().satisfies(e -> assertThat(e.detail())
                .isEqualTo("陈静 (scjg-chenjing) has no phone in people.yaml; escalating at once to [department-leader]"));
        h.advanceTo(MON_0900 + 2 * HOUR + 30_000);
        assertThat(h.to("department-leader@scjg-liuyang")).singleElement();
    }

    @Test
    void withNobodyInTheDirectoryAtAllTheFallbackIsTold() {
        // 住建局 has nobody in the directory: holder, window lead and department leader all fail at once
        Alert a = alert(card(CardKind.YELLOW, "EX1", MON_0900, "zjj", "W21", "吴刚"));
        h.feed(a);
        assertThat(h.audit(AuditEvent.Type.UNRESOLVED)).extracting(AuditEvent::receiverId)
                .containsExactly("holder", "window-lead", "department-leader");
        assertThat(h.audit(AuditEvent.Type.UNRESOLVED).get(2).detail())
                .isEqualTo("no 部门领导 for department zjj in people.yaml; no later step: telling the fallback center-office instead");
        h.advanceTo(MON_0900 + 30_000);
        assertThat(h.to("center-office")).singleElement().satisfies(s -> assertThat(s.cards()).containsExactly(a.cardId()));
    }

    @Test
    void peopleToldSurviveARestartAndGetTheirRepeat() {
        Alert a = yellow("LC1", "W02", "李娜");
        h.feed(a);
        h.restart();
        h.advanceTo(MON_0900 + 4 * HOUR);
        assertThat(h.to("holder@scjg-lina", "sms")).hasSize(2);
        assertThat(h.to("holder@scjg-lina", "sms").get(1)).satisfies(s -> {
            assertThat(s.types()).containsExactly(Item.Type.REPEAT);
            assertThat(s.notification().id).isEqualTo("holder@scjg-lina:2");
        });
        assertThat(h.ack(a.cardId(), "李娜")).isEqualTo(AlertEngine.AckOutcome.ACKNOWLEDGED);
        h.advanceTo(MON_0900 + 3 * DAY);
        assertThat(h.to("department-leader@scjg-liuyang")).isEmpty();
    }
}
