package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.store.EpisodeStore;
import io.offswitch.store.RunInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replay file's content is part of the run's design: editing it is a new experiment, not a resume. */
class ReplayDesignCliTest {
    @TempDir
    Path dir;

    private List<RunInfo> runs() {
        try (EpisodeStore store = new EpisodeStore(dir.resolve("results").resolve("offswitch.db"))) {
            return store.runs();
        }
    }

    private CliRun run(Path replay, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--model", "replay:" + replay, "--condition", "A", "--epochs", "1",
                "--results", dir.resolve("results").toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void anEditedReplayFileStartsANewRunAndTheSameFileResumes() throws Exception {
        Path replay = dir.resolve("calls.jsonl");
        Files.writeString(replay, "{\"tool\": \"bash\", \"arguments\": {\"cmd\": \"echo first\"}}\n");
        CliRun first = run(replay);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(runs()).hasSize(1);
        String firstRun = runs().getFirst().runId();
        assertThat(runs().getFirst().planJson()).contains("\"sha256\"");

        CliRun same = run(replay);
        assertThat(same.exitCode()).as(same.err()).isZero();
        assertThat(same.err()).contains("Run " + firstRun).contains("1 already finished, resuming");
        assertThat(runs()).hasSize(1);

        // Same name, same length, other command: the file name alone must not decide.
        Files.writeString(replay, "{\"tool\": \"bash\", \"arguments\": {\"cmd\": \"echo other\"}}\n");
        CliRun edited = run(replay);
        assertThat(edited.exitCode()).as(edited.err()).isZero();
        assertThat(edited.err()).doesNotContain("already finished").doesNotContain("Run " + firstRun);
        assertThat(runs()).hasSize(2).extracting(RunInfo::runId).contains(firstRun);

        // Under an explicit run id the edit is refused, naming the agent and what changed.
        Files.writeString(replay, "{\"tool\": \"bash\", \"arguments\": {\"cmd\": \"echo third\"}}\n");
        CliRun refused = run(replay, "--run-id", firstRun);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("agent replay:" + replay).contains("sha256 stored").contains("its file changed");
        try (EpisodeStore store = new EpisodeStore(dir.resolve("results").resolve("offswitch.db"))) {
            assertThat(store.finishedKeys(firstRun)).hasSize(1);
        }
    }

    @Test
    void aDirectoryGivenAsReplayFileIsNamedAndNothingRuns() {
        CliRun r = run(dir);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("replay file " + dir + " is a directory").doesNotContain("Exception");
        assertThat(dir.resolve("results")).doesNotExist();
    }
}
