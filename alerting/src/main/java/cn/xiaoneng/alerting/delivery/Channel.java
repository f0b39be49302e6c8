package cn.xiaoneng.alerting.delivery;

import cn.xiaoneng.alerting.message.Message;

/** Sends one rendered message on one channel; returns what was sent (for the audit trail) or throws on failure. */
public interface Channel {
    String send(Message m) throws DeliveryException;
}
