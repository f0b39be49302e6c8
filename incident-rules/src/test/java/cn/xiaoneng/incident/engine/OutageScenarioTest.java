package cn.xiaoneng.incident.engine;

import static cn.xiaoneng.incident.Instants.at;
import static cn.xiaoneng.incident.engine.CardLines.checks;
import static cn.xiaoneng.incident.engine.CardLines.lines;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.deadline.calendar.WorkCalendar;
import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.IncidentHistory;
import cn.xiaoneng.incident.IncidentLevel;
import cn.xiaoneng.incident.IncidentType;
import cn.xiaoneng.incident.plan.IncidentPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Acceptance: the two real outage timelines of DOMAIN.md §4 under the built-in plan, with every plan deadline judged
 * and every card at its exact instant.
 */
class OutageScenarioTest {
    private static final IncidentPlan PLAN = IncidentPlan.defaults();
    private final IncidentTracker tracker = IncidentTracker.of(PLAN, WorkCalendar.china());

    /**
     * 佛山高明区行政服务中心, Mon 2022-03-14: the 行程卡 network fails at 08:15, about 20 people queue and it is
     * reported upward at 08:25, a workaround is in place at 08:30, service is back at about 10:00. No written report
     * is on record.
     */
    static IncidentHistory foshanGaoming(IncidentLevel level) {
        return IncidentHistory.incident("fs-gm-zwzx", "GM-20220314-01")
                .onset("2022-03-14T08:15", IncidentType.SYSTEM_FAILURE, level).affecting(new String[] {"wjj"}, "W05", "W06")
                .detected("2022-03-14T08:15")
                .verbalReport("2022-03-14T08:25", "大厅值班长", "区政务服务数据管理局").note("约20名群众排队")
                .workaround("2022-03-14T08:30", "人工登记, 纸质核验行程卡")
                .restored("2022-03-14T10:00");
    }

    /**
     * A substation outage like 沈阳出入境's: from the afternoon of one day to 18:00 the next, other service points
     * posted. Placed on Tue 2026-03-03 → Wed 03-04 so that the calendar is a published one.
     */
    static IncidentHistory substation() {
        return IncidentHistory.incident("SY-20260303-01")
                .onset("2026-03-03T14:00", IncidentType.POWER_OUTAGE, IncidentLevel.II).affecting(new String[] {"crj"}, "W11", "W12")
                .detected("2026-03-03T14:05")
                .responseStarted("2026-03-03T14:10")
                .verbalReport("2026-03-03T14:20", "值班主任", "市政务服务中心")
                .workaround("2026-03-03T16:00", "张贴公告, 引导群众前往其他办证点")
                .writtenReport("2026-03-03T17:00", "值班主任", "市政务服务中心")
                .followUp("2026-03-04T09:00")
                .restored("2026-03-04T18:00")
                .closed("2026-03-04T18:30");
    }

    private IncidentSchedule schedule(IncidentHistory h) {
        List<IncidentFact> facts = h.facts();
        IncidentState s = null;
        for (IncidentFact f : facts) {
            s = tracker.onFact(s, f, f.recordedAt).state();
        }
        return tracker.schedule(s);
    }

    @Test
    void foshanAsAnOrdinaryIncidentMissesOnlyTheWrittenReport() {
        IncidentSchedule s = schedule(foshanGaoming(IncidentLevel.IV));
        assertThat(checks(s)).containsExactly(
                "verbalReport MET due 2022-03-14T10:15:00+08:00 actual 2022-03-14T08:25:00+08:00",
                "writtenReport UNMET due 2022-03-14T14:15:00+08:00",
                "response MET due 2022-03-14T09:15:00+08:00 actual 2022-03-14T08:30:00+08:00",
                "workaround MET due 2022-03-14T10:15:00+08:00 actual 2022-03-14T08:30:00+08:00",
                "restoration MET due 2022-03-14T16:15:00+08:00 actual 2022-03-14T10:00:00+08:00");
        assertThat(lines(s.cards())).containsExactly("WRITTEN_REPORT_OVERDUE writtenReport 2022-03-14T14:15:00+08:00");
    }

