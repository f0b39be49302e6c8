package cn.xiaoneng.ingestion.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Incidents as a center's duty officer records them in the operations log, for the demo and the tests. The template is
 * the 佛山高明 network failure (DOMAIN.md §4, Mon 2022-03-14): the provincial platform fails at 08:15 and is noticed at
 * once, the duty officer reports it upward by phone at 08:25, paper acceptance starts as a workaround at 08:30,
 * service is back at about 10:00 and the file is closed at 10:45. No written report is on record: under every level the
 * written-report deadline is missed. Entries are typed in a few minutes after they happen.
 */
public final class IncidentScripts {
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private IncidentScripts() {}

    /**
     * The 佛山高明 timeline starting at {@code onset}, as an incident of {@code level} affecting {@code departments} and
     * {@code windows}; with {@code pauseApprover}, the center also declares a pause on the affected cases' clocks from the
     * onset until service is restored (approved 20 minutes after the onset).
     */
    public static List<OpsLogEntry> gaoming(String centerId, String incidentNo, Instant onset, String level, List<String> departments, List<String> windows,
                                            String pauseApprover) {
        long t0 = onset.toEpochMilli();
        List<OpsLogEntry> out = new ArrayList<>();
        out.add(OpsLogEntry.of(centerId, incidentNo, "ONSET", t0, at(t0, 3)).withType("SYSTEM_FAILURE", level).affecting(departments, windows)
                .note("省一体化政务服务平台网络故障, 各窗口无法登录业务系统"));
        out.add(OpsLogEntry.of(centerId, incidentNo, "DETECTED", t0, at(t0, 3)).note("窗口人员报告系统无法登录"));
        out.add(OpsLogEntry.of(centerId, incidentNo, "VERBAL_REPORT", at(t0, 10), at(t0, 12)).reported("大厅值班长 梁敏", "区政务服务数据管理局"));
        out.add(OpsLogEntry.of(centerId, incidentNo, "RESPONSE_STARTED", at(t0, 12), at(t0, 14)).note("启动应急预案, 通知信息中心"));
        out.add(OpsLogEntry.of(centerId, incidentNo, "WORKAROUND", at(t0, 15), at(t0, 18)).note("窗口改为纸质核验、手工登记受理"));
        if (pauseApprover != null) {
            out.add(OpsLogEntry.of(centerId, incidentNo, "CLOCK_PAUSE_DECLARED", at(t0, 20), at(t0, 22)).pause(pauseApprover, t0, null)
                    .note("系统故障期间暂停受影响办件计时, 至恢复服务"));
        }
        out.add(OpsLogEntry.of(centerId, incidentNo, "SERVICE_RESTORED", at(t0, 105), at(t0, 107)).note("平台恢复, 窗口恢复系统受理"));
        for (String w : windows) {
            out.add(OpsLogEntry.of(centerId, incidentNo, "PAPER_REGISTERED", at(t0, 110), at(t0, 112)).affecting(List.of(), List.of(w)).paper(3));
        }
        out.add(OpsLogEntry.of(centerId, incidentNo, "CLOSED", at(t0, 150), at(t0, 152)).note("事件处置完毕, 结案"));
        return out;
    }

    /** The incident number the duty officer gives: {@code <prefix>-<yyyyMMdd>-<nn>}. */
    public static String incidentNo(String prefix, Instant day, ZoneId zone, int n) {
        return prefix + "-" + DAY.format(day.atZone(zone).toLocalDate()) + String.format("-%02d", n);
    }

    /**
     * For the live demo: on each working day the simulator reaches, with probability {@code perDay}, a 高明-style
     * system failure at a random office-hours minute of the morning, at one department, with a declared pause.
     */
    public static final class Daily {
        private final String centerId;
        private final List<Department> departments;
        private final OfficeHours hours;
        private final double perDay;
        private final SplittableRandom random;
        private LocalDate planned;

        public Daily(String centerId, List<Department> departments, OfficeHours hours, double perDay, long seed) {
            this.centerId = centerId;
            this.departments = List.copyOf(departments);
            this.hours = hours;
            this.perDay = perDay;
            this.random = new SplittableRandom(seed);
        }

        /** The entries of the incident planned for the day of {@code now}, once per day (empty on other calls). */
        public List<OpsLogEntry> plan(long now) {
            LocalDate day = Instant.ofEpochMilli(now).atZone(hours.zone()).toLocalDate();
            if (day.equals(planned)) {
                return List.of();
            }
            planned = day;
            if (!hours.isWorkingDay(day) || random.nextDouble() >= perDay) {
                return List.of();
            }
            Department d = departments.get(random.nextInt(departments.size()));
            Instant onset = day.atTime(LocalTime.of(9, 15).plus(Duration.ofMinutes(random.nextInt(90)))).atZone(hours.zone()).toInstant();
            String level = random.nextInt(4) == 0 ? "II" : "IV";
            return gaoming(centerId, incidentNo("XN", onset, hours.zone(), 1), onset, level, List.of(d.departmentId()),
                    d.windows().subList(0, Math.min(2, d.windows().size())), "中心主任");
        }
    }

    private static long at(long t0, int minutes) {
        return t0 + minutes * 60_000L;
    }
}
