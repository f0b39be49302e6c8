package cn.xiaoneng.alerting.config;

import java.time.Duration;
import java.util.List;

/**
 * Who is told: a person's or body's channels and its storm protection. Roles follow the escalation ladders of
 * DOMAIN.md §2.4 (个人 → 科室负责人 → 分管领导; 催办 → 督办 → 通报): the handler, the window lead (窗口负责人), the
 * department's window leader (部门领导), the center's office, the supervisory body (监察机构).
 *
 * @param groupWait how long the first card waits for others before a message goes out
 * @param groupInterval at most one message per this interval (cards arriving meanwhile are grouped)
 * @param repeatInterval an unacknowledged card is told again after this
 * @param maxRepeats how many times at most (cards never "resolve" on their own: a completed case's 黄牌 stays raised)
 * @param rateMax at most this many messages per {@code ratePer}; beyond, messages wait and grow into one
 * @param summaryAbove a message with more cards than this lists counts and the most severe cards only
 */
public record Receiver(String id, String label, Role role, List<ChannelConfig> channels, Duration groupWait,
        Duration groupInterval, Duration repeatInterval, int maxRepeats, int rateMax, Duration ratePer, int summaryAbove) {

    public enum Role {
        HANDLER("经办人"), WINDOW_LEAD("窗口负责人"), DEPARTMENT_LEADER("部门领导"), CENTER_OFFICE("中心办公室"),
        SUPERVISORY("监察机构");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
