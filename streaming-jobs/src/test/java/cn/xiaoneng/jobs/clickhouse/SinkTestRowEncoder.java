package cn.xiaoneng.jobs.clickhouse;

import java.time.Instant;

/** Row n of the test table: id n, label "case-n", and an ISO-8601 instant n ms after 2026-01-05 09:30 UTC. */
final class SinkTestRowEncoder implements JsonRowEncoder<Long> {
    static final Instant MONDAY_0930 = Instant.parse("2026-01-05T09:30:00Z");

    @Override
    public void encode(Long n, JsonRow row) {
        row.put("id", n);
        row.put("label", "case-" + n);
        row.put("at", MONDAY_0930.plusMillis(n).toString());
    }
}
