package cn.xiaoneng.app;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Reads the warehouse over ClickHouse's HTTP interface as tab-separated lines, for assertions. */
final class Warehouse {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String database;

    Warehouse(String url, String database) {
        this.url = url;
        this.database = database;
    }

    List<String> lines(String sql) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/?database=" + database + "&default_format=TSVRaw&query="
                    + URLEncoder.encode(sql, StandardCharsets.UTF_8))).GET().timeout(Duration.ofSeconds(60)).build();
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (resp.statusCode() != 200) {
                throw new IllegalStateException("ClickHouse said " + resp.statusCode() + ": " + resp.body());
            }
            String body = resp.body();
            return body.isEmpty() ? List.of() : Arrays.asList(body.split("\n"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long number(String sql) {
        return Long.parseLong(lines(sql).get(0).trim());
    }
}
