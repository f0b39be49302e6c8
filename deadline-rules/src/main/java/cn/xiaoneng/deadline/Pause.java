package cn.xiaoneng.deadline;

import cn.xiaoneng.model.Times;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A clock stop (暂停计时): the half-open interval [from, to) during which no time accrues on the case's
 * limit. Grounds: 补正 (waiting for the applicant's corrected materials), the special procedures that
 * 《行政许可法》 Art. 45 excludes from the limit (听证, 招标, 拍卖, 检验, 检测, 检疫, 鉴定, 专家评审; 公示 added
 * by provincial 行政程序规定 Art. 79), and waiting on a higher level after 上报.
 *
 * <p>Half-open so that back-to-back pauses neither overlap nor leave a gap, and a zero-length pause
 * ({@code from == to}) stops nothing.
 */
public record Pause(Instant from, Instant to, String reason) implements Serializable {

    public Pause {
        Objects.requireNonNull(from, "pause start");
        Objects.requireNonNull(to, "pause end");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("pause ends (" + to + ") before it starts (" + from + ")");
        }
        reason = reason == null ? "" : reason;
    }

    public static Pause of(Instant from, Instant to) {
        return new Pause(from, to, "");
    }

    /**
     * Reads {@code <from>/<to>}, two ISO-8601 instants with offsets joined by {@code /}
     * (e.g. {@code 2026-03-02T09:00:00+08:00/2026-03-04T15:30:00+08:00}).
     */
    public static Pause parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            throw new IllegalArgumentException("pause '" + text + "' must be two ISO-8601 instants joined by '/', e.g. "
                    + "2026-03-02T09:00:00+08:00/2026-03-04T15:30:00+08:00");
        }
        Instant from = parseInstant("pause start", text.substring(0, slash).strip());
        Instant to = parseInstant("pause end", text.substring(slash + 1).strip());
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("pause '" + text + "' ends before it starts");
        }
        return of(from, to);
    }

    /** Reads an ISO-8601 instant with offset the way {@link Times#parse} does; the reason names the field. */
    static Instant parseInstant(String what, String text) {
        try {
            return Instant.ofEpochMilli(Times.parse(text));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not an ISO-8601 date-time with offset, e.g. 2026-02-13T10:00:00+08:00");
        }
    }

    public boolean isEmpty() {
        return !to.isAfter(from);
    }
}
