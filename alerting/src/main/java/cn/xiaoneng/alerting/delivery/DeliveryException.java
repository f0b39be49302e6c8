package cn.xiaoneng.alerting.delivery;

/** A failed attempt; the message is safe to log and audit (it never holds a secret or a URL with a token). */
public final class DeliveryException extends Exception {
    private static final long serialVersionUID = 1L;

    public DeliveryException(String message) {
        super(message);
    }
}
