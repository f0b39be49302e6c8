package cn.xiaoneng.deadline;

import cn.xiaoneng.model.Limit;
import cn.xiaoneng.model.LimitUnit;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A computed due instant (承诺/法定办结时限 expiry) and how it came about.
 *
 * @param due              the instant the limit expires; 24:00 of day D is D+1 00:00 (rule 6)
 * @param zone             the calendar's zone; {@link #dueText()} prints in it
 * @param limit            the limit counted
 * @param accepted         the 受理 instant
 * @param countingStart    where time starts to accrue: 00:00 after the 受理 day (民法典 Art. 201), or the 受理
 *                         instant itself for 即办件
 * @param measure          which days accrue time: {@link LimitUnit#WORKING_DAYS} or {@link LimitUnit#NATURAL_DAYS}
 * @param pausedTime       counted time the pauses covered between counting start and the due instant
 * @param rolledForward    whether 民法典 Art. 203 moved a natural-day end off a non-working day
 * @param appliedExtensions extensions approved before the due instant they extended (行政许可法 Art. 42)
 * @param lateExtensions   extensions approved at or after the due instant: they do not move it, and the case
 *                         counts as 超时 (requesting an extension after the limit has passed)
 * @param provisionalDates dates the result depends on whose year has no published calendar
 * @param explanation      the steps taken, for operators and for 责任追究 records
 */
public record DueResult(
        Instant due,
        ZoneId zone,
        Limit limit,
        Instant accepted,
        Instant countingStart,
        LimitUnit measure,
        Duration pausedTime,
        boolean rolledForward,
        List<Extension> appliedExtensions,
        List<Extension> lateExtensions,
        SortedSet<LocalDate> provisionalDates,
        List<String> explanation) {

    public DueResult {
        limit = new Limit(limit.value, limit.unit);
        appliedExtensions = List.copyOf(appliedExtensions);
        lateExtensions = List.copyOf(lateExtensions);
        provisionalDates = Collections.unmodifiableSortedSet(new TreeSet<>(provisionalDates));
        explanation = List.copyOf(explanation);
    }

    /** Whether any date this result depends on lies in a year without a published calendar (recompute later). */
    public boolean provisional() {
        return !provisionalDates.isEmpty();
    }

    /** Whether an extension was approved only after the due instant: counts as overdue (超时). */
    public boolean extensionRequestedTooLate() {
        return !lateExtensions.isEmpty();
    }

    /** The due instant as ISO-8601 with the calendar zone's offset, e.g. {@code 2026-02-28T00:00:00+08:00}. */
    public String dueText() {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(due.atZone(zone).toOffsetDateTime());
    }

    public long dueEpochMillis() {
        return due.toEpochMilli();
    }

    @Override
    public Limit limit() {
        return new Limit(limit.value, limit.unit);
    }
}
