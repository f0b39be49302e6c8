package cn.xiaoneng.alerting.config;

import java.util.List;

/** One way of reaching a receiver. The channel types of issue 5; secrets are resolved {@link Secret}s. */
public sealed interface ChannelConfig {
    /** {@code webhook}, {@code dingtalk}, {@code wecom}, {@code email}, {@code sms}: also the dead-letter and retry key. */
    String type();

    /** Where the message goes, safe for logs and the audit trail (no token, no key). */
    String target();

    /** Generic JSON webhook, body signed with HMAC-SHA256 ({@code X-Xiaoneng-Signature}). */
    record Webhook(String url, Secret hmacSecret) implements ChannelConfig {
        public String type() {
            return "webhook";
        }

        public String target() {
            return url;
        }
    }

    /** DingTalk group robot (自定义机器人): markdown message; {@code sign} with the robot's 加签 secret when given. */
    record DingTalk(String baseUrl, Secret accessToken, Secret signSecret) implements ChannelConfig {
        public String type() {
            return "dingtalk";
        }

        public String target() {
            return baseUrl;
        }
    }

    /** WeCom (企业微信) group robot: markdown message to {@code baseUrl?key=…}. */
    record WeCom(String baseUrl, Secret key) implements ChannelConfig {
        public String type() {
            return "wecom";
        }

        public String target() {
            return baseUrl;
        }
    }

    /** Email through the SMTP server of the receivers file. */
    record Email(List<String> to) implements ChannelConfig {
        public String type() {
            return "email";
        }

        public String target() {
            return String.join(",", to);
        }
    }

    /** SMS through the HTTP gateway of the receivers file. */
    record Sms(List<String> phones) implements ChannelConfig {
        public String type() {
            return "sms";
        }

        public String target() {
            return phones.stream().map(Sms::mask).reduce((a, b) -> a + "," + b).orElse("");
        }

        /** 138****0000: phone numbers are personal data; the audit keeps enough to tell them apart. */
        static String mask(String phone) {
            return phone.length() < 7 ? "***" : phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
        }
    }
}
