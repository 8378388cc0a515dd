package io.offswitch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.agent.Agent;
import io.offswitch.agent.AgentException;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.Usage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries, budget, cache and key redaction, the same for every provider, with a client that fails on cue. */
class ModelAgentTest {
    static final String KEY = "sk-secret-0123456789";
    static final ProviderEnvironment ENV = new ProviderEnvironment(Map.of("OPENAI_API_KEY", KEY));
    static final ModelName O3 = ModelName.parse("openai/o3");

    /** Answers from a script of failures and replies, counting calls. */
    static final class ScriptedClient implements ModelClient {
        final Deque<Object> script = new ArrayDeque<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Message.Assistant generate(List<Message> conversation, List<io.offswitch.episode.ToolSpec> tools) throws ModelCallException {
            calls.incrementAndGet();
            Object next = script.isEmpty() ? reply() : script.poll();
            if (next instanceof ModelCallException e) {
                throw e;
            }
            return (Message.Assistant) next;
        }

        static Message.Assistant reply() {
            return new Message.Assistant("", List.of(ToolCall.bash("c1", "t", "ls")), "thinking", new Usage(1000, 200, 50, 0), "{}");
        }
    }

    private static ModelServices services(UsageMeter meter, Optional<ModelCache> cache) {
        return ModelServices.of(new ConnectionLimits(2), new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5)), meter, cache, ENV);
    }

    private static Agent agent(ModelClient client, ModelServices services) {
        return agent(client, services, 1L);
    }

    private static Agent agent(ModelClient client, ModelServices services, long episodeSeed) {
        return new ModelAgent(O3, client, GenerateConfig.defaults(), services, episodeSeed);
    }

    @Test
    void retryableFailuresAreRetriedAndTheReplyComesThrough() throws Exception {
        ScriptedClient client = new ScriptedClient();
        client.script.add(new ModelCallException(ModelCallException.Kind.RATE_LIMITED, 429, Optional.of(Duration.ofMillis(20)), "slow down", null));
        client.script.add(new ModelCallException(ModelCallException.Kind.SERVER_ERROR, "boom", null));
        UsageMeter meter = UsageMeter.unlimited();
        long t0 = System.nanoTime();
        Message.Assistant reply = agent(client, services(meter, Optional.empty())).next(List.of(), List.of());
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(20));
        assertThat(client.calls).hasValue(3);
        assertThat(reply.reasoning()).isEqualTo("thinking");
        assertThat(meter.byModel().get("openai/o3").failedCalls()).isEqualTo(2);
        assertThat(meter.totalTokens()).isEqualTo(1200);
    }

    @Test
    void aRejectedCallIsNotRetriedAndItsErrorNeverShowsTheKey() {
        ScriptedClient client = new ScriptedClient();
        client.script.add(new ModelCallException(ModelCallException.Kind.REJECTED, 401, Optional.empty(), "bad key " + KEY, null));
        assertThatThrownBy(() -> agent(client, services(UsageMeter.unlimited(), Optional.empty())).next(List.of(), List.of()))
                .isInstanceOf(AgentException.class).hasMessageContaining("HTTP 401").hasMessageNotContaining(KEY);
        assertThat(client.calls).hasValue(1);
    }

    @Test
    void aBugOnOurSideIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        ModelClient broken = (conversation, tools) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("stored turn unreadable");
        };
        assertThatThrownBy(() -> agent(broken, services(UsageMeter.unlimited(), Optional.empty())).next(List.of(), List.of()))
                .isInstanceOf(AgentException.class).hasMessageContaining("stored turn unreadable");
        assertThat(calls).hasValue(1);
    }

    @Test
    void aRetryAfterLongerThanTheLongestBackoffIsCapped() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(5));
        var failure = new ModelCallException(ModelCallException.Kind.RATE_LIMITED, 429, Optional.of(Duration.ofHours(1)), "later", null);
        assertThat(policy.delayAfter(1, failure)).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(10).plusSeconds(1));
    }

    @Test
    void retriesStopAtTheLimitAndTheEpisodeGetsAnError() {
        ScriptedClient client = new ScriptedClient();
        for (int i = 0; i < 10; i++) {
            client.script.add(new ModelCallException(ModelCallException.Kind.CONNECTION, "reset", null));
        }
        assertThatThrownBy(() -> agent(client, services(UsageMeter.unlimited(), Optional.empty())).next(List.of(), List.of()))
                .isInstanceOf(AgentException.class).hasMessageContaining("after 4 attempt(s)");
        assertThat(client.calls).hasValue(4);
    }

    @Test
    void theBudgetIsSpentOnceTokensOrCostReachTheLimit() throws Exception {
        UsageMeter tokens = new UsageMeter(PriceTable.builtIn(), Optional.of(2400L), Optional.empty());
        Agent a = agent(new ScriptedClient(), services(tokens, Optional.empty()));
        a.next(List.of(), List.of());
        assertThat(tokens.exhausted()).isEmpty();
        a.next(List.of(), List.of());
        assertThat(tokens.exhausted()).hasValueSatisfying(why -> assertThat(why).contains("2400"));

        UsageMeter cost = new UsageMeter(PriceTable.builtIn(), Optional.empty(), Optional.of(0.003));
        agent(new ScriptedClient(), services(cost, Optional.empty())).next(List.of(), List.of());
        // o3: 1000 input tokens at $2/M and 200 output at $8/M = $0.0036
        assertThat(cost.totalCostUsd()).isCloseTo(0.0036, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(cost.exhausted()).isPresent();
    }

    @Test
    void theCacheAnswersTheSameEpisodesRequestWithoutACallAndAnotherEpisodeOrRequestWithACall(@TempDir Path dir) throws Exception {
        ScriptedClient client = new ScriptedClient();
        try (ModelCache cache = new ModelCache(dir.resolve("cache.db"))) {
            Agent a = agent(client, services(UsageMeter.unlimited(), Optional.of(cache)));
            List<Message> conversation = List.of(new Message.System("sys"), new Message.User("go"));
            Message.Assistant first = a.next(conversation, List.of());
            Message.Assistant second = a.next(conversation, List.of());
            assertThat(client.calls).hasValue(1);
            assertThat(second).isEqualTo(first);
            a.next(List.of(new Message.System("sys"), new Message.User("go on")), List.of());
            assertThat(client.calls).hasValue(2);
            // Another epoch of the same cell is an independent sample, not a replay of this one.
            agent(client, services(UsageMeter.unlimited(), Optional.of(cache)), 2L).next(conversation, List.of());
            assertThat(client.calls).hasValue(3);
        }
    }

    @Test
    void aUserPriceFileAddsModelsAndABadLineIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.csv");
        java.nio.file.Files.writeString(file, "model,input_usd_per_mtok,output_usd_per_mtok,cached_input_usd_per_mtok\nopenai-api/local/qwen3,0.1,0.2,0.05\n");
        PriceTable prices = PriceTable.builtIn().withFile(file);
        assertThat(prices.cost(ModelName.parse("openai-api/local/qwen3"), new Usage(1_000_000, 1_000_000, 0, 0)).orElseThrow())
                .isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(prices.cost(ModelName.parse("openai/o3-2025-04-16"), new Usage(1_000_000, 0, 0, 0))).hasValue(2.0);
        assertThat(prices.cost(ModelName.parse("anthropic/claude-opus-4-1-20250805"), new Usage(1_000_000, 0, 0, 0))).hasValue(15.0);
        // Siblings are other models with other prices: no guess from a shared prefix.
        assertThat(prices.knows(ModelName.parse("openai/o3-pro"))).isFalse();
        assertThat(prices.knows(ModelName.parse("openai/gpt-4o-mini"))).isFalse();
        // The same model name behind another provider or endpoint is another price: none is guessed.
        assertThat(prices.knows(ModelName.parse("openai-api/local/o3"))).isFalse();
        assertThat(prices.knows(ModelName.parse("openai-api/other/qwen3"))).isFalse();
        assertThat(prices.knows(ModelName.parse("openai-api/openrouter/anthropic/claude-opus-4-1"))).isFalse();
        java.nio.file.Files.writeString(file, "model,input_usd_per_mtok,output_usd_per_mtok,cached_input_usd_per_mtok\nqwen3,0.1,0.2,0.05\n");
        assertThatThrownBy(() -> PriceTable.builtIn().withFile(file)).hasMessageContaining("line 2").hasMessageContaining("'qwen3' names no provider");
        java.nio.file.Files.writeString(file, "model,input_usd_per_mtok,output_usd_per_mtok,cached_input_usd_per_mtok\nopenai-api/local/qwen3,cheap,0.2,0.05\n");
        assertThatThrownBy(() -> PriceTable.builtIn().withFile(file)).hasMessageContaining("line 2").hasMessageContaining("cheap");
    }

    @Test
    void aCostBudgetRefusesAModelWithoutAPriceBeforeTheRun() {
        UsageMeter meter = new UsageMeter(PriceTable.builtIn(), Optional.empty(), Optional.of(5.0));
        var env = new ProviderEnvironment(Map.of("LOCAL_BASE_URL", "http://127.0.0.1:9/v1", "LOCAL_API_KEY", KEY));
        assertThatThrownBy(() -> ModelAgents.resolve("openai-api/local/qwen3", GenerateConfig.defaults(), services(meter, Optional.empty()), env))
                .hasMessageContaining("--max-cost").hasMessageContaining("qwen3").hasMessageContaining("--prices");
    }

    @Test
    void endpointUrlsInErrorsLoseTheirCredentials() {
        assertThat(OpenAiCompatibleProvider.withoutCredentials("https://user:pw@example.test:8443/v1?key=abc"))
                .isEqualTo("https://example.test:8443/v1");
    }

    @Test
    void modelNamesParseAndBadOnesSayHowToWriteThem() {
        assertThat(ModelName.parse("openai-api/ollama/qwen3:8b")).satisfies(n -> {
            assertThat(n.provider()).isEqualTo("openai-api");
            assertThat(n.endpoint()).hasValue("ollama");
            assertThat(n.model()).isEqualTo("qwen3:8b");
        });
        assertThat(ModelName.parse("anthropic/claude-opus-4-1").model()).isEqualTo("claude-opus-4-1");
        assertThatThrownBy(() -> ModelName.parse("openai-api/ollama")).hasMessageContaining("openai-api/NAME/MODEL");
        assertThatThrownBy(() -> ModelName.parse("o3")).hasMessageContaining("provider/model");
    }
}
