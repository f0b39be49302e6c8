package cn.xiaoneng.deadline;

import cn.xiaoneng.model.Limit;
import cn.xiaoneng.model.LimitUnit;
import java.time.Instant;
import java.util.Objects;

/**
 * An approved extension (延期) of a case's limit.
 *
 * <p>《行政许可法》 Art. 42: the head of the organ may extend a 20-day decision by 10 days (and the applicant
 * must be told why); for 统一/联合/集中办理 the head of the 本级人民政府 may extend the 45-day limit by 15 days.
 * Other laws (e.g. provincial 行政程序规定 Art. 78: +20 for one organ) set other sizes: use
 * {@link #of(Instant, Limit, String)}.
 *
 * <p>It moves the due instant only if approved strictly before it; an extension requested after the limit
 * has passed counts as 超时办结 (departmental 限时办结制度, DOMAIN.md §1.2).
 */
public record Extension(Instant approvedAt, Limit extra, String basis) {

    public Extension {
        Objects.requireNonNull(approvedAt, "approvedAt");
        Objects.requireNonNull(extra, "extra");
        if (extra.unit == null || extra.unit == LimitUnit.IMMEDIATE) {
            throw new IllegalArgumentException("an extension is a number of working or natural days, not " + extra);
        }
        if (extra.value < 0) {
            throw new IllegalArgumentException("extension " + extra + " is negative");
        }
        extra = new Limit(extra.value, extra.unit); // Limit is a mutable POJO: keep our own copy
        basis = basis == null ? "" : basis;
    }

    /** Art. 42 ¶1: one organ, +10 working days (Art. 82: days are 工作日). */
    public static Extension singleDepartment(Instant approvedAt) {
        return new Extension(approvedAt, Limit.workingDays(10), "行政许可法第四十二条第一款 +10WD");
    }

    /** Art. 42 ¶2: 统一/联合/集中办理, +15 working days approved by the head of the 本级人民政府. */
    public static Extension joint(Instant approvedAt) {
        return new Extension(approvedAt, Limit.workingDays(15), "行政许可法第四十二条第二款 +15WD");
    }

    public static Extension of(Instant approvedAt, Limit extra, String basis) {
        return new Extension(approvedAt, extra, basis);
    }

    /** The extension in days, e.g. {@code 10WD}. */
    @Override
    public Limit extra() {
        return new Limit(extra.value, extra.unit);
    }
}
