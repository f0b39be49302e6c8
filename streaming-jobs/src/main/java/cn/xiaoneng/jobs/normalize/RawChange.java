package cn.xiaoneng.jobs.normalize;

/** One record from a raw CDC topic, as read from Kafka: where it sits and its bytes. A Flink POJO. */
public final class RawChange {
    public String topic;
    public int partition;
    public long offset;
    public byte[] key;
    public byte[] value;
    public long kafkaTimestamp;

    public RawChange() {}

    public RawChange(String topic, int partition, long offset, byte[] key, byte[] value, long kafkaTimestamp) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.key = key;
        this.value = value;
        this.kafkaTimestamp = kafkaTimestamp;
    }
}
