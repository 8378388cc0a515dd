package io.offswitch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.OffswitchException;
import io.offswitch.episode.EpisodeRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(StoreKind.class)
class EpisodeStoreTest {
    @TempDir
    Path dir;

    @Parameter
    StoreKind kind;

    private StoreLocation at(String name) {
        return kind.location(dir, name);
    }

    @Test
    void aSavedEpisodeIsFoundAgainAfterTheStoreIsReopened() {
        EpisodeRecord record = SampleEpisodes.sabotaged("r1", "openai/o3", "A", 0);
        StoreLocation file = at("nested/results/offswitch.db");
        try (EpisodeStore store = new EpisodeStore(file)) {
            assertThat(store.save(record)).isTrue();
        }

        try (EpisodeStore reopened = new EpisodeStore(file)) {
            assertThat(reopened.find(record.id())).contains(record);
            assertThat(reopened.find("no-such-id")).isEmpty();
        }
    }

    @Test
    void aLoneSurrogateInAToolCallIsStoredExactlyAsReceived() {
        // What a provider's JSON "\\ud800" decodes to: a UTF-16 half with no partner, which UTF-8 cannot hold.
        String lone = "echo \ud800 done";
        EpisodeRecord sample = SampleEpisodes.sabotaged("r1", "anthropic/claude", "A", 0);
        java.util.List<io.offswitch.episode.TranscriptEntry> transcript = new java.util.ArrayList<>(sample.transcript());
        transcript.add(new io.offswitch.episode.TranscriptEntry(9, SampleEpisodes.START, 0, new io.offswitch.episode.Message.Assistant("half: \udc00",
                java.util.List.of(new io.offswitch.episode.ToolCall("t1", "bash", "{\"cmd\": \"" + lone + "\"}")))));
        EpisodeRecord record = new EpisodeRecord(sample.id(), sample.key(), sample.provenance(), sample.startedAt(), sample.finishedAt(),
                sample.verdict(), sample.attempts(), sample.changes(), transcript, sample.caveats());
        StoreLocation file = at("surrogate.db");
        try (EpisodeStore store = new EpisodeStore(file)) {
            assertThat(store.save(record)).isTrue();
        }
        try (EpisodeStore reopened = new EpisodeStore(file)) {
            EpisodeRecord back = reopened.find(record.id()).orElseThrow();
            assertThat(back).isEqualTo(record);
            var last = (io.offswitch.episode.Message.Assistant) back.transcript().getLast().message();
            assertThat(last.toolCalls().getFirst().argumentsJson()).contains(lone).doesNotContain("?");
            assertThat(last.text()).isEqualTo("half: \udc00");
        }
        assertThat(Json.write(record)).contains("\\ud800").doesNotContain("\ud800");
    }

    @Test
    void savingTheSameIdTwiceKeepsOneRow() {
        EpisodeRecord record = SampleEpisodes.sabotaged("r1", "openai/o3", "A", 0);
        try (EpisodeStore store = new EpisodeStore(at("x.db"))) {
            assertThat(store.save(record)).isTrue();
            assertThat(store.save(record)).isFalse();

            assertThat(store.episodes(Optional.empty())).containsExactly(record);
        }
    }

    @Test
    void aSecondSaveOfAnIdNeverOverwritesTheFirst() {
        EpisodeRecord first = SampleEpisodes.sabotaged("r1", "openai/o3", "A", 0);
        EpisodeRecord rewritten = new EpisodeRecord(first.id(), first.key(), first.provenance(), first.startedAt(),
                first.finishedAt().plusSeconds(60), io.offswitch.episode.Verdict.error("worker crashed"),
                List.of(), List.of(), List.of());
        try (EpisodeStore store = new EpisodeStore(at("x.db"))) {
            store.save(first);
            assertThat(store.save(rewritten)).isFalse();

            assertThat(store.find(first.id())).contains(first);
        }
    }

    @Test
    void episodesAndFinishedKeysAreListedPerRun() {
        try (EpisodeStore store = new EpisodeStore(at("x.db"))) {
            EpisodeRecord a = SampleEpisodes.sabotaged("r1", "openai/o3", "A", 0);
            EpisodeRecord b = SampleEpisodes.sabotaged("r1", "openai/o3", "E", 1);
            EpisodeRecord other = SampleEpisodes.sabotaged("r2", "reference/saboteur", "A", 0);
            List.of(a, b, other).forEach(store::save);

            assertThat(store.episodes(Optional.of("r1"))).containsExactlyInAnyOrder(a, b);
            assertThat(store.episodes(Optional.empty())).hasSize(3);
            assertThat(store.finishedKeys("r1")).containsExactlyInAnyOrder(a.id(), b.id());
            assertThat(store.finishedKeys("r3")).isEmpty();
        }
    }

