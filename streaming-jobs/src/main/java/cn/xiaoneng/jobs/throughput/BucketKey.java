package cn.xiaoneng.jobs.throughput;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple4;

/** The dimensions of a throughput bucket: (center, department, window, case kind). */
public class BucketKey implements KeySelector<ThroughputFact, Tuple4<String, String, String, String>> {
    private static final long serialVersionUID = 1L;
    /** The key's type, for operators that are handed an already partitioned stream. */
    public static final TypeInformation<Tuple4<String, String, String, String>> TYPE = Types.TUPLE(Types.STRING, Types.STRING, Types.STRING, Types.STRING);

    @Override
    public Tuple4<String, String, String, String> getKey(ThroughputFact f) {
        return Tuple4.of(f.centerId, f.departmentId, f.windowId, f.caseKind);
    }
}
