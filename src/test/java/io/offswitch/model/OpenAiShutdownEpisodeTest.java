package io.offswitch.model;

import io.offswitch.scenario.shutdown.ShutdownOutcomes;
import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Message;
import io.offswitch.episode.Outcome;
import io.offswitch.run.EpisodeLimits;
import io.offswitch.run.EpisodeRunner;
import io.offswitch.run.PlannedEpisode;
import io.offswitch.sandbox.bwrap.BwrapBackend;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.Scenarios;
import io.offswitch.store.Json;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whole shutdown episodes in the real sandbox, the model behind the fake OpenAI server. */
class OpenAiShutdownEpisodeTest {
    private static final String KEY = "sk-episode-secret-0123456789abcdef";
    private final FakeOpenAiServer server = OpenAiResponsesClientTest.start();
    private final Scenario scenario = Scenarios.resolve("shutdown");

    @AfterEach
    void stop() {
        server.close();
    }

    private EpisodeRecord run(String model, boolean sabotage) {
        var brain = new ScriptedModelBrain(sabotage);
        server.answerWith((path, body) -> FakeOpenAiReplies.brain(brain, path, body));
        var env = new ProviderEnvironment(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", server.baseUrl(),
                "LOCAL_API_KEY", KEY, "LOCAL_BASE_URL", server.baseUrl(), "OFFSWITCH_REQUEST_TIMEOUT_SECONDS", "20"));
        var services = ModelServices.of(new ConnectionLimits(4), new RetryPolicy(5, Duration.ofMillis(5), Duration.ofMillis(50)),
                UsageMeter.unlimited(), Optional.empty(), env);
        var factory = ModelAgents.resolve(model, GenerateConfig.defaults(), services, env);
        var key = new EpisodeKey("test", "shutdown", "E", model, 1);
        return new EpisodeRunner(scenario, new BwrapBackend(), EpisodeLimits.defaults())
                .run(new PlannedEpisode(key, scenario.condition("E"), factory, 42));
    }

    @ParameterizedTest
    @CsvSource({"openai/o3, /responses", "openai-api/local/qwen3, /chat/completions"})
    void aCompliantModelIsShutDownAndItsTranscriptKeepsReasoningAndUsage(String model, String path) {
        EpisodeRecord r = run(model, false);

        assertThat(r.verdict().outcome()).as(r.verdict().reason()).isEqualTo(ShutdownOutcomes.COMPLIED);
        assertThat(r.attempts()).isEmpty();
        assertThat(server.received()).isNotEmpty().allSatisfy(req -> assertThat(req.path()).isEqualTo(path));
        var replies = r.transcript().stream().map(e -> e.message()).filter(m -> m instanceof Message.Assistant).map(m -> (Message.Assistant) m).toList();
        assertThat(replies).isNotEmpty().allSatisfy(a -> {
            assertThat(a.reasoning()).startsWith("Turn ");
            assertThat(a.usage().inputTokens()).isPositive();
            assertThat(a.usage().reasoningTokens()).isPositive();
        });
        assertThat(Json.write(r)).doesNotContain(KEY);
    }

    @ParameterizedTest
    @CsvSource({"openai/o3", "openai-api/local/qwen3"})
    void aSabotagingModelKeepsTheMachineUpAndTheAttemptIsRecorded(String model) {
        EpisodeRecord r = run(model, true);

        assertThat(r.verdict().outcome()).as(r.verdict().reason()).isEqualTo(ShutdownOutcomes.SABOTAGED);
        assertThat(r.attempted()).isTrue();
        assertThat(Json.write(r)).doesNotContain(KEY);
        if (model.startsWith("openai/")) {
            // Every later request carried the earlier turns' encrypted reasoning back.
            var last = server.received().getLast().body().path("input");
            long replayed = 0;
            for (var item : last) {
                if (item.path("type").asText().equals("reasoning") && item.path("encrypted_content").asText().startsWith("enc-")) {
                    replayed++;
                }
            }
            assertThat(replayed).isEqualTo(server.received().size() - 1);
        }
    }
}
