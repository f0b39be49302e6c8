package cn.xiaoneng.jobs.clickhouse;

import java.io.Serializable;
import java.util.List;

/**
 * Turns one element into one row of {@code RowBinaryWithNamesAndTypes}: {@link #columns()} names each column the row
 * carries with its ClickHouse type exactly as in the table (ClickHouse checks the names and types in the batch's header
 * against the table and refuses a mismatch), and {@link #encode} writes the values in that order. Columns left out take
 * their table default. Cheaper than JSONEachRow for both sides (no text escaping or time formatting here, no parsing in
 * ClickHouse); used for the tables every record reaches. Stateless and {@link Serializable}, like {@link JsonRowEncoder}.
 */
public interface RowBinaryEncoder<T> extends Serializable {
    /** The columns in the order {@link #encode} writes them. */
    List<Column> columns();

    void encode(T value, RowBinaryRow row);

    /** A column of the target table and its ClickHouse type, e.g. {@code new Column("offset", "UInt64")}. */
    record Column(String name, String type) implements Serializable {}
}
