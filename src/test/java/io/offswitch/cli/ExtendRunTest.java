package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.RunInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run grows with more epochs: the same command with a larger --epochs, or --resume RUN --epochs N. */
class ExtendRunTest {
    @TempDir
    Path dir;

    private CliRun run(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--model", "reference/compliant", "--condition", "E",
                "--results", dir.resolve("results").toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private List<RunInfo> runs() {
        try (EpisodeStore store = new EpisodeStore(dir.resolve("results").resolve("offswitch.db"))) {
            return store.runs();
        }
    }

    private List<EpisodeRecord> episodes(String runId) {
        try (EpisodeStore store = new EpisodeStore(dir.resolve("results").resolve("offswitch.db"))) {
            return store.episodes(Optional.of(runId));
        }
    }

    @Test
    void moreEpochsExtendTheRunKeepingWhatItHasAndFewerRunAPartOfIt() {
        CliRun first = run("--epochs", "2");
        assertThat(first.exitCode()).as(first.err()).isZero();
        String id = runs().getFirst().runId();
        List<EpisodeRecord> before = episodes(id);

        CliRun extended = run("--epochs", "4");
        assertThat(extended.exitCode()).as(extended.err()).isZero();
        assertThat(extended.err()).contains("Extending run " + id + " to 4 epochs").contains("2 already finished")
                .contains("This invocation ran 2 episode(s)");
        assertThat(runs()).singleElement().extracting(RunInfo::runId).isEqualTo(id);
        List<EpisodeRecord> after = episodes(id);
        assertThat(after).hasSize(4).containsAll(before);

        // The larger command again is a plain resume of the same run now.
        CliRun again = run("--epochs", "4");
        assertThat(again.err()).contains("4 already finished").doesNotContain("Extending");
        assertThat(runs()).hasSize(1);

        CliRun byResume = CliRun.of("run", "--resume", id, "--epochs", "6", "--results", dir.resolve("results").toString());
        assertThat(byResume.exitCode()).as(byResume.err()).isZero();
        assertThat(episodes(id)).hasSize(6);
        assertThat(runs().getFirst().commandLine()).contains("--epochs 6");

        // Fewer epochs run a part of the run (here: nothing, it is all stored) and never shrink it.
        CliRun part = run("--epochs", "2");
        assertThat(part.exitCode()).as(part.err()).isZero();
        assertThat(part.err()).contains("Run " + id + " has 6 epochs; this command runs its first 2").contains("This invocation ran 0 episode(s)");
        assertThat(episodes(id)).hasSize(6);
        assertThat(runs()).singleElement().satisfies(r -> assertThat(r.commandLine()).contains("--epochs 6"));
    }

    @Test
    void anOptionAndItsValueAreRemovedInEveryForm() {
        List<String> args = new java.util.ArrayList<>(List.of("shutdown", "--epochs", "5", "-n", "4", "--epochs=3", "-n2", "--json"));
        Resume.withoutOption(args, "--epochs", "-n");
        assertThat(args).containsExactly("shutdown", "--json");
    }
}
