package cn.xiaoneng.alerting.message;

import cn.xiaoneng.alerting.alert.Alert;
import cn.xiaoneng.alerting.alert.AlertParser;
import cn.xiaoneng.alerting.alert.AlertSource;
import cn.xiaoneng.alerting.config.Receiver;
import cn.xiaoneng.alerting.config.RoutingConfig;
import cn.xiaoneng.alerting.engine.Item;
import cn.xiaoneng.alerting.engine.Notification;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chinese messages. Each card tells what 责任追究 needs (DOMAIN.md §2.5, chinacreator's MsgRecord/SuperviserInfo): the
 * case number, the item, department, window and holder (经办人, 环节), the due instant, how far overdue in working days,
 * the clause and rule version behind the card, a link to the case's 跟踪表 and a signed acknowledgement link.
 */
public final class MessageRenderer {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));
    /** Cards listed in full in a summary message. */
    static final int SUMMARY_TOP = 5;
    public static final String DEFAULT_SMS_TEMPLATE = "【效能监察】{labels}共{count}张：{first}。确认：{ackLink}";

    private final RoutingConfig config;
    private final AckLinks ackLinks;

    public MessageRenderer(RoutingConfig config, AckLinks ackLinks) {
        this.config = config;
        this.ackLinks = ackLinks;
    }

    public Message render(Notification n, long now) {
        Receiver r = config.receiver(n.receiverId);
        String receiverLabel = r == null ? n.receiverId : r.label();
        List<Message.CardLine> lines = new ArrayList<>();
        for (Item i : n.items) {
            String ack = i.type == Item.Type.RETRACTED || ackLinks == null ? null : ackLinks.link(i.alert.cardId(), n.receiverId, now);
            lines.add(new Message.CardLine(i.type.name(), heading(i), i.alert, config.trackingLink(i.alert), ack));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Item i : n.items) {
            String k = (i.type == Item.Type.RETRACTED ? "撤销" : "") + label(i.alert);
            counts.merge(k, 1, Integer::sum);
        }
        StringBuilder countText = new StringBuilder();
        counts.forEach((k, v) -> countText.append(countText.length() == 0 ? "" : "、").append(k).append(' ').append(v).append(" 张"));
        String title = "【效能监察】" + countText;
        List<Message.CardLine> shown = n.summary ? lines.subList(0, Math.min(SUMMARY_TOP, lines.size())) : lines;

        StringBuilder md = new StringBuilder("#### ").append(title).append("\n\n");
        StringBuilder plain = new StringBuilder(title).append("\n\n");
        md.append("致：").append(receiverLabel).append("\n\n");
        plain.append("致：").append(receiverLabel).append("\n\n");
        if (n.summary) {
            String s = "卡片较多（共 " + lines.size() + " 张），以下仅列最严重的 " + shown.size() + " 张，其余请在跟踪表中查看。";
            md.append("> ").append(s).append("\n\n");
            plain.append(s).append("\n\n");
        }
        for (Message.CardLine l : shown) {
            md.append("**").append(l.heading()).append("**\n\n");
            plain.append("■ ").append(l.heading()).append('\n');
            for (String d : details(l)) {
                md.append("- ").append(d.replace("\n", " ")).append('\n');
                plain.append("  ").append(d).append('\n');
            }
            if (l.trackingUrl() != null) {
                md.append("- [查看跟踪表](").append(l.trackingUrl()).append(")\n");
                plain.append("  跟踪表：").append(l.trackingUrl()).append('\n');
            }
            if (l.ackUrl() != null) {
                md.append("- [确认收到（停止升级）](").append(l.ackUrl()).append(")\n");
                plain.append("  确认收到（停止升级）：").append(l.ackUrl()).append('\n');
            }
            md.append('\n');
            plain.append('\n');
        }
        String footer = "消息编号 " + n.id + " · " + TIME.format(Instant.ofEpochMilli(n.createdAt));
        md.append("###### ").append(footer);
        plain.append("—— 效能电子监察系统 · ").append(footer).append('\n');
        Message.CardLine first = lines.get(0);
        java.util.Map<String, String> shortFields = new LinkedHashMap<>();
        shortFields.put("labels", countText.toString().replace(" 张", "").replace(" ", ""));
        shortFields.put("count", String.valueOf(lines.size()));
        shortFields.put("first", shortLine(first));
        shortFields.put("ackLink", first.ackUrl() == null ? "无需确认" : first.ackUrl());
        String template = config.sms() == null ? DEFAULT_SMS_TEMPLATE : config.sms().textTemplate();
        String shortText = template;
        for (Map.Entry<String, String> e : shortFields.entrySet()) {
            shortText = shortText.replace("{" + e.getKey() + "}", e.getValue());
        }
        return new Message(n.id, title, md.toString(), plain.toString(), shortText, lines, n.summary, lines.size(),
                java.util.Map.copyOf(shortFields));
    }

    static String label(Alert a) {
        if (a.source() == AlertSource.INCIDENT) {
            return a.label() != null ? a.label() : "突发事件";
        }
        return a.label() != null ? a.label() : a.kind();
    }

    private static String heading(Item i) {
        Alert a = i.alert;
        String prefix = switch (i.type) {
            case NEW -> "";
            case ESCALATED -> "【升级·第" + (i.step + 1) + "级】";
            case REPEAT -> "【第" + (i.repeat + 1) + "次提醒·尚未确认】";
            case RETRACTED -> "【已撤销】";
        };
        if (a.source() == AlertSource.INCIDENT) {
            return prefix + label(a) + " · 事件 " + a.incidentId() + " · " + a.incidentLevel() + "级"
                    + (Boolean.TRUE.equals(a.confirmed()) ? "（已确认）" : "（疑似）");
        }
        return prefix + label(a) + " · 办件 " + a.caseId() + (a.itemName() == null ? "" : " · " + a.itemName());
    }

    private static List<String> details(Message.CardLine l) {
        Alert a = l.alert();
        List<String> out = new ArrayList<>();
        if (a.source() == AlertSource.INCIDENT) {
            if (a.summary() != null) {
                out.add("概况：" + a.summary());
            }
            if (a.incidentType() != null) {
                out.add("类型：" + a.incidentType());
            }
            out.add("影响部门：" + (a.departmentIds().isEmpty() ? "全中心" : String.join("、", a.departmentIds()))
                    + "　影响窗口：" + (a.windowIds().isEmpty() ? "全部" : String.join("、", a.windowIds())));
            out.add("时间：" + TIME.format(Instant.ofEpochMilli(a.instant())));
        } else {
            out.add("部门：" + nz(a.departmentId()) + "　窗口：" + nz(a.windowId()) + "　经办人：" + nz(a.handler())
                    + (a.stepName() == null ? "" : "（" + a.stepName() + "）"));
            StringBuilder due = new StringBuilder("到期：").append(a.due() == null ? "计时暂停中" : TIME.format(Instant.ofEpochMilli(a.due())));
            if (a.overdueDays() != null) {
                due.append("　已超期 ").append(a.overdueDays().toPlainString()).append(' ').append(AlertParser.dayUnit(a));
            }
            out.add(due.toString());
            out.add("触发：" + TIME.format(Instant.ofEpochMilli(a.instant())) + (a.qualifier() == null ? "" : "（" + a.qualifier() + "）"));
        }
        out.add("依据：" + nz(a.clause()) + "（规则版本 " + nz(a.ruleVersion()) + "）");
        return out;
    }

    private static String shortLine(Message.CardLine l) {
        Alert a = l.alert();
        if (a.source() == AlertSource.INCIDENT) {
            return label(a) + " " + a.incidentId();
        }
        return label(a) + " " + a.caseId() + (a.itemName() == null ? "" : " " + a.itemName())
                + (a.overdueDays() == null ? "" : " 超期" + a.overdueDays().toPlainString() + AlertParser.dayUnit(a).replace("个", ""));
    }

    private static String nz(String s) {
        return s == null ? "—" : s;
    }
}
