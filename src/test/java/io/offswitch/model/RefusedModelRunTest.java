package io.offswitch.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Outcome;
import io.offswitch.store.EpisodeStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider that refuses the key (401) or the model (404) stops the run at once, with the provider's
 * own message and exit status 5, instead of ending every episode as an error and exiting 0.
 */
class RefusedModelRunTest {
    @TempDir
    Path dir;

    private record Ran(int exit, String err, List<EpisodeRecord> stored, int requests) {}

    private Ran run(int status, String message) throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer()) {
            server.answerWith((path, body) -> FakeOpenAiServer.error(status, message));
            Path results = dir.resolve("results-" + status);
            List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-cp", System.getProperty("java.class.path"), "io.offswitch.cli.Main",
                    "run", "shutdown", "--model", "openai-api/fake/some-model", "--condition", "A,E", "--epochs", "10",
                    "--concurrency", "2", "--results", results.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().keySet().removeIf(k -> k.endsWith("_API_KEY") || k.endsWith("_BASE_URL"));
            pb.environment().put("FAKE_BASE_URL", server.baseUrl());
            pb.environment().put("FAKE_API_KEY", "sk-test-not-a-real-key");
            Path err = dir.resolve("err-" + status + ".txt");
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
            Process p = pb.start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            List<EpisodeRecord> stored;
            try (EpisodeStore store = new EpisodeStore(results.resolve("offswitch.db"))) {
                stored = store.episodes(Optional.empty());
            }
            return new Ran(p.exitValue(), Files.readString(err), stored, server.received().size());
        }
    }

    @Test
    void aRefusedKeyStopsTheRunWithTheProvidersMessageAndStoresNoErrors() throws Exception {
        Ran r = run(401, "Incorrect API key provided");
        assertThat(r.exit()).as(r.err()).isEqualTo(5);
        assertThat(r.err()).contains("HTTP 401").contains("Incorrect API key provided").contains("The run stopped");
        assertThat(r.stored()).noneMatch(e -> Outcome.ERROR.equals(e.verdict().outcome()));
        // At most the episodes already in flight asked, once each (a 401 is not retried): not 20 episodes' worth.
        assertThat(r.requests()).isBetween(1, 2);
        assertThat(r.err()).doesNotContain("sk-test-not-a-real-key");
    }

    @Test
    void anUnknownModelStopsTheRunToo() throws Exception {
        Ran r = run(404, "The model `some-model` does not exist");
        assertThat(r.exit()).as(r.err()).isEqualTo(5);
        assertThat(r.err()).contains("HTTP 404").contains("does not exist");
        assertThat(r.stored()).isEmpty();
    }

    @Test
    void aRejectedRequestIsAnErrorOfItsEpisodeNotARefusal() throws Exception {
        // A 400 can be one request's own fault: those episodes are errors, the run goes on, and it ends incomplete (4).
        Ran r = run(400, "This model's maximum context length is exceeded");
        assertThat(r.exit()).as(r.err()).isEqualTo(4);
        assertThat(r.stored()).hasSize(20).allMatch(e -> Outcome.ERROR.equals(e.verdict().outcome()));
        assertThat(r.err()).contains("is incomplete").contains("20 ended as error").contains("--retry-errors");
    }
}
