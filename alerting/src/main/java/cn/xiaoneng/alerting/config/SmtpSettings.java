package cn.xiaoneng.alerting.config;

/** The SMTP server email receivers are reached through. {@code password} null = no authentication. */
public record SmtpSettings(String host, int port, String username, Secret password, String from, boolean startTls) {}
