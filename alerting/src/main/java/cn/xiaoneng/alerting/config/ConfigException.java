package cn.xiaoneng.alerting.config;

/** A routing or settings file is not valid; the message names the file and the key ({@code routes.yaml: route.routes[1].match.level: …}). */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
