package cn.xiaoneng.alerting.engine;

import cn.xiaoneng.alerting.config.Silence;
import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A silence created over the API, as stored in the state topic ({@code silence/<id>}): its definition as given (the
 * JSON of a {@code silences.yaml} entry, checked again at restore), when it was created, and its early end if someone
 * expired it. JSON-mapped state.
 */
public final class SilenceEntry {
    public String id;
    /** The silence's JSON: {@code id, comment, createdBy, startsAt, endsAt, match, receivers}. */
    public String definition;
    public long createdAt;
    public Long expiredAt;
    public String expiredBy;
    /** The parsed silence, ending at {@link #expiredAt} when expired early. */
    @JsonIgnore
    public Silence silence;

    public SilenceEntry() {}
}
