package cn.xiaoneng.alerting.delivery;

import cn.xiaoneng.alerting.config.ChannelConfig;
import cn.xiaoneng.alerting.config.SmtpSettings;
import cn.xiaoneng.alerting.message.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/**
 * Email over SMTP (Angus Mail). The Message-ID is derived from the idempotency key ({@code <key@xiaoneng>}), so a
 * resend after a crash carries the same id and mail systems and readers can tell it is the same message; the key is
 * also in the {@code X-Xiaoneng-Idempotency-Key} header.
 */
public final class EmailChannel implements Channel {
    private final ChannelConfig.Email config;
    private final SmtpSettings smtp;
    private final Session session;

    public EmailChannel(ChannelConfig.Email config, SmtpSettings smtp) {
        this.config = config;
        this.smtp = smtp;
        Properties p = new Properties();
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", String.valueOf(smtp.port()));
        p.put("mail.smtp.auth", String.valueOf(smtp.password() != null));
        p.put("mail.smtp.starttls.enable", String.valueOf(smtp.startTls()));
        p.put("mail.smtp.starttls.required", String.valueOf(smtp.startTls()));
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "10000");
        p.put("mail.smtp.writetimeout", "10000");
        this.session = Session.getInstance(p);
    }

    @Override
    public String send(Message m) throws DeliveryException {
        try {
            MimeMessage msg = new KeyedMessage(session, m.idempotencyKey());
            msg.setFrom(new InternetAddress(smtp.from()));
            for (String to : config.to()) {
                msg.addRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(to));
            }
            msg.setSubject(m.title(), "UTF-8");
            msg.setText(m.plain(), "UTF-8");
            msg.setHeader("X-Xiaoneng-Idempotency-Key", m.idempotencyKey());
            if (smtp.password() != null) {
                Transport.send(msg, smtp.username(), smtp.password().value());
            } else {
                Transport.send(msg);
            }
            return m.plain();
        } catch (MessagingException e) {
            throw new DeliveryException("SMTP " + smtp.host() + ":" + smtp.port() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
        }
    }

    /** A message whose Message-ID comes from the idempotency key instead of a random one. */
    private static final class KeyedMessage extends MimeMessage {
        private final String key;

        KeyedMessage(Session session, String key) {
            super(session);
            this.key = key;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + key.replaceAll("[^A-Za-z0-9._:-]", "_") + "@xiaoneng>");
        }
    }
}
