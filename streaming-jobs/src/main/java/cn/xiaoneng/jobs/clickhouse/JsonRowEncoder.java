package cn.xiaoneng.jobs.clickhouse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;

/**
 * Turns one element into one JSONEachRow line: set a field per table column on {@code row} (names as in the
 * migration). It travels inside the job graph, hence {@link Serializable}; keep it stateless. Columns left out take
 * their table default; a field the table lacks fails the insert (see {@link ClickHouseSink}).
 */
@FunctionalInterface
public interface JsonRowEncoder<T> extends Serializable {
    void encode(T value, ObjectNode row);
}
