package cn.xiaoneng.deadline;

import cn.xiaoneng.model.Limit;

/**
 * The limit when neither law nor the center configures one for an item.
 *
 * <p>6.5.4 限时办结 (政务服务中心管理和服务规范): where laws, regulations and rules set no limit, a matter
 * involving one department is finished within 20 days of 受理, one involving two or more departments within
 * 45 days. 《行政许可法》 Art. 42 sets the same 20/45 and Art. 82 makes them 工作日.
 */
public final class DefaultLimits {
    private DefaultLimits() {}

    /** 6.5.4: 20 WD for one department, 45 WD for more than one. */
    public static Limit forDepartments(int departments) {
        if (departments < 1) {
            throw new IllegalArgumentException("a case involves at least one department, not " + departments);
        }
        return departments == 1 ? Limit.workingDays(20) : Limit.workingDays(45);
    }

    /** The configured limit when there is one, else the 6.5.4 default for the number of departments. */
    public static Limit orDefault(Limit configured, int departments) {
        if (configured != null && configured.unit != null) {
            return new Limit(configured.value, configured.unit);
        }
        return forDepartments(departments);
    }
}
