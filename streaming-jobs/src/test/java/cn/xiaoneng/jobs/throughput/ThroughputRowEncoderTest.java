package cn.xiaoneng.jobs.throughput;

import static cn.xiaoneng.jobs.throughput.ThroughputFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.warehouse.Tables;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ThroughputRowEncoderTest {
    /** The columns of dws_throughput_minute as the real migration declares them (the hour and day tables copy it). */
    private static List<String> columnsOfV005() throws Exception {
        String sql;
        try (InputStream in = ThroughputRowEncoderTest.class.getClassLoader().getResourceAsStream("db/migration/V005__dws_throughput.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String table = sql.substring(sql.indexOf("CREATE TABLE IF NOT EXISTS " + Tables.DWS_THROUGHPUT_MINUTE));
        table = table.substring(table.indexOf('(') + 1, table.indexOf("ENGINE"));
        List<String> columns = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s+([a-z_0-9]+)\\s+\\S").matcher(table);
        while (m.find()) {
            columns.add(m.group(1));
        }
        return columns;
    }

    @Test
    void writesEveryV005ColumnWithBucketStartAsShanghaiWallClock() throws Exception {
        ThroughputAccumulator acc = new ThroughputAccumulator();
        acc.accepted = 3;
        acc.completed = 2;
        acc.addHandling(900);
        acc.addHandling(30);
        acc.facts = 5;
        ThroughputRow r = ThroughputRow.of(CENTER, SCJG, W01, "COMMITTED", local("2026-03-03T00:00:00"), acc, MON_1100);
        ObjectNode row = (ObjectNode) new ObjectMapper().readTree(new ThroughputRowEncoder().toJson(r));

        assertThat(row.fieldNames()).toIterable().containsExactlyElementsOf(columnsOfV005());
        assertThat(row.get("bucket_start").asText()).isEqualTo("2026-03-03 00:00:00");
        assertThat(row.get("handling_p50_s").asDouble()).isEqualTo(30);
        assertThat(row.get("handling_p90_s").asDouble()).isEqualTo(900);
        assertThat(row.get("version").asLong()).isEqualTo(5);
        assertThat(row.get("emitted_at").asText()).isEqualTo("2026-03-02T11:00:00+08:00");
    }
}
