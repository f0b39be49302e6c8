package cn.xiaoneng.alerting.config;

/**
 * An SMS gateway reached over HTTP (most Chinese providers and government SMS platforms take a POST per message).
 * {@code bodyTemplate} is the request body with {@code {phone}}, {@code {text}} and {@code {idempotencyKey}}
 * replaced (JSON-escaped when the content type is JSON); {@code textTemplate} the SMS text with {@code {count}},
 * {@code {labels}}, {@code {first}} and {@code {ackLink}}. The API key, when given, goes in {@code apiKeyHeader}.
 */
public record SmsGateway(String url, String contentType, String bodyTemplate, String textTemplate, String apiKeyHeader,
        Secret apiKey) {}