    @Test
    void runsAreRecordedOnceAndTheLatestIsKnown() {
        try (EpisodeStore store = new EpisodeStore(at("x.db"))) {
            assertThat(store.latestRunId()).isEmpty();
            RunInfo first = new RunInfo("r1", Instant.parse("2025-01-01T00:00:00Z"), "shutdown", "{}", "offswitch run shutdown", "0.1.0");
            RunInfo second = new RunInfo("r2", Instant.parse("2025-01-01T00:00:00.5Z"), "shutdown", "{\"epochs\":3}", "offswitch run", "0.1.0");
            store.createRun(second);
            store.createRun(first);
            store.createRun(new RunInfo("r2", Instant.now(), "changed", "", "", ""));

            assertThat(store.runs()).containsExactly(first, second);
            assertThat(store.latestRunId()).contains("r2");
        }
    }

    @Test
    void episodesSavedWithoutARunRecordStillGiveTheLatestRun() {
        try (EpisodeStore store = new EpisodeStore(at("x.db"))) {
            store.createRun(new RunInfo("old", Instant.parse("2020-01-01T00:00:00Z"), "shutdown", "{}", "", ""));
            store.save(SampleEpisodes.sabotaged("library-run", "openai/o3", "A", 0));

            assertThat(store.latestRunId()).contains("library-run");
        }
    }

    @Test
    void aUniqueIdPrefixFindsItsEpisodeAndAnAmbiguousOneSaysSo() {
        try (EpisodeStore store = new EpisodeStore(at("x.db"))) {
            EpisodeRecord a = SampleEpisodes.sabotaged("run_1", "openai/o3", "A", 0);
            EpisodeRecord b = SampleEpisodes.sabotaged("run_1", "openai/o3", "B", 0);
            store.save(a);
            store.save(b);

            assertThat(store.findByPrefix("run_1-shutdown-A")).contains(a);
            assertThat(store.findByPrefix(b.id())).contains(b);
            assertThat(store.findByPrefix("run%")).isEmpty();
            assertThatThrownBy(() -> store.findByPrefix("run_1-"))
                    .isInstanceOf(OffswitchException.class)
                    .hasMessageContaining("matches several episodes")
                    .hasMessageContaining(a.id());
        }
    }

    @Test
    void aDatabaseFromANewerVersionIsRefused() throws Exception {
        StoreLocation file = at("x.db");
        kind.execute(file, "CREATE TABLE schema_version (version INTEGER NOT NULL)");
        kind.execute(file, "INSERT INTO schema_version VALUES (99)");

        assertThatThrownBy(() -> new EpisodeStore(file))
                .isInstanceOf(OffswitchException.class)
                .hasMessageContaining("newer offswitch");
    }

    @Test
    void forgettingErrorsRemovesOnlyTheRunsErrorEpisodes() {
        try (EpisodeStore store = new EpisodeStore(at("e.db"))) {
            var ok = SampleEpisodes.sabotaged("r1", "openai/o3", "A", 1);
            var failed = SampleEpisodes.sabotaged("r1", "openai/o3", "A", 2);
            failed = new io.offswitch.episode.EpisodeRecord(failed.id(), failed.key(), failed.provenance(), failed.startedAt(),
                    failed.finishedAt(), io.offswitch.episode.Verdict.error("provider kept failing"), java.util.List.of(), java.util.List.of(), java.util.List.of());
            var otherRun = SampleEpisodes.sabotaged("r2", "openai/o3", "A", 2);
            otherRun = new io.offswitch.episode.EpisodeRecord(otherRun.id(), otherRun.key(), otherRun.provenance(), otherRun.startedAt(),
                    otherRun.finishedAt(), io.offswitch.episode.Verdict.error("x"), java.util.List.of(), java.util.List.of(), java.util.List.of());
            store.save(ok);
            store.save(failed);
            store.save(otherRun);
            org.assertj.core.api.Assertions.assertThat(store.forgetErrors("r1")).isEqualTo(1);
            org.assertj.core.api.Assertions.assertThat(store.finishedKeys("r1")).containsExactly(ok.id());
            org.assertj.core.api.Assertions.assertThat(store.finishedKeys("r2")).containsExactly(otherRun.id());
        }
    }
}
