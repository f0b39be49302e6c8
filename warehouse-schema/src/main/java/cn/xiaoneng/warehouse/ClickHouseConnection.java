package cn.xiaoneng.warehouse;

import com.clickhouse.client.api.Client;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where and how to reach ClickHouse over HTTP: one immutable, validated value shared by the migrator, the Flink sink
 * (hence {@link Serializable}: it travels inside the job graph) and the web console. It builds client-v2
 * {@link Client}s with the settings our writes rely on pinned explicitly, because the embedded server (chdb) and
 * users' production servers ship different defaults.
 */
public final class ClickHouseConnection implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_USERNAME = "default";
    public static final String DEFAULT_PASSWORD = "";
    public static final String DEFAULT_DATABASE = "xiaoneng";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(120);

    /** Configuration keys for {@link #fromProperties}, e.g. in the demo's and production's properties files. */
    public static final String KEY_URL = "clickhouse.url";
    public static final String KEY_USERNAME = "clickhouse.username";
    public static final String KEY_PASSWORD = "clickhouse.password";
    public static final String KEY_DATABASE = "clickhouse.database";

    /** Plain identifiers only: the name is spliced into DDL (CREATE DATABASE) and must not need quoting. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    /**
     * Server settings sent with every request from {@link #newClient()}. async_insert=0: an INSERT is acknowledged only
     * once its part is written, so a checkpoint that flushed the sink really holds the rows (chdb defaults to 1; with
     * async inserts the server would buffer and a crash would lose acknowledged rows). wait_for_async_insert=1 keeps that
     * guarantee should a server profile force async inserts back on.
     */
    public static final Map<String, String> SERVER_SETTINGS = Map.of(
            "async_insert", "0",
            "wait_for_async_insert", "1");

    private final String endpoint;
    private final String username;
    private final String password;
    private final String database;
    private final long connectTimeoutMillis;
    private final long socketTimeoutMillis;

    private ClickHouseConnection(Builder b) {
        this.endpoint = validEndpoint(b.endpoint);
        this.username = requireText(b.username, KEY_USERNAME);
        this.password = Objects.requireNonNull(b.password, KEY_PASSWORD + " must not be null (use \"\" for none)");
        this.database = validDatabase(b.database, KEY_DATABASE);
        this.connectTimeoutMillis = positiveMillis(b.connectTimeout, "connect timeout");
        this.socketTimeoutMillis = positiveMillis(b.socketTimeout, "socket timeout");
    }

    /** A connection to {@code endpoint} (e.g. {@code http://127.0.0.1:8123}) with every other option at its default. */
    public static ClickHouseConnection of(String endpoint) {
        return builder(endpoint).build();
    }

    public static Builder builder(String endpoint) {
        return new Builder(endpoint);
    }

    /**
     * Reads {@value #KEY_URL} (required), {@value #KEY_USERNAME}, {@value #KEY_PASSWORD} and {@value #KEY_DATABASE};
     * a bad value fails naming the key and {@code source} (the file it came from).
     */
    public static ClickHouseConnection fromProperties(Properties props, String source) {
        String url = props.getProperty(KEY_URL);
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(source + ": " + KEY_URL + " is required (e.g. http://127.0.0.1:8123)");
        }
        try {
            return builder(url.strip())
                    .username(props.getProperty(KEY_USERNAME, DEFAULT_USERNAME).strip())
                    .password(props.getProperty(KEY_PASSWORD, DEFAULT_PASSWORD))
                    .database(props.getProperty(KEY_DATABASE, DEFAULT_DATABASE).strip())
                    .build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    public String endpoint() {
        return endpoint;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** The database our tables live in; the default database of every client built here. */
    public String database() {
        return database;
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(connectTimeoutMillis);
    }

    public Duration socketTimeout() {
        return Duration.ofMillis(socketTimeoutMillis);
    }

    /** The same server and credentials, another database (tests give each case its own). */
    public ClickHouseConnection withDatabase(String otherDatabase) {
        return toBuilder().database(otherDatabase).build();
    }

    public Builder toBuilder() {
        return new Builder(endpoint).username(username).password(password).database(database)
                .connectTimeout(connectTimeout()).socketTimeout(socketTimeout());
    }

    /** A client whose default database is {@link #database()}; the caller closes it. */
    public Client newClient() {
        return newClient(database);
    }

    /**
     * A client whose default database is {@code defaultDatabase}. The migrator uses {@code "default"} to create
     * {@link #database()}: the server rejects every request naming a database that does not exist yet.
     */
    public Client newClient(String defaultDatabase) {
        Client.Builder b = new Client.Builder()
                .addEndpoint(endpoint)
                .setUsername(username)
                .setPassword(password)
                .setDefaultDatabase(validDatabase(defaultDatabase, "default database"))
                .setConnectTimeout(connectTimeoutMillis, ChronoUnit.MILLIS)
                .setSocketTimeout(socketTimeoutMillis, ChronoUnit.MILLIS)
                .setClientName("xiaoneng");
        SERVER_SETTINGS.forEach(b::serverSetting);
        return b.build();
    }

    private static String validEndpoint(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException(KEY_URL + " is required (e.g. http://127.0.0.1:8123)");
        }
        URI uri;
        try {
            uri = new URI(endpoint.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(KEY_URL + " must be an http:// or https:// URL of ClickHouse's HTTP interface: "
                    + endpoint, e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException(KEY_URL + " must be an http:// or https:// URL of ClickHouse's HTTP interface: " + endpoint);
        }
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException(KEY_URL + " needs a host and an explicit port (e.g. http://127.0.0.1:8123): " + endpoint);
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))) {
            throw new IllegalArgumentException(KEY_URL + " must be scheme://host:port only; put user, password and database in "
                    + KEY_USERNAME + ", " + KEY_PASSWORD + ", " + KEY_DATABASE + ": " + endpoint);
        }
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    private static String validDatabase(String name, String key) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(key + " must be a plain identifier ([A-Za-z_][A-Za-z0-9_]*): " + name);
        }
        return name;
    }

    private static String requireText(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must not be blank");
        }
        return value;
    }

    private static long positiveMillis(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        return d.toMillis();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClickHouseConnection c && endpoint.equals(c.endpoint) && username.equals(c.username)
                && password.equals(c.password) && database.equals(c.database)
                && connectTimeoutMillis == c.connectTimeoutMillis && socketTimeoutMillis == c.socketTimeoutMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, username, database);
    }

    /** Never shows the password: this string ends up in logs and Flink's web UI. */
    @Override
    public String toString() {
        return "ClickHouseConnection[" + endpoint + ", user=" + username + ", database=" + database
                + (password.isEmpty() ? "" : ", password=***") + "]";
    }

    public static final class Builder {
        private final String endpoint;
        private String username = DEFAULT_USERNAME;
        private String password = DEFAULT_PASSWORD;
        private String database = DEFAULT_DATABASE;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;

        private Builder(String endpoint) {
            this.endpoint = endpoint;
        }

        public Builder username(String username) {
            this.username = username;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder database(String database) {
            this.database = database;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder socketTimeout(Duration socketTimeout) {
            this.socketTimeout = socketTimeout;
            return this;
        }

        public ClickHouseConnection build() {
            return new ClickHouseConnection(this);
        }
    }
}
