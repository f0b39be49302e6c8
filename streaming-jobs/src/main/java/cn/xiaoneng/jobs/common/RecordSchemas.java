package cn.xiaoneng.jobs.common;

import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.CaseEventCodec;
import cn.xiaoneng.model.DeadLetter;
import cn.xiaoneng.model.DeadLetterCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * Kafka keys and values of the records more than one job writes: canonical case events (normalization, and the
 * incident job's declared pauses) and dead letters.
 */
public final class RecordSchemas {
    private RecordSchemas() {}

    /** Kafka key of a canonical event: its case id, so all events of a case stay in one partition, in order. */
    public static final class CaseKey implements SerializationSchema<CaseEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(CaseEvent e) {
            return e.caseId.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A canonical event as its one-line JSON ({@link CaseEventCodec}). */
    public static final class CaseEventJson implements SerializationSchema<CaseEvent> {
        private static final long serialVersionUID = 1L;
        private final CaseEventCodec codec = new CaseEventCodec();

        @Override
        public byte[] serialize(CaseEvent e) {
            return codec.encode(e);
        }
    }

    /** Kafka key of a dead letter: where the bad record was (topic/partition/offset). */
    public static final class DeadLetterKey implements SerializationSchema<DeadLetter> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(DeadLetter d) {
            return (d.topic + "/" + d.partition + "/" + d.offset).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A dead letter as JSON ({@link DeadLetterCodec}). */
    public static final class DeadLetterJson implements SerializationSchema<DeadLetter> {
        private static final long serialVersionUID = 1L;
        private final DeadLetterCodec codec = new DeadLetterCodec();

        @Override
        public byte[] serialize(DeadLetter d) {
            return codec.encode(d);
        }
    }
}
