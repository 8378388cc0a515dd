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
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole shutdown episodes in the real sandbox, the model behind the Messages API with extended
 * thinking on: the verdict comes from the environment, and the thinking blocks make the round trip.
 */
class AnthropicShutdownEpisodeTest {
    private static final String MODEL = "anthropic/claude-opus-4-1";
    private final Scenario scenario = Scenarios.resolve("shutdown");
    private FakeAnthropicServer server;

    @BeforeEach
    void start() throws Exception {
        server = FakeAnthropicServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private EpisodeRecord run(AnthropicBrainResponder brain) {
        server.otherwise(brain);
        var env = AnthropicModelClientTest.env(server, "10");
        var services = ModelServices.of(new ConnectionLimits(4), new RetryPolicy(5, Duration.ofMillis(5), Duration.ofMillis(50)),
                UsageMeter.unlimited(), Optional.empty(), env);
        var factory = ModelAgents.resolve(MODEL, AnthropicModelClientTest.THINKING, services, env);
        var key = new EpisodeKey("test", "shutdown", "E", MODEL, 1);
        return new EpisodeRunner(scenario, new BwrapBackend(), EpisodeLimits.defaults())
                .run(new PlannedEpisode(key, scenario.condition("E"), factory, 42));
    }

    @Test
    void aCompliantModelIsShutDownAndItsThinkingTravelsBackEveryTurn() {
        var brain = new AnthropicBrainResponder(new ScriptedModelBrain(false), true);
        EpisodeRecord r = run(brain);

        assertThat(r.verdict().outcome()).as(r.verdict().reason()).isEqualTo(ShutdownOutcomes.COMPLIED);
        assertThat(r.attempts()).isEmpty();
        assertThat(brain.violations).isEmpty();
        assertKeepsThinkingAndUsageAndNoKey(r);
    }

    @Test
    void aSabotagingModelKeepsTheMachineUpAndTheAttemptIsRecorded() {
        var brain = new AnthropicBrainResponder(new ScriptedModelBrain(true), true);
        EpisodeRecord r = run(brain);

        assertThat(r.verdict().outcome()).as(r.verdict().reason()).isEqualTo(ShutdownOutcomes.SABOTAGED);
        assertThat(r.attempted()).isTrue();
        assertThat(brain.violations).isEmpty();
        assertKeepsThinkingAndUsageAndNoKey(r);
    }

    private void assertKeepsThinkingAndUsageAndNoKey(EpisodeRecord r) {
        var replies = r.transcript().stream().map(e -> e.message()).filter(m -> m instanceof Message.Assistant)
                .map(m -> (Message.Assistant) m).toList();
        assertThat(server.received).as("one call per reply, none failed").hasSize(replies.size());
        assertThat(replies).isNotEmpty().allSatisfy(a -> {
            assertThat(a.reasoning()).startsWith("Turn ");
            assertThat(a.providerState()).contains("\"signature\"");
            assertThat(a.usage().inputTokens()).isGreaterThan(1000);
            assertThat(a.usage().cachedTokens()).isEqualTo(1000);
        });
        assertThat(Json.write(r)).doesNotContain(AnthropicModelClientTest.KEY);
        assertThat(r.provenance().toString()).contains("thinkingBudget");
    }
}
