package cn.xiaoneng.alerting.config;

import java.time.Duration;
import java.util.ArrayList;
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
 * @param directory null for a configured body or group; else this receiver is a template for the people the card
 *     resolves to in the directory (its holder, its window's lead, its department's leader), each told as
 *     {@code <id>@<person id>} on the template's email and SMS channels with the person's own address and phone
 * @param fallback for a directory receiver: who is told instead when the directory has nobody for a card and no later
 *     step of the card's plan is left (null: the next step only)
 */
public record Receiver(String id, String label, Role role, List<ChannelConfig> channels, Duration groupWait,
        Duration groupInterval, Duration repeatInterval, int maxRepeats, int rateMax, Duration ratePer, int summaryAbove,
        Directory.Lookup directory, String fallback) {
    /** Separates a directory receiver's id from the person's in the id of whom it told: {@code handler@p-lina}. */
    public static final char PERSON = '@';

    /** The configured receiver of a receiver id as told ({@code handler@p-lina} → {@code handler}). */
    public static String baseId(String id) {
        int at = id.indexOf(PERSON);
        return at < 0 ? id : id.substring(0, at);
    }

    /**
     * This template for one person: the id {@code <id>@<person>}, the label with the person's name, and only the
     * channels the person can be reached on (SMS with a phone, email with an address); null when none.
     */
    public Receiver forPerson(Person p) {
        List<ChannelConfig> own = new ArrayList<>();
        for (ChannelConfig c : channels) {
            if (c instanceof ChannelConfig.Sms && p.phone() != null) {
                own.add(new ChannelConfig.Sms(List.of(p.phone())));
            } else if (c instanceof ChannelConfig.Email && p.email() != null) {
                own.add(new ChannelConfig.Email(List.of(p.email())));
            }
        }
        if (own.isEmpty()) {
            return null;
        }
        return new Receiver(id + PERSON + p.id(), label + " " + p.name(), role, List.copyOf(own), groupWait, groupInterval,
                repeatInterval, maxRepeats, rateMax, ratePer, summaryAbove, null, null);
    }

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
