package cn.xiaoneng.ingestion.mapping;

import static cn.xiaoneng.ingestion.mapping.Envelopes.key;
import static cn.xiaoneng.ingestion.mapping.Envelopes.maria;
import static cn.xiaoneng.ingestion.mapping.Envelopes.pg;
import static cn.xiaoneng.ingestion.mapping.Envelopes.wall;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.EventType;
import cn.xiaoneng.model.Limit;
import cn.xiaoneng.model.Pseudonymizer;
import cn.xiaoneng.model.Times;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NormalizerTest {
    private static final long COMMIT = Times.parse("2026-03-02T10:00:00+08:00");
    private static final String LC_INDEX = "xn.raw.lc.approval.business_index";
    private static final String LC_STEP = "xn.raw.lc.approval.business_step";
    private static final String XD_PROJECT = "xn.raw.xd.epoint.audit_project";
    private static final String EX_LOG = "xn.raw.ex.exchange.ex_step_log";

    private final Normalizer normalizer = new Normalizer(MappingLoader.builtIns(), new Pseudonymizer("test-key-0123456789".getBytes(StandardCharsets.UTF_8)));

    private static Map<String, Object> lcCase(String sblsh) {
        Map<String, Object> row = new HashMap<>();
        for (String c : new String[] {"sxmc", "xbdw", "sqrmc", "slsj", "slztdm", "bslyy", "bzgzsj", "bzgzyy", "bzsj", "tbcxksrq", "tbcxqdly",
                "tbcxjsrq", "bjsj", "bjjgdm", "lqsj", "fdsx", "fdsxdw"}) {
            row.put(c, null);
        }
        row.put("sblsh", sblsh);
        row.put("sxbm", "XK-SCJG-001");
        row.put("bjlx", "CN");
        row.put("sjdwdm", "scjg");
        row.put("ckbh", "W07");
        row.put("sqrzjhm", "430102199001011234");
        row.put("lxrsj", "13812345678");
        row.put("sbsj", wall("2026-03-02T09:30:00"));
        row.put("cnsx", 5);
        row.put("cnsxdw", "G");
        row.put("update_time", wall("2026-03-02T09:30:00"));
        return row;
    }

    @Test
    void insertedCaseIndexRowBecomesSubmittedWithCaseAttributes() {
        Normalizer.Outcome out = normalizer.normalize(LC_INDEX, 0, 7, key("sblsh", "LC1"), pg("c", "approval", "business_index", null, lcCase("LC1"), 1000, COMMIT), 0);

        assertThat(out.isDeadLetter()).isFalse();
        assertThat(out.events).hasSize(1);
        CaseEvent e = out.events.get(0);
        assertThat(e.eventType).isEqualTo(EventType.SUBMITTED);
        assertThat(e.caseId).isEqualTo("LC1");
        assertThat(e.centerId).isEqualTo("hn-cs-zwzx");
        assertThat(e.departmentId).isEqualTo("scjg");
        assertThat(e.windowId).isEqualTo("W07");
        assertThat(e.caseKind).isEqualTo(CaseKind.COMMITTED);
        assertThat(e.committedLimit).isEqualTo(Limit.workingDays(5));
        assertThat(Times.format(e.businessTime)).isEqualTo("2026-03-02T09:30:00+08:00");
        assertThat(e.sourceCommitTime).isEqualTo(COMMIT);
        assertThat(e.sourcePosition).isEqualTo("lsn:1000");
    }

    @Test
    void applicantIdentityAndPhoneNeverLeaveInClear() {
        CaseEvent e = normalizer.normalize(LC_INDEX, 0, 7, key("sblsh", "LC1"), pg("c", "approval", "business_index", null, lcCase("LC1"), 1000, COMMIT), 0).events.get(0);
        assertThat(e.applicantKey).hasSize(32).doesNotContain("430102");
        assertThat(e.applicantPhoneMasked).isEqualTo("138****5678");
    }

    @Test
    void settingAcceptanceTimeInPlaceBecomesAccepted() {
        Map<String, Object> before = lcCase("LC1");
        Map<String, Object> after = new HashMap<>(before);
        after.put("slsj", wall("2026-03-02T09:41:00"));
        after.put("slztdm", 1);

        Normalizer.Outcome out = normalizer.normalize(LC_INDEX, 0, 8, key("sblsh", "LC1"), pg("u", "approval", "business_index", before, after, 1010, COMMIT), 0);

        assertThat(out.events).extracting(e -> e.eventType).containsExactly(EventType.ACCEPTED);
        assertThat(Times.format(out.events.get(0).businessTime)).isEqualTo("2026-03-02T09:41:00+08:00");
    }

    @Test
    void snapshotOfAFinishedCaseReconstructsEveryStateItShows() {
        Map<String, Object> row = lcCase("LC2");
        row.put("slsj", wall("2026-03-02T09:41:00"));
        row.put("slztdm", 1);
        row.put("bjsj", wall("2026-03-05T15:00:00"));
        row.put("bjjgdm", 0);

        Normalizer.Outcome out = normalizer.normalize(LC_INDEX, 0, 1, key("sblsh", "LC2"), pg("r", "approval", "business_index", null, row, 900, COMMIT + 86_400_000L * 4), 0);

        assertThat(out.events).extracting(e -> e.eventType).containsExactly(EventType.SUBMITTED, EventType.ACCEPTED, EventType.COMPLETED);
        assertThat(out.events.get(2).result).isEqualTo("APPROVED");
        assertThat(out.events).extracting(e -> e.eventId).doesNotHaveDuplicates();
    }

    @Test
    void sameRecordTwiceYieldsTheSameEventIds() {
        byte[] value = pg("c", "approval", "business_index", null, lcCase("LC1"), 1000, COMMIT);
        String first = normalizer.normalize(LC_INDEX, 0, 7, key("sblsh", "LC1"), value, 0).events.get(0).eventId;
        String again = normalizer.normalize(LC_INDEX, 0, 7, key("sblsh", "LC1"), value, 99).events.get(0).eventId;
        assertThat(again).isEqualTo(first);
    }

    @Test
    void snapshotRowsOfOneCaseSharingKeyAndPositionGetDistinctIds() {
        Map<String, Object> step1 = exStep("EX1-1", 11);
        Map<String, Object> step2 = exStep("EX1-2", 12);
        byte[] caseKey = key("sblsh", "EX1");
        String id1 = normalizer.normalize(EX_LOG, 0, 1, caseKey, pg("r", "exchange", "ex_step_log", null, step1, 500, COMMIT), 0).events.get(0).eventId;
        String id2 = normalizer.normalize(EX_LOG, 0, 2, caseKey, pg("r", "exchange", "ex_step_log", null, step2, 500, COMMIT), 0).events.get(0).eventId;
        assertThat(id1).isNotEqualTo(id2);
    }

    private static Map<String, Object> exStep(String stepId, int id) {
        Map<String, Object> row = new HashMap<>();
        for (String c : new String[] {"sxmc", "xbdw", "sqrzjhm", "lxrsj", "blr", "fdsx", "fdsxdw", "yy", "cnsx", "cnsxdw", "jgdm", "ckbh", "bjlx", "sxbm"}) {
            row.put(c, null);
        }
        row.put("id", id);
        row.put("sblsh", "EX1");
        row.put("hjslbs", stepId);
        row.put("hjmc", "审核");
        row.put("step_table", "SPCL");
        row.put("sjdwdm", "zjj");
        row.put("kssj", wall("2026-03-03T09:00:00"));
        row.put("clsj", wall("2026-03-03T10:00:00"));
        return row;
    }

    @Test
    void stepRowBecomesStartedThenCompletedWithHandler() {
        Map<String, Object> step = new HashMap<>(Map.of("hjslbs", "S1", "sblsh", "LC1", "hjdm", "1", "hjmc", "承办", "blr", "张三",
                "kssj", wall("2026-03-02T10:00:00")));
        step.put("jssj", null);
        step.put("blyj", null);
        Normalizer.Outcome started = normalizer.normalize(LC_STEP, 0, 1, key("hjslbs", "S1"), pg("c", "approval", "business_step", null, step, 2000, COMMIT), 0);
        Map<String, Object> done = new HashMap<>(step);
        done.put("jssj", wall("2026-03-03T11:00:00"));
        done.put("blyj", "同意");
        Normalizer.Outcome completed = normalizer.normalize(LC_STEP, 0, 2, key("hjslbs", "S1"),
                pg("u", "approval", "business_step", step, done, 2100, COMMIT + 90_000_000L), 0);

        assertThat(started.events).extracting(e -> e.eventType).containsExactly(EventType.STEP_STARTED);
        assertThat(completed.events).extracting(e -> e.eventType).containsExactly(EventType.STEP_COMPLETED);
        CaseEvent c = completed.events.get(0);
        assertThat(c.stepId).isEqualTo("S1");
        assertThat(c.stepName).isEqualTo("承办");
        assertThat(c.handler).isEqualTo("张三");
        assertThat(c.reason).isEqualTo("同意");
        assertThat(c.departmentId).isEqualTo("scjg");
    }

    private static Map<String, Object> xdProject(int status) {
        Map<String, Object> row = new HashMap<>();
        for (String c : new String[] {"receivedate", "acceptuserdate", "bubandate", "bubanfinishdate", "banjiedate", "banjieresult", "legal_day", "legal_type"}) {
            row.put(c, null);
        }
        row.put("rowguid", "g-1");
        row.put("flowsn", "XD1");
        row.put("task_code", "XK-RSJ-010");
        row.put("projectname", "社保登记");
        row.put("project_type", 2);
        row.put("ouguid", "rsj");
        row.put("windowguid", "W12");
        row.put("centerguid", "hn-cs-zwzx");
        row.put("certnum", "430102199001011234");
        row.put("contactmobile", "13900001111");
        row.put("applydate", wall("2026-03-02T09:00:00"));
        row.put("promise_day", 3);
        row.put("promise_type", 1);
        row.put("handleusername", "李四");
        row.put("status", status);
        row.put("operatedate", wall("2026-03-02T09:00:00"));
        return row;
    }

    @Test
    void statusCodeUpdatedInPlaceIsReadFromBeforeAndAfter() {
        Map<String, Object> before = xdProject(26);
        Map<String, Object> after = xdProject(28);
        after.put("bubandate", wall("2026-03-02T09:20:00"));
        Normalizer.Outcome toSupplement = normalizer.normalize(XD_PROJECT, 0, 3, key("rowguid", "g-1"),
                maria("u", "epoint", "audit_project", before, after, "bin.000001", 500, 0, COMMIT), 0);

        Map<String, Object> accepted = new HashMap<>(after);
        accepted.put("status", 30);
        accepted.put("bubanfinishdate", wall("2026-03-03T09:00:00"));
        accepted.put("acceptuserdate", wall("2026-03-03T09:05:00"));
        Normalizer.Outcome toAccepted = normalizer.normalize(XD_PROJECT, 0, 4, key("rowguid", "g-1"),
                maria("u", "epoint", "audit_project", after, accepted, "bin.000001", 900, 0, COMMIT + 86_400_000L), 0);

        assertThat(toSupplement.events).extracting(e -> e.eventType).containsExactly(EventType.SUPPLEMENT_REQUESTED);
        assertThat(toAccepted.events).extracting(e -> e.eventType).containsExactly(EventType.SUPPLEMENT_RECEIVED, EventType.ACCEPTED);
        assertThat(toAccepted.events.get(1).handler).isEqualTo("李四");
        assertThat(toAccepted.events.get(1).sourcePosition).isEqualTo("bin.000001:900:0");
        assertThat(toAccepted.events.get(1).windowId).isEqualTo("W12");
    }

    @Test
    void unknownStatusCodeIsDeadLetteredWithColumnAndValue() {
        Normalizer.Outcome out = normalizer.normalize(XD_PROJECT, 1, 44, key("rowguid", "g-1"),
                maria("u", "epoint", "audit_project", xdProject(26), xdProject(77), "bin.000001", 700, 0, COMMIT), 5);

        assertThat(out.isDeadLetter()).isTrue();
        assertThat(out.events).isEmpty();
        assertThat(out.deadLetter.reasonCode).isEqualTo("UNKNOWN_CODE");
        assertThat(out.deadLetter.reason).contains("'77'").contains("column status");
        assertThat(out.deadLetter.partition).isEqualTo(1);
        assertThat(out.deadLetter.offset).isEqualTo(44);
        assertThat(out.deadLetter.sourcePosition).isEqualTo("bin.000001:700:0");
        assertThat(out.deadLetter.rawValue).contains("\"status\":77");
    }

    @Test
    void deadLetterNeverCarriesIdentityOrPhoneNumbersInClear() {
        Normalizer.Outcome out = normalizer.normalize(XD_PROJECT, 1, 44, key("rowguid", "g-1"),
                maria("u", "epoint", "audit_project", xdProject(26), xdProject(77), "bin.000001", 700, 0, COMMIT), 5);
        assertThat(out.deadLetter.rawValue).doesNotContain("430102199001011234").doesNotContain("13900001111").contains("\"certnum\":\"***\"");
    }

    @Test
    void statusChangeWithoutItsTimeColumnIsMissingTime() {
        Map<String, Object> after = xdProject(28); // 待补办 but bubandate left empty by the source system
        Normalizer.Outcome out = normalizer.normalize(XD_PROJECT, 0, 3, key("rowguid", "g-1"),
                maria("u", "epoint", "audit_project", xdProject(26), after, "bin.000001", 500, 0, COMMIT), 0);
        assertThat(out.deadLetter.reasonCode).isEqualTo("MISSING_TIME");
        assertThat(out.deadLetter.reason).contains("bubandate").contains("SUPPLEMENT_REQUESTED");
    }

    @Test
    void textWhereANumberBelongsIsBadValue() {
        Map<String, Object> row = lcCase("LC1");
        row.put("cnsx", "five");
        Normalizer.Outcome out = normalizer.normalize(LC_INDEX, 0, 1, key("sblsh", "LC1"), pg("c", "approval", "business_index", null, row, 1, COMMIT), 0);
        assertThat(out.deadLetter.reasonCode).isEqualTo("BAD_VALUE");
        assertThat(out.deadLetter.reason).contains("cnsx");
    }

    @Test
    void legalLimitHasItsOwnUnit() {
        Map<String, Object> row = xdProject(24);
        row.put("legal_day", 20);
        row.put("legal_type", 0);
        CaseEvent e = normalizer.normalize(XD_PROJECT, 0, 1, key("rowguid", "g-1"), maria("c", "epoint", "audit_project", null, row, "bin.000001", 4, 0, COMMIT), 0)
                .events.get(0);
        assertThat(e.committedLimit).isEqualTo(Limit.workingDays(3));
        assertThat(e.legalLimit).isEqualTo(Limit.naturalDays(20));
    }

    @Test
    void missingCaseIdIsDeadLettered() {
        Map<String, Object> row = lcCase("LC1");
        row.put("sblsh", null);
        Normalizer.Outcome out = normalizer.normalize(LC_INDEX, 0, 1, null, pg("c", "approval", "business_index", null, row, 1, COMMIT), 0);
        assertThat(out.deadLetter.reasonCode).isEqualTo("MISSING_CASE_ID");
    }

    @Test
    void impossibleTimestampIsDeadLettered() {
        Map<String, Object> row = lcCase("LC1");
        row.put("sbsj", wall("1970-01-01T08:00:00"));
        Normalizer.Outcome out = normalizer.normalize(LC_INDEX, 0, 1, key("sblsh", "LC1"), pg("c", "approval", "business_index", null, row, 1, COMMIT), 0);
        assertThat(out.deadLetter.reasonCode).isEqualTo("IMPOSSIBLE_TIME");
        assertThat(out.deadLetter.reason).contains("sbsj");
    }

    @Test
    void timeFarInTheFutureIsDeadLettered() {
        Map<String, Object> row = lcCase("LC1");
        row.put("sbsj", wall("2099-03-02T09:30:00"));
        Normalizer.Outcome out = normalizer.normalize(LC_INDEX, 0, 1, key("sblsh", "LC1"), pg("c", "approval", "business_index", null, row, 1, COMMIT), 0);
        assertThat(out.deadLetter.reasonCode).isEqualTo("IMPOSSIBLE_TIME");
    }

    @Test
    void droppedColumnIsSchemaDrift() {
        Map<String, Object> row = lcCase("LC1");
        row.remove("ckbh");
        row.put("window_no", "W07");
        Normalizer.Outcome out = normalizer.normalize(LC_INDEX, 0, 1, key("sblsh", "LC1"), pg("c", "approval", "business_index", null, row, 1, COMMIT), 0);
        assertThat(out.deadLetter.reasonCode).isEqualTo("SCHEMA_DRIFT");
        assertThat(out.deadLetter.reason).contains("ckbh").contains("lc.yaml");
    }

    @Test
    void addedColumnIsTolerated() {
        Map<String, Object> row = lcCase("LC1");
        row.put("new_column", "x");
        Normalizer.Outcome out = normalizer.normalize(LC_INDEX, 0, 1, key("sblsh", "LC1"), pg("c", "approval", "business_index", null, row, 1, COMMIT), 0);
        assertThat(out.isDeadLetter()).isFalse();
        assertThat(out.events).hasSize(1);
    }

    @Test
    void notJsonIsMalformed() {
        Normalizer.Outcome out = normalizer.normalize(LC_INDEX, 0, 1, null, "not json{".getBytes(StandardCharsets.UTF_8), 0);
        assertThat(out.deadLetter.reasonCode).isEqualTo("MALFORMED");
    }

    @Test
    void unmappedTableIsDeadLettered() {
        Normalizer.Outcome out = normalizer.normalize("xn.raw.lc.approval.fees", 0, 1, null, pg("c", "approval", "fees", null, Map.of("id", 1), 1, COMMIT), 0);
        assertThat(out.deadLetter.reasonCode).isEqualTo("UNMAPPED_TABLE");
        assertThat(out.deadLetter.reason).contains("approval.fees");
    }

    @Test
    void tombstoneCarriesNothing() {
        Normalizer.Outcome out = normalizer.normalize(LC_INDEX, 0, 1, key("sblsh", "LC1"), null, 0);
        assertThat(out.isDeadLetter()).isFalse();
        assertThat(out.events).isEmpty();
    }

    @Test
    void exchangeLogRowTypeComesFromItsStepTable() {
        Map<String, Object> row = new HashMap<>();
        for (String c : new String[] {"hjslbs", "sxmc", "xbdw", "sqrzjhm", "lxrsj", "hjmc", "blr", "kssj", "fdsx", "fdsxdw", "yy", "cnsx", "cnsxdw"}) {
            row.put(c, null);
        }
        row.put("id", 17);
        row.put("sblsh", "EX1");
        row.put("step_table", "BJ");
        row.put("sxbm", "XK-ZJJ-003");
        row.put("bjlx", "LB");
        row.put("sjdwdm", "zjj");
        row.put("xbdw", "zrzy,xf");
        row.put("ckbh", "W20");
        row.put("clsj", wall("2026-03-06T16:00:00"));
        row.put("jgdm", "1");
        row.put("push_time", wall("2026-03-06T16:00:01"));
        Normalizer.Outcome out = normalizer.normalize(EX_LOG, 0, 9, null, pg("c", "exchange", "ex_step_log", null, row, 3000, COMMIT + 5 * 86_400_000L), 0);

        assertThat(out.events).extracting(e -> e.eventType).containsExactly(EventType.RETURNED);
        assertThat(out.events.get(0).departmentIds).containsExactly("zjj", "zrzy", "xf");
        assertThat(out.events.get(0).caseKind).isEqualTo(CaseKind.JOINT);
    }
}
