package cn.xiaoneng.alerting.engine;

import static cn.xiaoneng.alerting.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xiaoneng.alerting.alert.Alert;
import cn.xiaoneng.alerting.config.RoutingConfigLoader;
import cn.xiaoneng.alerting.config.Silence;
import cn.xiaoneng.deadline.engine.CardKind;
import cn.xiaoneng.model.Times;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Silences created and ended over the API: in force like the file's, stored with the state, audited. */
class ApiSilenceTest {
    private static final long HOUR = 3_600_000L;
    private final EngineHarness h = new EngineHarness(centerConfig(), MON_0900);

    private static String definition(String id, long start, long end) {
        return "{\"id\":\"" + id + "\",\"comment\":\"W02 系统升级\",\"createdBy\":\"中心办公室 王芳\",\"startsAt\":\"" + Times.format(start)
                + "\",\"endsAt\":\"" + Times.format(end) + "\",\"match\":{\"window\":\"W02\"}}";
    }

    private Silence silence(String json) throws Exception {
        return new RoutingConfigLoader(Map.of()).silence(new ObjectMapper().readTree(json), "test", h.config.receivers());
    }

    private AlertEngine.SilenceOutcome create(String id, long start, long end) throws Exception {
        String json = definition(id, start, end);
        AlertEngine.SilenceOutcome o = h.engine.createSilence(silence(json), json, h.now);
        h.advanceTo(h.now);
        return o;
    }

    @Test
    void anApiSilenceHoldsCardsUntilItEnds() throws Exception {
        assertThat(create("w02-upgrade", MON_0900, MON_1100)).isEqualTo(AlertEngine.SilenceOutcome.CREATED);
        Alert yellow = raised(CardKind.YELLOW, "LC1", MON_0900);
        h.feed(yellow);
        h.advanceTo(MON_1100 - 1);
        assertThat(h.to("scjg-window")).isEmpty();
        assertThat(h.audit(AuditEvent.Type.SILENCED)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("w02-upgrade"));
        h.advanceTo(MON_1100 + 10_000);
        assertThat(h.to("scjg-window")).singleElement().satisfies(s -> assertThat(s.cards()).containsExactly(yellow.cardId()));
        assertThat(h.audit(AuditEvent.Type.SILENCE_CREATED)).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("中心办公室 王芳");
            assertThat(e.detail()).startsWith("silence w02-upgrade (W02 系统升级) 2026-03-02T09:00:00+08:00 … 2026-03-02T11:00:00+08:00");
            assertThat(e.cardIds()).isEmpty();
        });
    }

    @Test
    void endingAnApiSilenceEarlyReleasesWhatItHeldAtOnce() throws Exception {
        create("w02-upgrade", MON_0900, TUE_0900);
        Alert yellow = raised(CardKind.YELLOW, "LC1", MON_0900);
        h.feed(yellow);
        h.advanceTo(MON_0900 + HOUR);
        assertThat(h.to("scjg-window")).isEmpty();
        assertThat(h.engine.expireSilence("w02-upgrade", "王芳", h.now)).isEqualTo(AlertEngine.SilenceOutcome.EXPIRED);
        assertThat(h.engine.expireSilence("w02-upgrade", "王芳", h.now)).isEqualTo(AlertEngine.SilenceOutcome.ALREADY_ENDED);
        h.advanceTo(MON_0900 + HOUR + 10_000);
        assertThat(h.to("scjg-window")).singleElement().satisfies(s -> assertThat(s.at()).isEqualTo(MON_0900 + HOUR + 10_000));
        assertThat(h.audit(AuditEvent.Type.SILENCE_EXPIRED)).singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo("王芳"));
        assertThat(h.engine.silences()).filteredOn(v -> v.source().equals("api")).singleElement().satisfies(v -> {
            assertThat(v.expiredBy()).isEqualTo("王芳");
            assertThat(v.silence().endsAt()).isEqualTo(MON_0900 + HOUR);
        });
    }

    @Test
    void anApiSilenceSurvivesARestartAndIsDroppedAfterRetention() throws Exception {
        create("w02-upgrade", MON_0900, TUE_0900);
        h.restart();
        Alert yellow = raised(CardKind.YELLOW, "LC1", MON_0900 + HOUR);
        h.advanceTo(MON_0900 + HOUR);
        h.feed(yellow);
        h.advanceTo(TUE_0900 - 1);
        assertThat(h.to("scjg-window")).isEmpty();
        assertThat(h.store).containsKey(AlertEngine.SILENCE + "w02-upgrade");
        h.advanceTo(TUE_0900 + 46 * 24 * HOUR);
        assertThat(h.store).doesNotContainKey(AlertEngine.SILENCE + "w02-upgrade");
        assertThat(h.engine.silences()).extracting(AlertEngine.SilenceView::source).containsExactly("file");
    }

    @Test
    void idsAreUniqueAcrossFileAndApiAndTheFilesSilencesEndOnlyByEditingIt() throws Exception {
        assertThat(create("spring-festival-closure", MON_0900, TUE_0900)).isEqualTo(AlertEngine.SilenceOutcome.DUPLICATE_ID);
        assertThat(create("late", MON_0900 - 2 * HOUR, MON_0900 - HOUR)).isEqualTo(AlertEngine.SilenceOutcome.ENDS_IN_THE_PAST);
        assertThat(h.engine.expireSilence("spring-festival-closure", "王芳", h.now))
                .isEqualTo(AlertEngine.SilenceOutcome.DECLARED_IN_FILE);
        assertThat(h.engine.expireSilence("nope", "王芳", h.now)).isEqualTo(AlertEngine.SilenceOutcome.NOT_FOUND);
        assertThat(h.audit(AuditEvent.Type.SILENCE_CREATED)).isEmpty();
    }
}
