package cn.xiaoneng.alerting.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A POST with a timeout; failures name the URL without its query (where robot tokens live). */
final class HttpPost {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpPost() {}

    static String post(String url, String contentType, String body, Map<String, String> headers) throws DeliveryException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        String shown = withoutQuery(url);
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() / 100 != 2) {
                throw new DeliveryException("HTTP " + r.statusCode() + " from " + shown);
            }
            return r.body();
        } catch (IOException e) {
            throw new DeliveryException(e.getClass().getSimpleName() + " posting to " + shown
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().replace(url, shown)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted posting to " + shown);
        }
    }

    static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
