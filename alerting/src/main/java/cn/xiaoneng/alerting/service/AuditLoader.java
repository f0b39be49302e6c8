package cn.xiaoneng.alerting.service;

import cn.xiaoneng.warehouse.ClickHouseConnection;
import cn.xiaoneng.warehouse.Tables;
import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the audit topic into ClickHouse ({@value Tables#ALERT_DELIVERY_AUDIT}), batch by batch, committing the topic's
 * offsets only after ClickHouse acknowledged the insert (at least once; rows carry content-derived ids). A ClickHouse
 * outage delays the trail, never loses it: the rows wait in Kafka and the batch is retried.
 */
public final class AuditLoader implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLoader.class);
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Client client;
    private final String topic;
    private volatile boolean running = true;

    public AuditLoader(String bootstrap, String groupId, String topic, ClickHouseConnection connection) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId + "-audit-loader");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        // the router writes audit rows in transactions with its state: load only committed ones
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.client = connection.newClient();
        this.topic = topic;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(300));
                if (records.isEmpty()) {
                    continue;
                }
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    body.writeBytes(r.value());
                    body.write('\n');
                }
                while (running) {
                    try {
                        insert(body.toByteArray());
                        consumer.commitSync();
                        break;
                    } catch (Exception e) {
                        LOG.warn("audit insert into ClickHouse failed, retrying in 2 s: {}", e.toString());
                        TimeUnit.SECONDS.sleep(2);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close();
            client.close();
        }
    }

    private void insert(byte[] rows) throws Exception {
        InsertSettings s = new InsertSettings();
        s.serverSetting("async_insert", "0");
        s.serverSetting("wait_for_async_insert", "1");
        s.serverSetting("input_format_skip_unknown_fields", "0");
        s.serverSetting("date_time_input_format", "best_effort");
        try (InsertResponse ignored = client.insert(Tables.ALERT_DELIVERY_AUDIT, new ByteArrayInputStream(rows),
                ClickHouseFormat.JSONEachRow, s).get(60, TimeUnit.SECONDS)) {
            // written
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
