package cn.xiaoneng.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ClickHouseConnectionTest {

    @Test
    void defaultsAreUserDefaultNoPasswordDatabaseXiaoneng() {
        ClickHouseConnection c = ClickHouseConnection.of("http://127.0.0.1:8123/");
        assertThat(c.endpoint()).isEqualTo("http://127.0.0.1:8123");
        assertThat(c.username()).isEqualTo("default");
        assertThat(c.password()).isEmpty();
        assertThat(c.database()).isEqualTo("xiaoneng");
    }

    @Test
    void invalidOptionsFailNamingTheKey() {
        assertThatThrownBy(() -> ClickHouseConnection.of("127.0.0.1:8123")).hasMessageContaining("clickhouse.url must be an http");
        assertThatThrownBy(() -> ClickHouseConnection.of("http://127.0.0.1")).hasMessageContaining("explicit port");
        assertThatThrownBy(() -> ClickHouseConnection.of("http://127.0.0.1:8123/?database=x")).hasMessageContaining("scheme://host:port only");
        assertThatThrownBy(() -> ClickHouseConnection.builder("http://h:1").database("a-b").build())
                .hasMessageContaining("clickhouse.database must be a plain identifier");
        assertThatThrownBy(() -> ClickHouseConnection.builder("http://h:1").username(" ").build())
                .hasMessageContaining("clickhouse.username");
    }

    @Test
    void propertiesErrorsNameTheSourceFile() {
        Properties p = new Properties();
        assertThatThrownBy(() -> ClickHouseConnection.fromProperties(p, "conf/demo.properties"))
                .hasMessage("conf/demo.properties: clickhouse.url is required (e.g. http://127.0.0.1:8123)");
        p.setProperty("clickhouse.url", "http://ch:8123");
        p.setProperty("clickhouse.database", "bad name");
        assertThatThrownBy(() -> ClickHouseConnection.fromProperties(p, "conf/demo.properties"))
                .hasMessageStartingWith("conf/demo.properties: clickhouse.database");
        p.setProperty("clickhouse.database", "ops");
        p.setProperty("clickhouse.password", "s3cret");
        ClickHouseConnection c = ClickHouseConnection.fromProperties(p, "conf/demo.properties");
        assertThat(c.database()).isEqualTo("ops");
        assertThat(c.password()).isEqualTo("s3cret");
        assertThat(c.toString()).doesNotContain("s3cret").contains("password=***");
    }

    @Test
    void survivesJavaSerializationAsItDoesInsideAFlinkJobGraph() throws IOException, ClassNotFoundException {
        ClickHouseConnection c = ClickHouseConnection.builder("http://127.0.0.1:8123").password("pw").database("t1").build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(c);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(c);
        }
        assertThat(c.withDatabase("t2").database()).isEqualTo("t2");
        assertThat(c.withDatabase("t2").password()).isEqualTo("pw");
    }
}
