package cn.xiaoneng.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.ingestion.mapping.MappingLoader;
import cn.xiaoneng.model.CaseEvent;
import cn.xiaoneng.model.DeadLetter;
import cn.xiaoneng.model.EventType;
import cn.xiaoneng.model.Limit;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class NormalizeFunctionTest {
    static final byte[] KEY = "normalize-test-key-0001".getBytes(StandardCharsets.UTF_8);
    static final String INDEX_TOPIC = "xn.raw.lc.approval.business_index";

    static RawChange record(String topic, long offset, String key, String value) {
        return new RawChange(topic, 0, offset, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), 1_772_416_800_000L);
    }

    /** A business_index insert of case LC1 submitted 2026-03-02 09:30 local (connect-mode wall-clock millis). */
    static final String LC1_INSERT = "{\"before\":null,\"after\":{\"sblsh\":\"LC1\",\"sxbm\":\"XK-SCJG-001\",\"sxmc\":\"食品经营许可\",\"bjlx\":\"CN\","
            + "\"sjdwdm\":\"scjg\",\"xbdw\":null,\"ckbh\":\"W01\",\"sqrmc\":\"王建国\",\"sqrzjhm\":\"430102199001011234\",\"lxrsj\":\"13812345678\","
            + "\"sbsj\":1772443800000,\"slsj\":null,\"slztdm\":null,\"bslyy\":null,\"cnsx\":5,\"cnsxdw\":\"G\",\"fdsx\":20,\"fdsxdw\":\"G\","
            + "\"bzgzsj\":null,\"bzgzyy\":null,\"bzsj\":null,\"tbcxksrq\":null,\"tbcxqdly\":null,\"tbcxjsrq\":null,\"bjsj\":null,\"bjjgdm\":null,"
            + "\"lqsj\":null,\"update_time\":1772443800000},\"source\":{\"connector\":\"postgresql\",\"db\":\"lc_approval\",\"schema\":\"approval\","
            + "\"table\":\"business_index\",\"lsn\":23456,\"ts_ms\":1772415000500},\"op\":\"c\",\"ts_ms\":1772415000600}";

    private static OneInputStreamOperatorTestHarness<RawChange, CaseEvent> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forProcessFunction(new NormalizeFunction(MappingLoader.builtIns(), KEY));
    }

    @Test
    void mappedRecordEmitsEventAndReceipt() throws Exception {
        try (var h = harness()) {
            h.processElement(record(INDEX_TOPIC, 5, "{\"sblsh\":\"LC1\"}", LC1_INSERT), 0);

            List<CaseEvent> events = h.extractOutputValues();
            assertThat(events).hasSize(1);
            assertThat(events.get(0).eventType).isEqualTo(EventType.SUBMITTED);
            assertThat(events.get(0).legalLimit).isEqualTo(Limit.workingDays(20));
            RawReceipt receipt = h.getSideOutput(NormalizeFunction.RECEIPTS).poll().getValue();
            assertThat(receipt.outcome).isEqualTo(RawReceipt.MAPPED);
            assertThat(receipt.events).isEqualTo(1);
            assertThat(receipt.op).isEqualTo("c");
            assertThat(receipt.offset).isEqualTo(5);
            assertThat(h.getSideOutput(NormalizeFunction.DEAD_LETTERS)).isNull();
        }
    }

    @Test
    void badRecordGoesToDeadLettersAndTheNextOneIsStillMapped() throws Exception {
        try (var h = harness()) {
            h.processElement(record(INDEX_TOPIC, 1, null, "{garbage"), 0);
            h.processElement(record(INDEX_TOPIC, 2, "{\"sblsh\":\"LC1\"}", LC1_INSERT), 0);

            DeadLetter d = h.getSideOutput(NormalizeFunction.DEAD_LETTERS).poll().getValue();
            assertThat(d.reasonCode).isEqualTo("MALFORMED");
            assertThat(d.offset).isEqualTo(1);
            assertThat(d.rawValue).isEqualTo("{garbage");
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(h.getSideOutput(NormalizeFunction.RECEIPTS)).extracting(r -> r.getValue().outcome)
                    .containsExactly(RawReceipt.DEAD_LETTER, RawReceipt.MAPPED);
        }
    }

    @Test
    void heartbeatIsReportedPerSourceAndCountsAsNoCapturedRow() throws Exception {
        try (var h = harness()) {
            h.processElement(record("__debezium-heartbeat.xn.raw.xd", 9, "{\"serverName\":\"xn.raw.xd\"}", "{\"ts_ms\":1772415000999}"), 0);

            SourceHeartbeat hb = h.getSideOutput(NormalizeFunction.HEARTBEATS).poll().getValue();
            assertThat(hb.sourceId).isEqualTo("xd");
            assertThat(hb.heartbeatTime).isEqualTo(1772415000999L);
            assertThat(h.getSideOutput(NormalizeFunction.RECEIPTS)).isNull();
            assertThat(h.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void functionWithAllBuiltInMappingsSurvivesJavaSerialization() throws Exception {
        NormalizeFunction f = new NormalizeFunction(MappingLoader.builtIns(), KEY);
        byte[] bytes = org.apache.flink.util.InstantiationUtil.serializeObject(f);
        assertThat(bytes.length).isGreaterThan(0);
        NormalizeFunction copy = org.apache.flink.util.InstantiationUtil.deserializeObject(bytes, getClass().getClassLoader());
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(copy)) {
            h.processElement(record(INDEX_TOPIC, 5, "{\"sblsh\":\"LC1\"}", LC1_INSERT), 0);
            assertThat(h.extractOutputValues()).hasSize(1);
        }
    }

    @Test
    void everyRecordTypeFlinkSeesIsAPojoNotKryo() {
        for (Class<?> type : new Class<?>[] {CaseEvent.class, DeadLetter.class, RawChange.class, RawReceipt.class, SourceHeartbeat.class, Limit.class}) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertThat(info).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            // Creating the serializer with generic types disabled fails if any field would fall back to Kryo.
            SerializerConfigImpl config = new SerializerConfigImpl();
            config.setGenericTypes(false);
            assertThat(info.createSerializer(config)).isNotNull();
        }
    }
}
