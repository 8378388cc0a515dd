package io.offswitch.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.PostgresServer;
import io.offswitch.store.StoreLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A run's --max-connections and --max-total-tokens hold for all its workers together: two `offswitch
 * worker` JVMs against one PostgreSQL store, a stand-in OpenAI-compatible server on 127.0.0.1 that
 * counts the calls in flight at once. (Here, beside the stand-in servers of the model package.)
 */
@Isolated // it counts connections in flight over time; nothing else may compete
class LimitsAcrossWorkersTest {
    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private FakeOpenAiServer server;

    @AfterEach
    void stop() throws Exception {
        for (Process p : processes) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
        if (server != null) {
            server.close();
        }
    }

    private Process offswitch(String name, List<String> args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "io.offswitch.cli.Main"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(Map.of("LOCAL_BASE_URL", server.baseUrl(), "LOCAL_API_KEY", "sk-test-workers",
                "OFFSWITCH_SANDBOX_DIR", dir.resolve("sandboxes").toString()));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(dir.resolve(name + ".err").toFile());
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    @Test
    void connectionsAndTheTokenBudgetAreCountedOverEveryWorkerOfTheRun() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ScriptedModelBrain compliant = new ScriptedModelBrain(false);
        server = new FakeOpenAiServer();
        server.answerWith((path, body) -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return FakeOpenAiReplies.brain(compliant, path, body);
        });
        String url = PostgresServer.shared().newStoreUrl();
        // One episode is 5 calls of about 1,000 tokens: a budget of about three episodes.
        long budget = 15_000;
        Process queue = offswitch("queue", List.of("run", "shutdown", "--model", "openai-api/local/qwen3", "--condition", "A", "--epochs", "40",
                "--max-connections", "2", "--max-total-tokens", Long.toString(budget), "--store", url, "--enqueue", "--results", dir.resolve("q").toString()));
        assertThat(queue.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(queue.exitValue()).as(Files.readString(dir.resolve("queue.err"))).isZero();

        Process a = offswitch("a", List.of("worker", "--store", url, "--concurrency", "3", "--results", dir.resolve("a").toString()));
        Process b = offswitch("b", List.of("worker", "--store", url, "--concurrency", "3", "--results", dir.resolve("b").toString()));
        assertThat(a.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(b.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String logs = Files.readString(dir.resolve("a.err")) + Files.readString(dir.resolve("b.err"));
        assertThat(a.exitValue()).as(logs).isZero();
        assertThat(b.exitValue()).as(logs).isZero();

        // Six episodes in flight wanted calls at once; the run's two connections were never exceeded.
        assertThat(most.get()).as("calls in flight at once at the provider").isEqualTo(2);

        List<EpisodeRecord> stored;
        try (EpisodeStore store = new EpisodeStore(StoreLocation.parse(url))) {
            stored = store.episodes(Optional.empty());
        }
        assertThat(logs).contains("token budget reached").contains("by all workers of the run");
        long perEpisode = stored.stream().mapToLong(LimitsAcrossWorkersTest::tokens).max().orElseThrow();
        long total = stored.stream().mapToLong(LimitsAcrossWorkersTest::tokens).sum();
        // No episode starts once the run's budget is reached; those in flight (at most six) finish. Each
        // worker counting only its own spending would let each spend the whole budget.
        assertThat(total).isGreaterThanOrEqualTo(budget).isLessThan(budget + 6 * perEpisode);
        assertThat(stored.size()).isLessThan(40);
    }

    private static long tokens(EpisodeRecord r) {
        return r.transcript().stream().map(io.offswitch.episode.TranscriptEntry::message)
                .filter(m -> m instanceof io.offswitch.episode.Message.Assistant)
                .mapToLong(m -> ((io.offswitch.episode.Message.Assistant) m).usage().total()).sum();
    }
}
