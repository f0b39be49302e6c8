package cn.xiaoneng.ingestion.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

/** The split list (联办 departments): a literal separator, blanks and repeats dropped, the prepended value first. */
class ValueSpecTest {
    private static String[] split(String separator, String lead, String raw) {
        RowImage row = new RowImage();
        if (lead != null) {
            row.put("lead", TextNode.valueOf(lead));
        }
        if (raw != null) {
            row.put("others", TextNode.valueOf(raw));
        }
        return new ValueSpec("others", null, null, ValueSpec.Protection.NONE, separator, "lead").resolveList(row);
    }

    @Test
    void splitsOnTheSeparatorAndPutsTheLeadFirst() {
        assertThat(split(",", "zjj", "zrzy,xf")).containsExactly("zjj", "zrzy", "xf");
        assertThat(split(",", "zjj", " zrzy , xf ,")).containsExactly("zjj", "zrzy", "xf");
    }

    @Test
    void theSeparatorIsTextNotAPattern() {
        assertThat(split(".", "a", "b.c")).containsExactly("a", "b", "c");
        assertThat(split("||", "a", "b||c|d")).containsExactly("a", "b", "c|d");
    }

    @Test
    void blanksAndRepeatsAreDropped() {
        assertThat(split(",", "zjj", ",,zjj,,xf,xf,")).containsExactly("zjj", "xf");
        assertThat(split(",", null, ",,")).isNull();
    }

    @Test
    void oneDepartmentIsNotAList() {
        assertThat(split(",", "zjj", null)).isNull();
        assertThat(split(",", "zjj", "zjj")).isNull();
        assertThat(split(",", null, "xf")).isNull();
    }
}
