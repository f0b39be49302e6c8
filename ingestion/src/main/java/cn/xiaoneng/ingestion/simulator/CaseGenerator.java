package cn.xiaoneng.ingestion.simulator;

import cn.xiaoneng.ingestion.simulator.CasePlan.Action;
import cn.xiaoneng.ingestion.simulator.CasePlan.ActionKind;
import cn.xiaoneng.ingestion.simulator.CasePlan.Outcome;
import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.LimitUnit;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Decides the lives of simulated cases, deterministically for a seed. Arrivals follow a Poisson process in
 * office time per department; each case draws its kind, 补正 (about 12 %, before 受理 as 行政许可法 Art. 32
 * has it), special procedures that pause the clock (Art. 45, about 5 %), log-normal step durations, some
 * overruns (about 6 %), returns, withdrawals, refusals, and paper acceptance entered hours later (about 4 %).
 */
public final class CaseGenerator {
    private static final String[] STEP_NAMES = {"承办", "审核", "批准"};
    private static final String[] PAUSE_REASONS = {"检验", "专家评审", "听证", "公示", "检测"};
    private static final String[] SUPPLEMENT_REASONS = {"缺少营业执照复印件", "申请表未签字", "场所平面图不清晰", "身份证明材料过期"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴"};
    private static final String[] GIVEN = {"建国", "秀英", "志强", "丽华", "海燕", "文博", "欣怡", "子涵"};
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final OfficeHours hours;
    private final List<DepartmentStream> streams = new ArrayList<>();

    /** Rates and probabilities; defaults are what DOMAIN.md suggests for a city-level hall. */
    public record Profile(double supplementRate, double pauseRate, double overrunRate, double paperRate, double notAcceptedRate,
                          double returnRate, double withdrawRate, double rejectRate, double deliveryRate) {
        public static Profile realistic() {
            return new Profile(0.12, 0.05, 0.06, 0.04, 0.03, 0.04, 0.02, 0.03, 0.7);
        }
    }

    private final Profile profile;

    public CaseGenerator(List<Department> departments, OfficeHours hours, long seed, Instant start, Profile profile) {
        this.hours = hours;
        this.profile = profile;
        for (Department d : departments) {
            streams.add(new DepartmentStream(d, new Random(seed * 31 + d.sourceId().hashCode()), hours.nextOpen(start)));
        }
    }

    /** The next case to arrive across all departments (earliest arrival first). */
    public CasePlan next() {
        DepartmentStream first = streams.get(0);
        for (DepartmentStream s : streams) {
            if (s.nextArrival.isBefore(first.nextArrival)) {
                first = s;
            }
        }
        return first.take();
    }

    private final class DepartmentStream {
        final Department dept;
        final Random random;
        Instant nextArrival;
        long seq;

        DepartmentStream(Department dept, Random random, Instant start) {
            this.dept = dept;
            this.random = random;
            this.nextArrival = arrivalAfter(start);
        }

        Instant arrivalAfter(Instant t) {
            double meanGapSeconds = hours.openSecondsPerDay() / dept.casesPerDay();
            double gap = -Math.log(1 - random.nextDouble()) * meanGapSeconds;
            return hours.plus(t, Duration.ofMillis((long) (gap * 1000)));
        }

        CasePlan take() {
            Instant arrival = nextArrival;
            nextArrival = arrivalAfter(arrival);
            seq++;
            return plan(arrival);
        }

        CasePlan plan(Instant arrival) {
            Department.Item item = pickItem();
            String caseId = dept.casePrefix() + DAY.format(arrival.atZone(hours.zone())) + String.format("%06d", seq);
            String window = dept.windows().get(random.nextInt(dept.windows().size()));
            String[] co = item.kind() == CaseKind.JOINT ? new String[] {"zrzy", "xf"} : null;
            boolean paper = random.nextDouble() < profile.paperRate();
            List<Action> actions = item.kind() == CaseKind.IMMEDIATE ? immediate(arrival) : committed(arrival, item);
            if (paper) {
                actions = enteredLater(actions, arrival);
            }
            return new CasePlan(dept, caseId, seq, item, item.kind(), window, co, applicantId(), "13" + digits(9), applicantName(),
                    item.committed(), item.legal(), paper, actions);
        }

        Department.Item pickItem() {
            double total = dept.items().stream().mapToDouble(Department.Item::weight).sum();
            double r = random.nextDouble() * total;
            for (Department.Item i : dept.items()) {
                r -= i.weight();
                if (r < 0) {
                    return i;
                }
            }
            return dept.items().get(dept.items().size() - 1);
        }

        /** 即办件: accepted and finished on the spot. */
        List<Action> immediate(Instant arrival) {
            List<Action> a = new ArrayList<>();
            String handler = staff();
            Instant t = arrival;
            a.add(act(ActionKind.SUBMIT, t, 0, null, null, null, null));
            t = later(t, 3);
            if (random.nextDouble() < profile.notAcceptedRate()) {
                a.add(act(ActionKind.NOT_ACCEPT, t, 0, null, handler, "材料不符合法定形式", null));
                return a;
            }
            a.add(act(ActionKind.ACCEPT, t, 0, null, handler, null, null));
            a.add(act(ActionKind.STEP_START, t, 1, "办理", handler, null, null));
            t = later(t, logNormalMinutes(12, 0.5));
            a.add(act(ActionKind.STEP_END, t, 1, "办理", handler, "同意", null));
            t = later(t, 1);
            a.add(act(ActionKind.COMPLETE, t, 0, null, handler, null, Outcome.APPROVED));
            return a;
        }

        List<Action> committed(Instant arrival, Department.Item item) {
            List<Action> a = new ArrayList<>();
            Instant t = arrival;
            a.add(act(ActionKind.SUBMIT, t, 0, null, null, null, null));
            t = later(t, logNormalMinutes(8, 0.4));
            String acceptor = staff();
            if (random.nextDouble() < profile.notAcceptedRate()) {
                a.add(act(ActionKind.NOT_ACCEPT, t, 0, null, acceptor, "不属于本部门职权范围", null));
                return a;
            }
            if (random.nextDouble() < profile.supplementRate()) {
                a.add(act(ActionKind.SUPPLEMENT_REQUEST, t, 0, null, acceptor, pick(SUPPLEMENT_REASONS), null));
                t = later(t, logNormalMinutes(1.5 * 420, 0.7));
                a.add(act(ActionKind.SUPPLEMENT_RECEIVE, t, 0, null, acceptor, null, null));
                t = later(t, 5);
            }
            a.add(act(ActionKind.ACCEPT, t, 0, null, acceptor, null, null));
            // Office minutes the committed limit allows: the overrun draw exceeds it on purpose.
            double limitMinutes = item.committed().unit == LimitUnit.IMMEDIATE ? 60 : Math.max(1, item.committed().value) * 420.0;
            boolean overrun = random.nextDouble() < profile.overrunRate();
            double[] share = {0.5, 0.3, 0.2};
            double budget = overrun ? limitMinutes * 1.3 : limitMinutes * 0.45;
            boolean returned = random.nextDouble() < profile.returnRate();
            boolean withdrawn = !returned && random.nextDouble() < profile.withdrawRate();
            for (int step = 1; step <= 3; step++) {
                String handler = staff();
                String name = STEP_NAMES[step - 1];
                t = later(t, logNormalMinutes(20, 0.5));
                a.add(act(ActionKind.STEP_START, t, step, name, handler, null, null));
                double minutes = logNormalMinutes(budget * share[step - 1], overrun ? 0.1 : 0.6);
                if (step == 1 && random.nextDouble() < profile.pauseRate()) {
                    Instant pauseAt = later(t, minutes * 0.3);
                    String reason = pick(PAUSE_REASONS);
                    a.add(act(ActionKind.PAUSE_START, pauseAt, step, name, handler, reason, null));
                    Instant resume = later(pauseAt, logNormalMinutes(2 * 420, 0.5));
                    a.add(act(ActionKind.PAUSE_END, resume, step, name, handler, reason, null));
                    t = later(resume, minutes * 0.7);
                } else {
                    t = later(t, minutes);
                }
                if (withdrawn && step == 1) {
                    a.add(act(ActionKind.STEP_END, t, step, name, handler, "申请人撤回", null));
                    a.add(act(ActionKind.COMPLETE, later(t, 2), 0, null, handler, "申请人申请撤回", Outcome.WITHDRAWN));
                    return a;
                }
                a.add(act(ActionKind.STEP_END, t, step, name, handler, step == 2 && returned ? "材料实质内容不符合要求" : "同意", null));
                if (returned && step == 2) {
                    a.add(act(ActionKind.COMPLETE, later(t, 10), 0, null, handler, "退回申请人补充实质材料", Outcome.RETURNED));
                    return a;
                }
            }
            t = later(t, 10);
            Outcome outcome = random.nextDouble() < profile.rejectRate() ? Outcome.REJECTED : Outcome.APPROVED;
            a.add(act(ActionKind.COMPLETE, t, 0, null, staff(), outcome == Outcome.REJECTED ? "不符合许可条件" : null, outcome));
            if (outcome == Outcome.APPROVED && random.nextDouble() < profile.deliveryRate()) {
                a.add(act(ActionKind.DELIVER, later(t, logNormalMinutes(420, 0.8)), 0, null, null, null, null));
            }
            return a;
        }

        /** Accepted on paper (an outage, a busy morning): the system learns of it hours later, with the true earlier times. */
        List<Action> enteredLater(List<Action> actions, Instant arrival) {
            long entry = later(arrival, logNormalMinutes(150, 0.6)).toEpochMilli();
            List<Action> out = new ArrayList<>(actions.size());
            for (Action x : actions) {
                long write = Math.max(x.writeAt(), entry);
                out.add(new Action(x.kind(), x.businessAt(), write, x.step(), x.stepName(), x.handler(), x.reason(), x.outcome()));
            }
            return out;
        }

        Action act(ActionKind kind, Instant at, int step, String stepName, String handler, String reason, Outcome outcome) {
            return new Action(kind, at.toEpochMilli(), at.toEpochMilli(), step, stepName, handler, reason, outcome);
        }

        Instant later(Instant t, double officeMinutes) {
            return hours.plus(t, Duration.ofMillis(Math.max(1000, (long) (officeMinutes * 60_000))));
        }

        double logNormalMinutes(double median, double sigma) {
            return median * Math.exp(sigma * random.nextGaussian());
        }

        String staff() {
            return dept.staff().get(random.nextInt(dept.staff().size()));
        }

        String pick(String[] options) {
            return options[random.nextInt(options.length)];
        }

        String digits(int n) {
            StringBuilder sb = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                sb.append((char) ('0' + random.nextInt(10)));
            }
            return sb.toString();
        }

        String applicantId() {
            return "4301" + String.format("%02d", 1 + random.nextInt(30)) + (1960 + random.nextInt(45)) + String.format("%02d%02d", 1 + random.nextInt(12),
                    1 + random.nextInt(28)) + digits(3) + (random.nextInt(11) == 10 ? "X" : String.valueOf(random.nextInt(10)));
        }

        String applicantName() {
            return pick(SURNAMES) + pick(GIVEN);
        }
    }
}
