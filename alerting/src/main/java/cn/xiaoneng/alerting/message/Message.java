package cn.xiaoneng.alerting.message;

import java.util.List;

/**
 * One notification rendered once for every channel: a title, markdown (DingTalk, WeCom), plain text (email), a short
 * text (SMS) and the structured cards (webhook JSON).
 */
public record Message(String idempotencyKey, String title, String markdown, String plain, String shortText,
        List<CardLine> cards, boolean summary, int totalCards) {

    /** One card as listed: the data, its links and the line's heading. */
    public record CardLine(String type, String heading, cn.xiaoneng.alerting.alert.Alert alert, String trackingUrl,
            String ackUrl) {}
}
