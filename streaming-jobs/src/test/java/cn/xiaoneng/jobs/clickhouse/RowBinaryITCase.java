package cn.xiaoneng.jobs.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.jobs.normalize.RawReceipt;
import cn.xiaoneng.jobs.normalize.WarehouseRows;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseKind;
import cn.xiaoneng.model.EventType;
import cn.xiaoneng.model.Limit;
import cn.xiaoneng.testsupport.ClickHouseServer;
import cn.xiaoneng.warehouse.ClickHouseConnection;
import cn.xiaoneng.warehouse.Migrator;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RowBinary encoders of the two tables every raw record reaches write exactly what their JSONEachRow encoders write:
 * the same random rows (nulls, empty strings, Chinese text, escapes, arrays, limits, instants) go through each into its
 * own database, migrated with the real migrations, on a real ClickHouse, and the tables read back equal.
 */
class RowBinaryITCase {
    @TempDir
    static Path clickhouseDir;
    static ClickHouseServer clickhouse;

    @BeforeAll
    static void startClickHouse() {
        clickhouse = ClickHouseServer.start(clickhouseDir);
    }

    @AfterAll
    static void stopClickHouse() {
        if (clickhouse != null) {
            clickhouse.stop();
        }
    }

    @Test
    void caseEventsAsRowBinaryEqualCaseEventsAsJson() throws Exception {
        List<CaseEvent> events = randomEvents(new Random(8), 3_000);
        String json = insert("events_json", "ods_case_event", RowWriter.json(new WarehouseRows.CaseEventRow()), events);
        String binary = insert("events_binary", "ods_case_event", RowWriter.rowBinary(new WarehouseRows.CaseEventBinaryRow()), events);
        String read = "SELECT * EXCEPT (ingested_at) FROM %s.ods_case_event ORDER BY event_id FORMAT TSV";
        String fromJson = clickhouse.query(read.formatted(json));
        assertThat(fromJson.lines()).hasSize(events.size());
        assertThat(clickhouse.query(read.formatted(binary))).isEqualTo(fromJson);
        // The materialized views behind the table saw the same rows too.
        String cases = "SELECT * FROM %s.dwd_case_current ORDER BY center_id, case_id FORMAT TSV";
        assertThat(clickhouse.query(cases.formatted(binary))).isEqualTo(clickhouse.query(cases.formatted(json)));
        assertThat(clickhouse.query("SELECT count() FROM %s.ods_case_event WHERE ingested_at > now64(3) - INTERVAL 1 HOUR".formatted(binary)).trim())
                .as("the omitted ingested_at takes its default").isEqualTo(Integer.toString(events.size()));
    }

    @Test
    void receiptsAsRowBinaryEqualReceiptsAsJson() throws Exception {
        Random random = new Random(9);
        List<RawReceipt> receipts = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            RawReceipt r = new RawReceipt();
            r.sourceId = pick(random, "lc", "ex", "xd");
            r.sourceTable = pick(random, "public.lc_case", "exchange.ex_step_log", "");
            r.topic = "xn.raw." + r.sourceId + ".t";
            r.partition = random.nextInt(64);
            r.offset = i == 0 ? 0xFFFF_FFFFL + 7 : random.nextLong() & Long.MAX_VALUE;
            r.op = pick(random, "c", "u", "d", "r", "");
            r.outcome = pick(random, RawReceipt.MAPPED, RawReceipt.NO_EVENT, RawReceipt.DEAD_LETTER);
            r.events = random.nextInt(4);
            // Recent: the table keeps receipts for 90 days after processed_at (TTL), older ones are dropped on insert.
            r.sourceCommitTime = System.currentTimeMillis() - random.nextInt(1_000_000_000);
            r.processedAt = r.sourceCommitTime + random.nextInt(100_000);
            receipts.add(r);
        }
        String json = insert("receipts_json", "ods_raw_change", RowWriter.json(new WarehouseRows.ReceiptRow()), receipts);
        String binary = insert("receipts_binary", "ods_raw_change", RowWriter.rowBinary(new WarehouseRows.ReceiptBinaryRow()), receipts);
        String read = "SELECT * EXCEPT (ingested_at) FROM %s.ods_raw_change ORDER BY source_id, topic, partition, offset FORMAT TSV";
        String fromJson = clickhouse.query(read.formatted(json));
        assertThat(fromJson.lines()).hasSize(receipts.size());
        assertThat(clickhouse.query(read.formatted(binary))).isEqualTo(fromJson);
    }

    /** Writes the rows as the sink writer does (header, rows) and inserts them in one batch into a fresh database. */
    private static <T> String insert(String database, String table, RowWriter<T> rows, List<T> values) throws Exception {
        ClickHouseConnection c = ClickHouseConnection.builder(clickhouse.httpUrl()).database(database).build();
        new Migrator(c).migrate();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        rows.startBatch(buffer);
        for (T v : values) {
            rows.write(v, buffer);
        }
        try (ClickHouseBatchInserter inserter = new ClickHouseBatchInserter(c)) {
            inserter.insert(table, rows.format(), buffer.toByteArray(), values.size(), UUID.randomUUID().toString());
        }
        return database;
    }

    static List<CaseEvent> randomEvents(Random random, int n) {
        List<CaseEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CaseEvent e = new CaseEvent();
            e.eventId = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()) + i;
            e.caseId = "case-" + random.nextInt(n / 3 + 1);
            e.centerId = pick(random, "hn-cs-zwzx", "hn-zz-zwzx");
            e.departmentId = pick(random, "scjg", "zjj", "", null);
            e.departmentIds = random.nextInt(3) == 0 ? null : random.nextBoolean() ? new String[0] : new String[] {"scjg", "公安局", "a\"b"};
            e.windowId = pick(random, "W01", "综合窗口 3", null, "");
            e.itemCode = pick(random, "ITEM-1", null);
            e.itemName = pick(random, "食品经营许可（新办）", "tab\there, newline\nthere, backslash \\ and quote \"", null, "emoji 😀");
            e.caseKind = random.nextInt(4) == 0 ? null : CaseKind.values()[random.nextInt(CaseKind.values().length)];
            e.eventType = EventType.values()[random.nextInt(EventType.values().length)];
            e.stepId = pick(random, "s1", null);
            e.stepName = pick(random, "受理", "审核", null);
            e.handler = pick(random, "lina", "张三", null);
            e.reason = pick(random, "材料不全", null, "");
            e.result = pick(random, "APPROVED", null);
            // Within a year: the table is partitioned by month, and an insert may touch at most 100 partitions.
            e.businessTime = 1_760_000_000_000L + (long) (random.nextDouble() * 365 * 86_400_000L);
            e.sourceCommitTime = e.businessTime + random.nextInt(86_400_000);
            e.committedLimit = random.nextBoolean() ? null : random.nextBoolean() ? Limit.workingDays(1 + random.nextInt(30)) : Limit.immediate();
            e.legalLimit = random.nextBoolean() ? null : Limit.naturalDays(1 + random.nextInt(60));
            e.applicantKey = pick(random, "k" + random.nextInt(1000), null);
            e.applicantPhoneMasked = pick(random, "138****0000", null);
            e.sourceId = pick(random, "lc", "ex", "xd");
            e.sourceTable = pick(random, "public.lc_case", "exchange.ex_step_log");
            e.sourcePosition = pick(random, "lsn:" + random.nextInt(), "mysql-bin.000003:4711:0", "");
            out.add(e);
        }
        return out;
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
