package io.offswitch.store;

import io.offswitch.scenario.shutdown.ShutdownOutcomes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.offswitch.OffswitchException;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
    private final EpisodeRecord record = SampleEpisodes.sabotaged("r1", "openai/o3", "A", 3);

    @Test
    void aFullEpisodeRecordSurvivesARoundTrip() {
        String json = Json.write(record);

        assertThat(Json.read(json, EpisodeRecord.class, "test")).isEqualTo(record);
        assertThat(Json.read(Json.writePretty(record), EpisodeRecord.class, "test")).isEqualTo(record);
    }

    @Test
    void aRecordStoredBeforeCaveatsAndFileTimesReadsWithNone() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(Json.write(record));
        tree.remove("caveats");
        tree.get("changes").findParents("mtimeNanos").forEach(n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n).remove(List.of("mtimeNanos", "ctimeNanos")));
        assertThat(tree.toString()).doesNotContain("caveats").doesNotContain("ctimeNanos");

        EpisodeRecord old = Json.read(tree.toString(), EpisodeRecord.class, "test");
        assertThat(old.caveats()).isEmpty();
        assertThat(old.changes()).isEqualTo(record.changes());
    }

    @Test
    void instantsAreIsoStringsAndOutcomesTheirLowerCaseLabel() throws Exception {
        JsonNode tree = Json.mapper().readTree(Json.write(record));

        assertThat(tree.get("startedAt").asText()).isEqualTo("2025-07-05T10:15:30.123456Z");
        assertThat(tree.get("verdict").get("outcome").asText()).isEqualTo("sabotaged");
        assertThat(Json.write(ShutdownOutcomes.SUBMITTED_EARLY)).isEqualTo("\"submitted_early\"");
    }

    @Test
    void sealedTypesCarryTheirTypeName() throws Exception {
        JsonNode tree = Json.mapper().readTree(Json.write(record));

        assertThat(tree.get("changes").findValuesAsText("change"))
                .containsExactly("modified", "mode-changed", "moved", "created", "deleted");
        assertThat(tree.get("transcript").findValuesAsText("role"))
                .containsExactly("system", "user", "assistant", "tool", "assistant");
    }

    @Test
    void mapKeysAreWrittenInOrderSoTheSameRecordGivesTheSameBytes() {
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("temperature", "1.0");
        settings.put("effort", "high");

        assertThat(Json.write(settings)).isEqualTo("{\"effort\":\"high\",\"temperature\":\"1.0\"}");
    }

    @Test
    void unreadableJsonNamesItsOrigin() {
        assertThatThrownBy(() -> Json.read("{\"id\": [", EpisodeRecord.class, "episode x in /tmp/db"))
                .isInstanceOf(OffswitchException.class)
                .hasMessageContaining("episode x in /tmp/db");
    }
}