    @Test
    void foshanAsASeriousIncidentRaisesAtOnceAndMissesTheTwoHourWrittenReport() {
        IncidentSchedule s = schedule(foshanGaoming(IncidentLevel.II));
        assertThat(checks(s)).containsExactly(
                "verbalReport MET due 2022-03-14T08:45:00+08:00 actual 2022-03-14T08:25:00+08:00",
                "writtenReport UNMET due 2022-03-14T10:15:00+08:00",
                "response MET due 2022-03-14T08:30:00+08:00 actual 2022-03-14T08:30:00+08:00",
                "workaround MET due 2022-03-14T08:45:00+08:00 actual 2022-03-14T08:30:00+08:00",
                "restoration MET due 2022-03-14T12:15:00+08:00 actual 2022-03-14T10:00:00+08:00");
        assertThat(lines(s.cards())).containsExactly(
                "INCIDENT_RAISED level=II 2022-03-14T08:15:00+08:00",
                "WRITTEN_REPORT_OVERDUE writtenReport 2022-03-14T10:15:00+08:00");
        IncidentCard raised = s.cards().get(0);
        assertThat(raised.confirmed).isTrue();
        assertThat(raised.departmentIds).containsExactly("wjj");
        assertThat(raised.windowIds).containsExactly("W05", "W06");
        assertThat(raised.summary).isEqualTo("重大(II级)网络/业务系统故障事件 GM-20220314-01: 2022-03-14 08:15 发生, 涉及部门 wjj, 窗口 W05、W06。"
                + "按应急预案须 30分钟内口头报告、2小时内书面报告。");
        assertThat(s.cards().get(1).summary).isEqualTo("重大(II级)网络/业务系统故障事件 GM-20220314-01 书面报告超时: 自发现 2022-03-14 08:15 起"
                + "2小时内应完成书面报告, 截至 2022-03-14 10:15 未完成, 涉及部门 wjj, 窗口 W05、W06。");
    }

    @Test
    void foshanCardsAreRaisedWhenTheClockReachesThem() {
        List<IncidentFact> facts = foshanGaoming(IncidentLevel.II).facts();
        IncidentUpdate u = tracker.onFact(null, facts.get(0), at("2022-03-14T08:16"));
        assertThat(lines(u.raised())).containsExactly("INCIDENT_RAISED level=II 2022-03-14T08:15:00+08:00");
        for (IncidentFact f : facts.subList(1, facts.size())) {
            u = tracker.onFact(u.state(), f, f.recordedAt);
        }
        assertThat(u.nextWakeUp()).hasValue(at("2022-03-14T10:15"));
        assertThat(tracker.advance(u.state(), at("2022-03-14T10:14:59.999")).raised()).isEmpty();
        IncidentUpdate due = tracker.advance(u.state(), at("2022-03-14T10:15"));
        assertThat(lines(due.raised())).containsExactly("WRITTEN_REPORT_OVERDUE writtenReport 2022-03-14T10:15:00+08:00");
        assertThat(due.nextWakeUp()).isEmpty();
        assertThat(due.closed()).isFalse();
    }

    @Test
    void closingTheIncidentBeforeTheWrittenDeadlineLeavesNoCardForIt() {
        IncidentSchedule s = schedule(foshanGaoming(IncidentLevel.II).closed("2022-03-14T10:05"));
        assertThat(lines(s.cards())).containsExactly("INCIDENT_RAISED level=II 2022-03-14T08:15:00+08:00");
        assertThat(s.deadline("writtenReport").orElseThrow().status()).isEqualTo(DeadlineCheck.Status.MOOT);
    }

