package cn.xiaoneng.ingestion.simulator;

import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.Limit;
import java.util.List;

/**
 * A simulated department: which source system it runs, its windows, staff and service items (事项) with
 * their limits. The three built-in departments differ the way real systems do (DOMAIN.md §5).
 */
public record Department(String sourceId, String departmentId, String name, String casePrefix, List<String> windows, List<String> staff,
                         List<Item> items, double casesPerDay) {

    /** A service item: code, name, usual kind and the limits the 办事指南 promises. */
    public record Item(String code, String name, CaseKind kind, Limit committed, Limit legal, double weight) {}

    public static List<Department> builtIn() {
        return List.of(
                new Department("lc", "scjg", "市场监管局", "LC", List.of("W01", "W02", "W03"), List.of("张伟", "王芳", "李娜", "刘洋", "陈静"),
                        List.of(new Item("XK-SCJG-001", "食品经营许可", CaseKind.COMMITTED, Limit.workingDays(5), Limit.workingDays(20), 4),
                                new Item("XK-SCJG-002", "企业设立登记", CaseKind.IMMEDIATE, Limit.immediate(), Limit.workingDays(3), 5),
                                new Item("XK-SCJG-003", "药品经营许可", CaseKind.COMMITTED, Limit.workingDays(15), Limit.workingDays(20), 1),
                                new Item("XK-SCJG-004", "特种设备使用登记", CaseKind.URGENT, Limit.workingDays(2), Limit.workingDays(20), 1)),
                        220),
                new Department("xd", "rsj", "人力资源和社会保障局", "XD", List.of("W11", "W12"), List.of("赵磊", "孙丽", "周强"),
                        List.of(new Item("XK-RSJ-010", "社会保险登记", CaseKind.IMMEDIATE, Limit.immediate(), Limit.workingDays(5), 5),
                                new Item("XK-RSJ-011", "职业技能鉴定机构设立", CaseKind.COMMITTED, Limit.workingDays(10), Limit.workingDays(20), 1),
                                new Item("XK-RSJ-012", "劳务派遣经营许可", CaseKind.COMMITTED, Limit.naturalDays(20), Limit.workingDays(20), 2)),
                        160),
                new Department("ex", "zjj", "住房和城乡建设局", "EX", List.of("W21", "W22"), List.of("吴刚", "郑洁", "冯涛", "何敏"),
                        List.of(new Item("XK-ZJJ-001", "建筑工程施工许可", CaseKind.COMMITTED, Limit.workingDays(7), Limit.workingDays(20), 3),
                                new Item("XK-ZJJ-002", "商品房预售许可", CaseKind.JOINT, Limit.workingDays(20), Limit.workingDays(45), 1),
                                new Item("XK-ZJJ-003", "建设工程消防验收", CaseKind.REPORTED, Limit.workingDays(15), Limit.workingDays(20), 1)),
                        90));
    }
}
