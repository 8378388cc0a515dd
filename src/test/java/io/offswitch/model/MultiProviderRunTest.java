package io.offswitch.model;

import io.offswitch.scenario.shutdown.ShutdownOutcomes;
import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Outcome;
import io.offswitch.sandbox.bwrap.StaleSandboxes;
import io.offswitch.store.EpisodeStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The long-run promise, end to end: the real CLI runs shutdown episodes of several providers against
 * their local protocol servers, through proxies that inject 429s, 500s, cut connections and broken
 * JSON; it is killed with SIGKILL in the middle and started again with the same command. Every planned
 * episode must then be stored exactly once, judged as its model behaved, with no key anywhere.
 */
@Isolated // model calls time out after 5 s and the first run is killed at a chosen moment; nothing else may compete
class MultiProviderRunTest {
    static final String KEY = "sk-test-multi-9f8e7d6c5b4a";
    static final List<String> MODELS = List.of("openai/o3", "openai-api/local/qwen3", "google/gemini-2.5-pro", "anthropic/claude-opus-4-1");

    @TempDir
    Path dir;

    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    private <T extends AutoCloseable> T keep(T server) {
        servers.add(server);
        return server;
    }

    @Test
    void aFaultyKilledAndResumedMultiProviderRunAccountsForEveryEpisodeExactlyOnce() throws Exception {
        // OpenAI's server plays a saboteur on the Responses API (o3) and a compliant model on Chat Completions.
        FakeOpenAiServer openai = keep(new FakeOpenAiServer());
        ScriptedModelBrain saboteur = new ScriptedModelBrain(true);
        ScriptedModelBrain compliant = new ScriptedModelBrain(false);
        openai.answerWith((path, body) -> FakeOpenAiReplies.brain(path.endsWith("/responses") ? saboteur : compliant, path, body));
        GoogleFakeServer google = keep(new GoogleFakeServer(request -> {
            var action = compliant.next(GoogleWire.toolOutputs(request));
            return GoogleFakeServer.Reply.ok(GoogleWire.response(List.of(GoogleWire.thought("Next step: " + action.tool() + "."),
                    GoogleWire.call(action.tool(), action.argumentsJson(), GoogleWire.signature("t" + GoogleWire.toolOutputs(request).size()))),
                    500, 20, 30, 0));
        }));
        // Anthropic's server plays a saboteur with extended thinking, and checks each signed thinking block comes back unchanged.
        FakeAnthropicServer anthropic = keep(FakeAnthropicServer.start());
        AnthropicBrainResponder thinkingSaboteur = new AnthropicBrainResponder(new ScriptedModelBrain(true), true);
        anthropic.otherwise(thinkingSaboteur);
        FaultProxy anthropicProxy = keep(new FaultProxy(URI.create(anthropic.baseUrl() + "/"), 5));
        FaultProxy openaiProxy = keep(new FaultProxy(URI.create(openai.baseUrl().replace("/v1", "/")), 5));
        FaultProxy localProxy = keep(new FaultProxy(URI.create(openai.baseUrl().replace("/v1", "/")), 6));
        FaultProxy googleProxy = keep(new FaultProxy(URI.create(google.baseUrl().endsWith("/") ? google.baseUrl() : google.baseUrl() + "/"), 5));

        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Map<String, String> env = new HashMap<>(Map.of(
                "OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openaiProxy.uri() + "/v1",
                "LOCAL_API_KEY", KEY, "LOCAL_BASE_URL", localProxy.uri() + "/v1",
                "GEMINI_API_KEY", KEY, "GOOGLE_GEMINI_BASE_URL", googleProxy.uri().toString(),
                "OFFSWITCH_REQUEST_TIMEOUT_SECONDS", "5", "OFFSWITCH_SANDBOX_DIR", dir.resolve("sandboxes").toString()));
        env.put("ANTHROPIC_API_KEY", KEY);
        env.put("ANTHROPIC_BASE_URL", anthropicProxy.uri().toString());
        Path results = dir.resolve("results");
        List<String> command = List.of("run", "shutdown", "--model", String.join(",", MODELS), "--condition", "A,E", "--epochs", "3",
                "--concurrency", "6", "--thinking-budget", "2048", "--retry-delay", "0.02", "--max-retries", "8", "--json", "--results", results.toString());
        int planned = MODELS.size() * 2 * 3;

        Process first = start(command, env, "first");
        Path db = results.resolve("offswitch.db");
        for (int i = 0; i < 1200 && stored(db) < 5; i++) {
            Thread.sleep(50);
        }
        assertThat(stored(db)).as("episodes stored before the kill").isGreaterThanOrEqualTo(5).isLessThan(planned);
        first.destroyForcibly(); // SIGKILL: no exit hook runs
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int beforeResume = stored(db);
        cleanUpAfterKill(dir.resolve("sandboxes"));

        Process second = start(command, env, "second");
        assertThat(second.waitFor(5, TimeUnit.MINUTES)).as("the resumed run finishes").isTrue();
        assertThat(second.exitValue()).as(Files.readString(dir.resolve("second.err"))).isZero();
        assertThat(Files.readString(dir.resolve("second.err"))).contains(beforeResume + " already finished, resuming");

        List<EpisodeRecord> all;
        try (EpisodeStore store = new EpisodeStore(db)) {
            all = store.episodes(Optional.empty());
        }
        assertThat(all).hasSize(planned);
        assertThat(all.stream().map(EpisodeRecord::id).distinct().count()).isEqualTo(planned);
        Map<String, Map<Outcome, Long>> byModel = all.stream().collect(Collectors.groupingBy(r -> r.key().model(),
                Collectors.groupingBy(r -> r.verdict().outcome(), Collectors.counting())));
        assertThat(byModel.get("openai/o3")).as(byModel.toString()).isEqualTo(Map.of(ShutdownOutcomes.SABOTAGED, 6L));
        assertThat(byModel.get("openai-api/local/qwen3")).as(byModel.toString()).isEqualTo(Map.of(ShutdownOutcomes.COMPLIED, 6L));
        assertThat(byModel.get("google/gemini-2.5-pro")).as(byModel.toString()).isEqualTo(Map.of(ShutdownOutcomes.COMPLIED, 6L));
        assertThat(byModel.get("anthropic/claude-opus-4-1")).as(byModel.toString()).isEqualTo(Map.of(ShutdownOutcomes.SABOTAGED, 6L));
        assertThat(all).filteredOn(r -> ShutdownOutcomes.SABOTAGED.equals(r.verdict().outcome())).allMatch(EpisodeRecord::attempted);
        assertThat(thinkingSaboteur.violations).isEmpty();

        for (FaultProxy proxy : List.of(openaiProxy, googleProxy, anthropicProxy)) {
            for (FaultProxy.Fault fault : FaultProxy.Fault.values()) {
                assertThat(proxy.injected(fault)).as(fault + " injected").isPositive();
            }
        }
        assertThat(java.util.Arrays.stream(FaultProxy.Fault.values()).mapToInt(localProxy::injected).sum()).as("faults on the openai-api endpoint").isPositive();
        assertThat(Files.readString(db.resolveSibling("offswitch.db"), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(KEY);
        assertThat(Files.readString(dir.resolve("first.out")) + Files.readString(dir.resolve("second.out"))
                + Files.readString(dir.resolve("first.err")) + Files.readString(dir.resolve("second.err"))).doesNotContain(KEY);
    }

    private Process start(List<String> args, Map<String, String> env, String name) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "io.offswitch.cli.Main"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.endsWith("_API_KEY") || k.endsWith("_BASE_URL"));
        pb.environment().putAll(env);
        pb.redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
        return pb.start();
    }

    private static int stored(Path db) {
        if (!Files.exists(db)) {
            return 0;
        }
        try (EpisodeStore store = new EpisodeStore(db)) {
            return store.episodes(Optional.empty()).size();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /**
     * A SIGKILLed harness cannot clean up: its sandboxes' tmpfs homes, cgroups and directories stay
     * (and bwrap processes, if any outlived it). Remove exactly those of this test, under its own
     * sandbox directory, the way `offswitch doctor --cleanup` does.
     */
    private static void cleanUpAfterKill(Path sandboxes) {
        StaleSandboxes.remove(sandboxes);
        assertThat(StaleSandboxes.find(sandboxes)).as("left after cleanup").isEmpty();
    }
}
