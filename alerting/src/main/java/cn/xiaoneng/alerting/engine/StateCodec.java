package cn.xiaoneng.alerting.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** JSON of the router's state entries (cards, receivers' groups, the outbox): the values of the state topic. */
public final class StateCodec {
    static final ObjectMapper MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private StateCodec() {}

    public static byte[] encode(Object o) {
        try {
            return MAPPER.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + o.getClass().getSimpleName(), e);
        }
    }

    public static <T> T decode(byte[] b, Class<T> type) {
        try {
            return MAPPER.readValue(b, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
