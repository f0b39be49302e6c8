package cn.xiaoneng.alerting.message;

import java.util.List;

/**
 * One notification rendered once for every channel: a title, markdown (DingTalk, WeCom), plain text (email), a short
 * text (SMS) and the structured cards (webhook JSON).
 */
public record Message(String idempotencyKey, String title, String markdown, String plain, String shortText,
        List<CardLine> cards, boolean summary, int totalCards, java.util.Map<String, String> shortFields) {

    /** The short text through another template ({@code {labels}}, {@code {count}}, {@code {first}}, {@code {ackLink}}). */
    public String shortText(String template) {
        String t = template;
        for (java.util.Map.Entry<String, String> e : shortFields.entrySet()) {
            t = t.replace("{" + e.getKey() + "}", e.getValue());
        }
        return t;
    }

    /** One card as listed: the data, its links and the line's heading. */
    public record CardLine(String type, String heading, cn.xiaoneng.alerting.alert.Alert alert, String trackingUrl,
            String ackUrl) {}
}
