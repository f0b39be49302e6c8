package cn.xiaoneng.jobs.common;

import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseEventCodec;
import java.io.IOException;
import org.apache.flink.api.common.serialization.AbstractDeserializationSchema;

/**
 * Kafka value of the canonical topic → {@link CaseEvent} ({@link CaseEventCodec} JSON). A value that cannot be read
 * fails the job: the normalization job wrote it, so it is a bug, not bad input (bad input was dead-lettered there).
 */
public final class CaseEventValue extends AbstractDeserializationSchema<CaseEvent> {
    private static final long serialVersionUID = 1L;
    private transient CaseEventCodec codec;

    @Override
    public CaseEvent deserialize(byte[] message) throws IOException {
        if (codec == null) {
            codec = new CaseEventCodec();
        }
        return codec.decode(message);
    }
}
