package cn.xiaoneng.jobs.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class ThroughputTypesTest {
    @Test
    void everyRecordAndStateTypeIsAPojoNotKryo() {
        for (Class<?> type : new Class<?>[] {ThroughputFact.class, ThroughputRow.class, ThroughputAccumulator.class, CaseState.class, LateFact.class}) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertThat(info).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            // Creating the serializer with generic types disabled fails if any field would fall back to Kryo.
            SerializerConfigImpl config = new SerializerConfigImpl();
            config.setGenericTypes(false);
            assertThat(info.createSerializer(config)).isNotNull();
        }
    }

    @Test
    void functionsSurviveJavaSerialization() throws Exception {
        for (Object f : new Object[] {new CaseEnricher(java.time.Duration.ofDays(4), java.time.Duration.ofDays(60)), new ThroughputAggregate(),
                new ThroughputWindowFunction(), new BucketKey(), new LateFactReporter(Bucket.DAY), new ThroughputRowEncoder()}) {
            byte[] bytes = InstantiationUtil.serializeObject(f);
            assertThat((Object) InstantiationUtil.deserializeObject(bytes, getClass().getClassLoader())).isInstanceOf(f.getClass());
        }
    }
}
