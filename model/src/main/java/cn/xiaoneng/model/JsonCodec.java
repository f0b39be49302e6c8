package cn.xiaoneng.model;

import java.io.Serializable;

/** Turns one record type into UTF-8 JSON bytes and back. Shared by producers, jobs, tests and dashboards. */
public interface JsonCodec<T> extends Serializable {
    byte[] encode(T value);

    /** @throws IllegalArgumentException naming what is wrong with the bytes */
    T decode(byte[] bytes);
}
