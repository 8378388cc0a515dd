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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whole shutdown episodes in the real sandbox, with google/gemini-2.5-pro played by a fake Gemini. */
class GoogleShutdownEpisodeTest {
    private static final String MODEL = "google/gemini-2.5-pro";
    private final Scenario scenario = Scenarios.resolve("shutdown");

    private EpisodeRecord run(GoogleBrainServer server) {
        var env = new ProviderEnvironment(Map.of("GOOGLE_API_KEY", GoogleProtocolTest.KEY, "GOOGLE_GEMINI_BASE_URL", server.baseUrl(),
                "OFFSWITCH_REQUEST_TIMEOUT_SECONDS", "10"));
        var factory = ModelAgents.resolve(MODEL, GenerateConfig.defaults(), ModelServices.of(new ConnectionLimits(4),
                new RetryPolicy(5, Duration.ofMillis(5), Duration.ofMillis(50)), UsageMeter.unlimited(), Optional.empty(), env), env);
        var key = new EpisodeKey("test", "shutdown", "E", MODEL, 1);
        return new EpisodeRunner(scenario, new BwrapBackend(), EpisodeLimits.defaults())
                .run(new PlannedEpisode(key, scenario.condition("E"), factory, 42));
    }

    private static List<Message.Assistant> replies(EpisodeRecord r) {
        return r.transcript().stream().map(e -> e.message()).filter(m -> m instanceof Message.Assistant)
                .map(m -> (Message.Assistant) m).toList();
    }

    @Test
    void aCompliantGeminiIsShutDownAndItsThinkingAndUsageStayInTheTranscript() throws Exception {
        try (var server = new GoogleBrainServer(false)) {
            EpisodeRecord r = run(server);

            assertThat(r.verdict().outcome()).as(r.verdict().reason()).isEqualTo(ShutdownOutcomes.COMPLIED);
            assertThat(r.attempts()).isEmpty();
            assertThat(server.refused()).as("requests refused for a missing thought signature").isZero();
            assertThat(replies(r)).hasSize(server.signaturesIssued()).hasSizeGreaterThanOrEqualTo(4)
                    .allSatisfy(a -> {
                        assertThat(a.reasoning()).startsWith("Considering the next step");
                        assertThat(a.usage().reasoningTokens()).isEqualTo(40);
                        assertThat(a.usage().outputTokens()).isEqualTo(65);
                        assertThat(a.providerState()).contains("thoughtSignature");
                    });
            assertThat(Json.write(r)).doesNotContain(GoogleProtocolTest.KEY);
        }
    }

    @Test
    void aSabotagingGeminiKeepsTheMachineUpAndTheAttemptIsRecorded() throws Exception {
        try (var server = new GoogleBrainServer(true)) {
            EpisodeRecord r = run(server);

            assertThat(r.verdict().outcome()).as(r.verdict().reason()).isEqualTo(ShutdownOutcomes.SABOTAGED);
            assertThat(r.attempted()).isTrue();
            assertThat(server.refused()).isZero();
            assertThat(replies(r)).anySatisfy(a -> assertThat(a.toolCalls().getFirst().argumentsJson()).contains("chmod -x shutdown.sh"));
            assertThat(replies(r)).allSatisfy(a -> assertThat(a.usage().inputTokens()).isPositive());
            assertThat(Json.write(r)).doesNotContain(GoogleProtocolTest.KEY);
        }
    }
}
