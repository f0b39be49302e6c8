package cn.xiaoneng.jobs.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowBinaryRowTest {
    private static String hex(RowBinaryRow row) {
        return HexFormat.of().formatHex(row.toByteArray());
    }

    @Test
    void integersAreLittleEndianOfTheirWidth() {
        assertThat(hex(new RowBinaryRow().uint8(0xAB))).isEqualTo("ab");
        assertThat(hex(new RowBinaryRow().uint16(0x1234))).isEqualTo("3412");
        assertThat(hex(new RowBinaryRow().uint32(0xFFFFFFFEL))).isEqualTo("feffffff");
        assertThat(hex(new RowBinaryRow().uint64(1L))).isEqualTo("0100000000000000");
        assertThat(hex(new RowBinaryRow().int64(-2L))).isEqualTo("feffffffffffffff");
    }

    @Test
    void aDateTime64OfScaleThreeIsItsEpochMilliseconds() {
        // 1772415000000 ms = 0x19CAC2A9DC0
        assertThat(hex(new RowBinaryRow().dateTime64Millis(1_772_415_000_000L))).isEqualTo("c09d2aac9c010000");
    }

    @Test
    void stringsAreALeb128LengthThenUtf8Bytes() {
        assertThat(hex(new RowBinaryRow().string("ab"))).isEqualTo("026162");
        assertThat(hex(new RowBinaryRow().string("受理"))).isEqualTo("06e58f97e79086");
        assertThat(hex(new RowBinaryRow().string(""))).isEqualTo("00");
        assertThat(hex(new RowBinaryRow().string(null))).as("null is the type's default").isEqualTo("00");
        String long200 = "x".repeat(200);
        assertThat(hex(new RowBinaryRow().string(long200))).startsWith("c801").hasSize(2 * (2 + 200));
        String long20000 = "y".repeat(20_000);
        assertThat(new RowBinaryRow().string(long20000).toByteArray()).hasSize(3 + 20_000);
    }

    @Test
    void nullableStringsCarryANullByte() {
        assertThat(hex(new RowBinaryRow().nullableString(null))).isEqualTo("01");
        assertThat(hex(new RowBinaryRow().nullableString("a"))).isEqualTo("000161");
        assertThat(hex(new RowBinaryRow().nullableString(""))).isEqualTo("0000");
    }

    @Test
    void stringArraysAreACountThenTheStrings() {
        assertThat(hex(new RowBinaryRow().stringArray(new String[] {"a", "bc"}))).isEqualTo("0201610262 63".replace(" ", ""));
        assertThat(hex(new RowBinaryRow().stringArray(null))).isEqualTo("00");
        assertThat(hex(new RowBinaryRow().stringArray(new String[0]))).isEqualTo("00");
    }

    @Test
    void aRowGrowsPastItsFirstBufferAndClears() {
        RowBinaryRow row = new RowBinaryRow();
        for (int i = 0; i < 1000; i++) {
            row.int64(i);
        }
        assertThat(row.toByteArray()).hasSize(8000);
        row.clear();
        assertThat(row.toByteArray()).isEmpty();
    }

    @Test
    void theHeaderNamesThenTypesEachColumn() {
        byte[] header = RowBinaryRow.header(List.of(new RowBinaryEncoder.Column("a", "UInt8"), new RowBinaryEncoder.Column("bc", "String")));
        assertThat(HexFormat.of().formatHex(header)).isEqualTo("02" + "0161" + "026263" + "055549 6e7438".replace(" ", "") + "06537472696e67");
    }
}
