package cn.xiaoneng.jobs.incident;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.incident.IncidentFact;
import cn.xiaoneng.incident.detect.SilenceDetector;
import cn.xiaoneng.incident.detect.WindowIdleDetector;
import cn.xiaoneng.incident.engine.IncidentCard;
import cn.xiaoneng.incident.engine.IncidentTracker;
import cn.xiaoneng.ingestion.mapping.OpsLogMapper;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class IncidentTypesTest {
    @Test
    void everyRecordAndStateTypeIsAPojoNotKryo() {
        for (Class<?> type : new Class<?>[] {IncidentFact.class, IncidentCard.class, SourceActivity.class, PauseRequest.class, OpenCase.class,
                IncidentRow.class, PlanCheckRow.class}) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertThat(info).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            SerializerConfigImpl config = new SerializerConfigImpl();
            config.setGenericTypes(false);
            assertThat(info.createSerializer(config)).isNotNull();
        }
    }

    @Test
    void functionsAndEncodersSurviveJavaSerialization() throws Exception {
        Duration ttl = Duration.ofDays(400);
        for (Object f : new Object[] {new IncidentFunction(IncidentTracker.perCenter(), ttl),
                new SourceSilenceFunction(SilenceDetector.perCenter(), Map.of("lc", new SourceSilenceFunction.Owner("c", "d")), ttl),
                new WindowIdleFunction(WindowIdleDetector.perCenter(), ttl), new OpenCasesFunction(Duration.ofDays(7), ttl),
                new OpsLogFunction(OpsLogMapper.standard()), new IncidentRows.CardRow(), new IncidentRows.FactRow(), new IncidentRows.CheckRow(),
                new IncidentRows.IncidentTableRow(), new SourceActivityDeserializer()}) {
            byte[] bytes = InstantiationUtil.serializeObject(f);
            assertThat((Object) InstantiationUtil.deserializeObject(bytes, getClass().getClassLoader())).isInstanceOf(f.getClass());
        }
    }
}