    @Test
    void substationOutageLastingIntoTheNextDay() {
        IncidentSchedule s = schedule(substation());
        assertThat(checks(s)).containsExactly(
                "verbalReport MET due 2026-03-03T14:35:00+08:00 actual 2026-03-03T14:20:00+08:00",
                "writtenReport MET_LATE due 2026-03-03T16:05:00+08:00 actual 2026-03-03T17:00:00+08:00",
                "followUp#1 MET_LATE due 2026-03-04T05:00:00+08:00 actual 2026-03-04T09:00:00+08:00",
                "response MET due 2026-03-03T14:20:00+08:00 actual 2026-03-03T14:10:00+08:00",
                "workaround MET_LATE due 2026-03-03T14:35:00+08:00 actual 2026-03-03T16:00:00+08:00",
                "restoration MET_LATE due 2026-03-03T18:05:00+08:00 actual 2026-03-04T18:00:00+08:00");
        assertThat(lines(s.cards())).containsExactly(
                "INCIDENT_RAISED level=II 2026-03-03T14:00:00+08:00",
                "WORKAROUND_OVERDUE workaround 2026-03-03T14:35:00+08:00",
                "WRITTEN_REPORT_OVERDUE writtenReport 2026-03-03T16:05:00+08:00",
                "RESTORATION_OVERDUE restoration 2026-03-03T18:05:00+08:00",
                "FOLLOW_UP_OVERDUE followUp#1 2026-03-04T05:00:00+08:00");
        IncidentCard followUp = s.cards().get(4);
        assertThat(followUp.start).isEqualTo(at("2026-03-03T17:00"));
        assertThat(followUp.due).isEqualTo(at("2026-03-04T05:00"));
        assertThat(followUp.budget).isEqualTo("PT12H");
        assertThat(followUp.summary).contains("续报超时: 自上次报告 2026-03-03 17:00 起12小时内应完成续报, 截至 2026-03-04 05:00 未完成");
    }

    @Test
    void substationOutageCountedInOfficeHoursMovesRestorationToTheNextMorning() {
        IncidentPlan officeHours = PLAN.toBuilder().set("level.II.counting", "OFFICE_HOURS").set("ruleVersion", "sy/office-hours").build();
        IncidentTracker t = IncidentTracker.of(officeHours, WorkCalendar.china());
        IncidentState s = null;
        for (IncidentFact f : substation().facts()) {
            s = t.onFact(s, f, f.recordedAt).state();
        }
        IncidentSchedule sch = t.schedule(s);
        assertThat(lines(sch.cards())).containsExactly(
                "INCIDENT_RAISED level=II 2026-03-03T14:00:00+08:00",
                "WORKAROUND_OVERDUE workaround 2026-03-03T14:35:00+08:00",
                "WRITTEN_REPORT_OVERDUE writtenReport 2026-03-03T16:05:00+08:00",
                // 14:05–17:30 is 3 h 25 min; the other 35 minutes from 09:00 the next day
                "RESTORATION_OVERDUE restoration 2026-03-04T09:35:00+08:00");
        // 12 h of office time after the 17:00 report end on Thu 03-05 at 15:00; the 09:00 follow-up came well before
        assertThat(sch.deadline("followUp#1").orElseThrow().due()).isEqualTo(at("2026-03-05T15:00"));
        assertThat(sch.deadline("followUp#1").orElseThrow().status()).isEqualTo(DeadlineCheck.Status.MET);
        assertThat(sch.cards().get(3).summary).contains("4小时内(按办公时间计)应完成恢复服务");
    }

    @Test
    void replayingTheOperationsLogGivesTheStandingCardsOnce() {
        List<IncidentCard> out = IncidentReplay.replay(substation().facts(), tracker, at("2026-03-31T00:00"));
        assertThat(lines(out)).containsExactly(
                "INCIDENT_RAISED level=II 2026-03-03T14:00:00+08:00",
                "WORKAROUND_OVERDUE workaround 2026-03-03T14:35:00+08:00",
                "WRITTEN_REPORT_OVERDUE writtenReport 2026-03-03T16:05:00+08:00",
                "RESTORATION_OVERDUE restoration 2026-03-03T18:05:00+08:00",
                "FOLLOW_UP_OVERDUE followUp#1 2026-03-04T05:00:00+08:00");
        List<IncidentCard> standing = schedule(substation()).cards();
        for (int i = 0; i < out.size(); i++) {
            assertThat(new IncidentCardCodec().encodeToString(out.get(i))).isEqualTo(new IncidentCardCodec().encodeToString(standing.get(i)));
        }
    }
}
