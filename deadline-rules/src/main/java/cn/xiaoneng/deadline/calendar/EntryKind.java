package cn.xiaoneng.deadline.calendar;

import java.util.Locale;

/** What one line of a calendar file says about a date. The keyword is what the file spells. */
public enum EntryKind {
    /**
     * 放假: a statutory holiday day off from a 国务院办公厅 notice, or a local ethnic holiday set under
     * 《全国年节及纪念日放假办法》 Art. 4. Not a working day; counts as a 法定休假日 for 民法典 Art. 203.
     */
    HOLIDAY("holiday", "放假", false),
    /** 闭厅: the center is closed on a day that would otherwise be worked (e.g. an emergency closure). */
    CLOSURE("closure", "闭厅", false),
    /** 调休上班: a Saturday or Sunday worked to make up for a holiday, or a center opening on a day off. */
    WORKDAY("workday", "调休上班", true);

    private final String keyword;
    private final String label;
    private final boolean working;

    EntryKind(String keyword, String label, boolean working) {
        this.keyword = keyword;
        this.label = label;
        this.working = working;
    }

    /** The keyword in the calendar file. */
    public String keyword() {
        return keyword;
    }

    /** The Chinese label users read. */
    public String label() {
        return label;
    }

    /** Whether a date with this entry is a working day. */
    public boolean working() {
        return working;
    }

    /** The kind for a file keyword, or null when the keyword names no entry kind. */
    static EntryKind ofKeyword(String keyword) {
        String k = keyword.toLowerCase(Locale.ROOT);
        for (EntryKind kind : values()) {
            if (kind.keyword.equals(k)) {
                return kind;
            }
        }
        return null;
    }
}
