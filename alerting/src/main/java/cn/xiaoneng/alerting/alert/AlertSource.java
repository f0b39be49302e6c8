package cn.xiaoneng.alerting.alert;

/** Which producer a card came from, and so which JSON shape it had. */
public enum AlertSource {
    /** The deadline engine (issue 3): 预警, 黄牌, 红牌, 环节超时, 超时默许, 缺席默认 on {@code xn.deadline.cards}. */
    DEADLINE,
    /** Emergency-incident cards (issue 4) on {@code xn.incident.cards}. */
    INCIDENT
}
