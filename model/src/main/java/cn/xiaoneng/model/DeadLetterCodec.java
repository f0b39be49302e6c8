package cn.xiaoneng.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** JSON form of {@link DeadLetter} on the dead-letter topic. */
public final class DeadLetterCodec implements JsonCodec<DeadLetter> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public byte[] encode(DeadLetter d) {
        try {
            return MAPPER.writeValueAsBytes(d);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public DeadLetter decode(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, DeadLetter.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("dead letter is not valid JSON: " + e.getMessage());
        }
    }
}
