package cn.xiaoneng.deadline;

import cn.xiaoneng.model.Limit;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the due instant depends on besides the calendar: when the case was accepted (受理, after any
 * 补正 — DOMAIN.md §1.2), its limit, the clock stops so far and the extensions approved so far.
 */
public record DueRequest(Instant accepted, Limit limit, List<Pause> pauses, List<Extension> extensions, Rounding rounding) {

    public DueRequest {
        Objects.requireNonNull(accepted, "accepted");
        Objects.requireNonNull(limit, "limit");
        if (limit.unit == null) {
            throw new IllegalArgumentException("limit " + limit.value + " has no unit (WD, ND or IMMEDIATE)");
        }
        if (limit.value < 0) {
            throw new IllegalArgumentException("limit " + limit + " is negative");
        }
        limit = new Limit(limit.value, limit.unit); // Limit is a mutable POJO: keep our own copy
        pauses = List.copyOf(pauses == null ? List.of() : pauses);
        extensions = List.copyOf(extensions == null ? List.of() : extensions);
        rounding = rounding == null ? Rounding.EXACT : rounding;
    }

    public static DueRequest of(Instant accepted, Limit limit) {
        return new DueRequest(accepted, limit, List.of(), List.of(), Rounding.EXACT);
    }

    public DueRequest withPauses(List<Pause> newPauses) {
        return new DueRequest(accepted, limit, newPauses, extensions, rounding);
    }

    public DueRequest withPauses(Pause... newPauses) {
        return withPauses(List.of(newPauses));
    }

    public DueRequest withExtensions(List<Extension> newExtensions) {
        return new DueRequest(accepted, limit, pauses, newExtensions, rounding);
    }

    public DueRequest withExtensions(Extension... newExtensions) {
        return withExtensions(List.of(newExtensions));
    }

    public DueRequest withRounding(Rounding newRounding) {
        return new DueRequest(accepted, limit, pauses, extensions, newRounding);
    }

    @Override
    public Limit limit() {
        return new Limit(limit.value, limit.unit);
    }
}
