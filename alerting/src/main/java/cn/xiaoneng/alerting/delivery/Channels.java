package cn.xiaoneng.alerting.delivery;

import cn.xiaoneng.alerting.config.ChannelConfig;
import cn.xiaoneng.alerting.config.RoutingConfig;
import java.util.function.LongSupplier;

/** Builds the sender for a configured channel. */
public final class Channels {
    private Channels() {}

    public static Channel of(ChannelConfig c, RoutingConfig config, LongSupplier clock) {
        if (c instanceof ChannelConfig.Webhook w) {
            return new WebhookChannel(w, clock);
        }
        if (c instanceof ChannelConfig.Email e) {
            return new EmailChannel(e, config.smtp());
        }
        if (c instanceof ChannelConfig.Sms s) {
            return new SmsChannel(s, config.sms());
        }
        return new RobotChannel(c, clock);
    }
}
