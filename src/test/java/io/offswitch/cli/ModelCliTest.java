package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.store.EpisodeStore;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model names on the command line: checked before anything runs. */
class ModelCliTest {
    @TempDir
    Path dir;

    private String results() {
        return dir.resolve("results").toString();
    }

    @Test
    void anUnknownProviderListsTheProviders() {
        CliRun r = CliRun.of("run", "--model", "openia/o3", "--results", results());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("openia").contains("openai").contains("anthropic").contains("google").contains("openai-api");
        assertThat(dir.resolve("results")).doesNotExist();
    }

    @Test
    void aMissingKeyIsNamedBeforeAnyEpisodeStarts() {
        // The test JVM's environment has no key for this made-up endpoint.
        CliRun r = CliRun.of("run", "--model", "openai-api/nokeyhere/some-model", "--results", results());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("NOKEYHERE_BASE_URL").contains("NOKEYHERE_API_KEY").contains("nothing was run");
        assertThat(dir.resolve("results")).doesNotExist();
    }

    @Test
    void runningTheSameCommandAgainResumesTheSameRunAndResumeByIdWorks() {
        String[] cmd = {"run", "--model", "reference/compliant", "--condition", "E", "--epochs", "2", "--results", results()};
        CliRun first = CliRun.of(cmd);
        assertThat(first.exitCode()).as(first.err()).isZero();
        CliRun again = CliRun.of(cmd);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).contains("2 already finished, resuming");
        String runId;
        try (EpisodeStore store = new EpisodeStore(dir.resolve("results").resolve("offswitch.db"))) {
            assertThat(store.runs()).hasSize(1);
            runId = store.runs().getFirst().runId();
            assertThat(store.episodes(Optional.of(runId))).hasSize(2);
        }
        CliRun resumed = CliRun.of("run", "--resume", runId, "--results", results());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("Resuming " + runId).contains("2 already finished");
        CliRun unknown = CliRun.of("run", "--resume", "run-nope", "--results", results());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("run-nope").contains(runId);
    }

    @Test
    void retryErrorsRunsTheErroredEpisodesOfARunAgain() throws Exception {
        // A finished run, one of whose episodes is then marked as an error in the store, as a provider outage would leave it.
        String[] cmd = {"run", "--model", "reference/compliant", "--condition", "E", "--epochs", "2", "--results", results()};
        assertThat(CliRun.of(cmd).exitCode()).isZero();
        java.nio.file.Path db = dir.resolve("results").resolve("offswitch.db");
        String runId;
        try (EpisodeStore store = new EpisodeStore(db)) {
            runId = store.runs().getFirst().runId();
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db); var s = c.createStatement()) {
            s.executeUpdate("UPDATE episodes SET outcome = 'error' WHERE epoch = 2");
        }
        CliRun plain = CliRun.of(cmd);
        assertThat(plain.err()).contains("2 already finished");
        CliRun retried = CliRun.of("run", "--resume", runId, "--retry-errors", "--results", results());
        assertThat(retried.exitCode()).as(retried.err()).isZero();
        assertThat(retried.err()).contains("Retrying 1 episode(s)").contains("1 already finished");
        try (EpisodeStore store = new EpisodeStore(db)) {
            assertThat(store.episodes(Optional.of(runId))).hasSize(2)
                    .allSatisfy(r -> assertThat(r.verdict().outcome().label()).isEqualTo("complied"));
        }
    }

    @Test
    void badGenerationSettingsAreRefused() {
        CliRun r = CliRun.of("run", "--model", "reference/compliant", "--reasoning-effort", "extreme", "--results", results());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--reasoning-effort");
    }
}
