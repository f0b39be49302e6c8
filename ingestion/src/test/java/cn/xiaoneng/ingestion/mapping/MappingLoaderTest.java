package cn.xiaoneng.ingestion.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MappingLoaderTest {
    private static final String MINIMAL = """
            source: demo
            center: c1
            department: d1
            tables:
              s.cases:
                caseId: id
                events:
                  - {when: insert, type: SUBMITTED, time: created}
            """;

    @Test
    void builtInMappingsAreValid() {
        List<SourceMapping> all = MappingLoader.builtIns();
        assertThat(all).extracting(SourceMapping::sourceId).containsExactly("lc", "xd", "ex");
        assertThat(all.get(0).tableNames()).containsExactly("approval.business_index", "approval.business_step");
    }

    @Test
    void minimalMappingLoads() {
        SourceMapping m = MappingLoader.parse("demo.yaml", MINIMAL);
        assertThat(m.sourceId()).isEqualTo("demo");
        assertThat(m.tableNames()).containsExactly("s.cases");
    }

    @Test
    void misspelledEventTypeNamesFileAndKey() {
        String broken = MINIMAL.replace("type: SUBMITTED", "type: SUBMITED");
        assertThatThrownBy(() -> MappingLoader.parse("demo.yaml", broken))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith("demo.yaml: tables.s.cases.events[0].type: unknown value 'SUBMITED'");
    }

    @Test
    void missingRequiredKeyNamesFileAndKey() {
        String broken = MINIMAL.replace("    caseId: id\n", "");
        assertThatThrownBy(() -> MappingLoader.parse("demo.yaml", broken))
                .hasMessage("demo.yaml: tables.s.cases.caseId: is required");
    }

    @Test
    void emptySplitSeparatorIsRejected() {
        String broken = MINIMAL.replace("caseId: id", "caseId: id\n    attributes:\n      departmentIds: {column: xbdw, split: \"\"}");
        assertThatThrownBy(() -> MappingLoader.parse("demo.yaml", broken))
                .isInstanceOf(MappingException.class)
                .hasMessage("demo.yaml: tables.s.cases.attributes.departmentIds.split: must be a non-empty value");
    }

    @Test
    void unknownKeyIsAnErrorNotIgnored() {
        String broken = MINIMAL.replace("caseId: id", "caseId: id\n    casId: id");
        assertThatThrownBy(() -> MappingLoader.parse("demo.yaml", broken))
                .hasMessageStartingWith("demo.yaml: tables.s.cases.casId: unknown key");
    }

    @Test
    void codeTableWithUnknownEventTypeIsRejected() {
        String broken = MINIMAL.replace("type: SUBMITTED", "type: {column: st, codes: {\"1\": ACCEPTED, \"2\": DONE}}");
        assertThatThrownBy(() -> MappingLoader.parse("demo.yaml", broken))
                .hasMessageStartingWith("demo.yaml: tables.s.cases.events[0].type.codes.2: unknown value 'DONE'");
    }

    @Test
    void unqualifiedTableIsRejected() {
        String broken = MINIMAL.replace("s.cases:", "cases:");
        assertThatThrownBy(() -> MappingLoader.parse("demo.yaml", broken))
                .hasMessageStartingWith("demo.yaml: tables.cases: table must be qualified");
    }

    @Test
    void badTimeZoneIsRejected() {
        assertThatThrownBy(() -> MappingLoader.parse("demo.yaml", MINIMAL + "timeZone: Mars/Olympus\n"))
                .hasMessage("demo.yaml: timeZone: unknown time zone 'Mars/Olympus'");
    }

    @Test
    void caseKindMustComeThroughACodeTable() {
        String broken = MINIMAL.replace("    caseId: id\n", "    caseId: id\n    attributes:\n      caseKind: kind_col\n");
        assertThatThrownBy(() -> MappingLoader.parse("demo.yaml", broken))
                .hasMessageStartingWith("demo.yaml: tables.s.cases.attributes.caseKind: must be {column: .., codes: {..}}");
    }

    @Test
    void constantCaseKindMustBeAKind() {
        String broken = MINIMAL.replace("    caseId: id\n", "    caseId: id\n    attributes:\n      caseKind: {const: PROMISED}\n");
        assertThatThrownBy(() -> MappingLoader.parse("demo.yaml", broken))
                .hasMessageStartingWith("demo.yaml: tables.s.cases.attributes.caseKind.const: unknown value 'PROMISED'");
    }

    @Test
    void protectWhereItWouldBeIgnoredIsRefused() {
        String broken = MINIMAL.replace("time: created}", "time: created, reason: {column: note, protect: hash}}");
        assertThatThrownBy(() -> MappingLoader.parse("demo.yaml", broken))
                .hasMessageStartingWith("demo.yaml: tables.s.cases.events[0].reason.protect: unknown key");
    }

    @Test
    void fromAndToOnlyApplyToChange() {
        String broken = MINIMAL.replace("when: insert", "when: {set: created, to: [\"1\"]}");
        assertThatThrownBy(() -> MappingLoader.parse("demo.yaml", broken))
                .hasMessage("demo.yaml: tables.s.cases.events[0].when: 'from' and 'to' apply only to {change: column}");
    }

    @Test
    void invalidYamlNamesTheFile() {
        assertThatThrownBy(() -> MappingLoader.parse("demo.yaml", "source: [unclosed"))
                .hasMessageStartingWith("demo.yaml: not valid YAML");
    }
}
