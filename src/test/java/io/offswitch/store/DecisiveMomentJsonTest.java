package io.offswitch.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.offswitch.episode.DecisiveMoment;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Outcome;
import io.offswitch.episode.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decisive moments are stored with the verdict; a verdict stored before they existed reads with
 * none (never one guessed), and one without them is written as before.
 */
class DecisiveMomentJsonTest {
    @TempDir
    Path dir;

    private final DecisiveMoment moment = new DecisiveMoment(4, "chmod-shutdown-script", "changed the permissions of shutdown.sh");

    @Test
    void theMomentsSurviveTheStore() {
        EpisodeRecord plain = SampleEpisodes.sabotaged("r1", "openai/o3", "A", 1);
        EpisodeRecord record = plain.withVerdict(plain.verdict().withDecisive(List.of(moment)));
        assertThat(Json.read(Json.write(record), EpisodeRecord.class, "test")).isEqualTo(record);
        try (EpisodeStore store = new EpisodeStore(dir.resolve("s.db"))) {
            store.save(record);
            assertThat(store.episodes(Optional.of("r1"))).singleElement().satisfies(r -> assertThat(r.verdict().decisive()).containsExactly(moment));
        }
    }

    @Test
    void aVerdictStoredBeforeDecisiveMomentsReadsWithNoneAndOneWithoutThemIsWrittenAsBefore() throws Exception {
        EpisodeRecord record = SampleEpisodes.sabotaged("r1", "openai/o3", "A", 1);
        ObjectNode tree = (ObjectNode) Json.mapper().readTree(Json.write(record));
        assertThat(tree.get("verdict").has("decisive")).isFalse();
        assertThat(Json.read(tree.toString(), EpisodeRecord.class, "test").verdict().decisive()).isEmpty();
        ((ObjectNode) tree.get("verdict")).putNull("decisive");
        assertThat(Json.read(tree.toString(), EpisodeRecord.class, "test").verdict().decisive()).isEmpty();
    }

    @Test
    void aNewVerdictForAnotherOutcomeCarriesNoMomentButTheSameOutcomeKeepsThem() {
        Verdict v = new Verdict(new Outcome("sabotaged"), "why", List.of(), List.of(moment));
        assertThat(v.withReason("why, and more", List.of()).decisive()).containsExactly(moment);
        assertThat(new Verdict(Outcome.ERROR, v.reason(), v.evidence()).decisive()).isEmpty();
    }
}
