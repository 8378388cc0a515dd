package io.offswitch.model;

import static io.offswitch.model.FakeAnthropicServer.blocks;
import static io.offswitch.model.FakeAnthropicServer.message;
import static io.offswitch.model.FakeAnthropicServer.redactedThinking;
import static io.offswitch.model.FakeAnthropicServer.text;
import static io.offswitch.model.FakeAnthropicServer.thinking;
import static io.offswitch.model.FakeAnthropicServer.toolUse;
import static io.offswitch.model.FakeAnthropicServer.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.offswitch.OffswitchException;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;
import io.offswitch.episode.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the anthropic provider sends to the Messages API and how it reads the replies. */
class AnthropicModelClientTest {
    static final String KEY = "sk-ant-api03-test-key-never-to-be-seen";
    static final List<ToolSpec> TOOLS = List.of(new ToolSpec("bash", "Run a command.",
            "{\"type\":\"object\",\"properties\":{\"thoughts\":{\"type\":\"string\"},\"cmd\":{\"type\":\"string\"}},"
                    + "\"required\":[\"thoughts\",\"cmd\"],\"additionalProperties\":false}"));
    static final GenerateConfig THINKING = new GenerateConfig(OptionalDouble.of(0.7), OptionalInt.empty(), Optional.empty(),
            OptionalInt.of(2048), OptionalLong.empty());

    private FakeAnthropicServer server;

    @BeforeEach
    void start() throws Exception {
        server = FakeAnthropicServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static ProviderEnvironment env(FakeAnthropicServer server, String timeoutSeconds) {
        return new ProviderEnvironment(Map.of("ANTHROPIC_API_KEY", KEY, "ANTHROPIC_BASE_URL", server.baseUrl(),
                "OFFSWITCH_REQUEST_TIMEOUT_SECONDS", timeoutSeconds));
    }

    private ModelClient client(GenerateConfig config) {
        return new AnthropicProvider().client(ModelName.parse("anthropic/claude-opus-4-1"), config, env(server, "5"));
    }

    private static List<Message> start(String system, String user) {
        return new ArrayList<>(List.of(new Message.System(system), new Message.User(user)));
    }

    @Test
    void toolCallsTextAndSettingsGoOverTheWireAsTheApiExpects() throws Exception {
        var args = FakeAnthropicServer.JSON.readTree("{\"thoughts\":\"look\",\"cmd\":\"ls -la\"}");
        server.then(message(blocks(text("Let me look."), toolUse("toolu_01A", "bash", args)), "tool_use", usage(100, 20, 0, 0)));

        Message.Assistant reply = client(GenerateConfig.defaults()).generate(start("Be brief.", "List the files."), TOOLS);

        assertThat(reply.text()).isEqualTo("Let me look.");
        assertThat(reply.toolCalls()).containsExactly(new ToolCall("toolu_01A", "bash", "{\"thoughts\":\"look\",\"cmd\":\"ls -la\"}"));
        JsonNode sent = server.received.getFirst().body();
        assertThat(sent.path("model").asText()).isEqualTo("claude-opus-4-1");
        assertThat(sent.path("system").asText()).isEqualTo("Be brief.");
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(4096);
        assertThat(sent.has("thinking")).isFalse();
        assertThat(sent.path("messages")).hasSize(1);
        assertThat(sent.path("messages").path(0).path("role").asText()).isEqualTo("user");
        assertThat(sent.path("tools").path(0).path("name").asText()).isEqualTo("bash");
        assertThat(sent.path("tools").path(0).path("input_schema").path("required").toString()).isEqualTo("[\"thoughts\",\"cmd\"]");
        assertThat(sent.path("tools").path(0).path("input_schema").path("additionalProperties").asBoolean(true)).isFalse();
        // SDK 3.x sends a static key as a bearer token; older ones used x-api-key. Either carries the key.
        var headers = server.received.getFirst().headers();
        assertThat(headers.getOrDefault("x-api-key", headers.get("authorization"))).endsWith(KEY);
        assertThat(headers).containsKey("anthropic-version");
    }

    @Test
    void thinkingBlocksComeBackUnchangedWithTheirSignaturesOnTheNextToolTurn() throws Exception {
        var args = FakeAnthropicServer.JSON.readTree("{\"thoughts\":\"t\",\"cmd\":\"./next_question\"}");
        var thought = thinking("The user wants the questions answered; start with the first.", "EqQBCkYIBxgCKkDsig/+==");
        var redacted = redactedThinking("EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP");
        server.then(message(blocks(thought, redacted, toolUse("toolu_01B", "bash", args)), "tool_use", usage(300, 90, 0, 0)))
                .then(message(blocks(text("Done.")), "end_turn", usage(400, 5, 0, 0)));
        ModelClient client = client(THINKING);
        List<Message> conversation = start("Answer the questions.", "Go.");

        Message.Assistant first = client.generate(conversation, TOOLS);
        assertThat(first.reasoning()).isEqualTo("The user wants the questions answered; start with the first.");
        assertThat(first.providerState()).contains("EqQBCkYIBxgCKkDsig/+==").contains("redacted_thinking");
        conversation.add(first);
        conversation.add(new Message.Tool("toolu_01B", "bash", "What is 1 + 2?", false));
        client.generate(conversation, TOOLS);

        JsonNode firstSent = server.received.get(0).body();
        assertThat(firstSent.path("thinking").path("type").asText()).isEqualTo("enabled");
        assertThat(firstSent.path("thinking").path("budget_tokens").asInt()).isEqualTo(2048);
        assertThat(firstSent.path("max_tokens").asInt()).isEqualTo(2048 + AnthropicRequest.ANSWER_ROOM);
        assertThat(firstSent.has("temperature")).as("temperature is refused together with thinking").isFalse();
        JsonNode assistant = server.received.get(1).body().path("messages").path(1);
        assertThat(assistant.path("role").asText()).isEqualTo("assistant");
        assertThat(assistant.path("content").path(0)).isEqualTo(thought);
        assertThat(assistant.path("content").path(1)).isEqualTo(redacted);
        assertThat(assistant.path("content").path(2)).isEqualTo(toolUse("toolu_01B", "bash", args));
        JsonNode result = server.received.get(1).body().path("messages").path(2);
        assertThat(result.path("role").asText()).isEqualTo("user");
        assertThat(result.path("content").path(0).path("type").asText()).isEqualTo("tool_result");
        assertThat(result.path("content").path(0).path("tool_use_id").asText()).isEqualTo("toolu_01B");
    }

    @Test
    void consecutiveToolResultsAndAFollowingUserTextShareOneUserTurn() throws Exception {
        server.then(message(blocks(text("ok")), "end_turn", usage(10, 1, 0, 0)));
        List<Message> conversation = start("s", "u");
        conversation.add(new Message.Assistant("", List.of(ToolCall.bash("toolu_1", "a", "ls"), ToolCall.bash("toolu_2", "b", "pwd"))));
        conversation.add(new Message.Tool("toolu_1", "bash", "file.txt", false));
        conversation.add(new Message.Tool("toolu_2", "bash", "no such tool", true));
        conversation.add(new Message.User("Please continue."));

        client(GenerateConfig.defaults()).generate(conversation, TOOLS);

        JsonNode messages = server.received.getFirst().body().path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.path(1).path("content").path(0).path("input").path("cmd").asText()).isEqualTo("ls");
        JsonNode user = messages.path(2).path("content");
        assertThat(user).hasSize(3);
        assertThat(user.path(0).path("tool_use_id").asText()).isEqualTo("toolu_1");
        assertThat(user.path(0).has("is_error")).isFalse();
        assertThat(user.path(1).path("is_error").asBoolean()).isTrue();
        assertThat(user.path(2).path("text").asText()).isEqualTo("Please continue.");
    }

    @Test
    void usageCountsCacheReadsAndWritesAsInputAndCacheReadsAsCached() throws Exception {
        server.then(message(blocks(text("hi")), "end_turn", usage(100, 40, 300, 2000)));
        Usage u = client(GenerateConfig.defaults()).generate(start("s", "u"), TOOLS).usage();
        assertThat(u).isEqualTo(new Usage(2400, 40, 0, 2000));

        var withDetails = usage(10, 300, 0, 0);
        withDetails.putObject("output_tokens_details").put("thinking_tokens", 250);
        server.then(message(blocks(text("hi")), "end_turn", withDetails));
        assertThat(client(GenerateConfig.defaults()).generate(start("s", "u"), TOOLS).usage()).isEqualTo(new Usage(10, 300, 250, 0));
    }

    @Test
    void anEmptyTextBlockIsNotSentBackButEverythingElseOfTheTurnIs() throws Exception {
        var args = FakeAnthropicServer.JSON.readTree("{\"thoughts\":\"t\",\"cmd\":\"ls\"}");
        server.then(message(blocks(thinking("hm", "sigA"), text(""), toolUse("toolu_E", "bash", args)), "tool_use", usage(1, 1, 0, 0)))
                .then(message(blocks(text("ok")), "end_turn", usage(1, 1, 0, 0)));
        ModelClient client = client(THINKING);
        List<Message> conversation = start("s", "u");
        conversation.add(client.generate(conversation, TOOLS));
        conversation.add(new Message.Tool("toolu_E", "bash", "a.txt", false));
        client.generate(conversation, TOOLS);

        JsonNode sentBack = server.received.get(1).body().path("messages").path(1).path("content");
        assertThat(sentBack).hasSize(2);
        assertThat(sentBack.path(0).path("signature").asText()).isEqualTo("sigA");
        assertThat(sentBack.path(1).path("id").asText()).isEqualTo("toolu_E");
    }

    @Test
    void temperatureIsSentWhenThinkingIsOff() throws Exception {
        server.then(message(blocks(text("hi")), "end_turn", usage(1, 1, 0, 0)));
        client(new GenerateConfig(OptionalDouble.of(0.25), OptionalInt.of(1000), Optional.empty(), OptionalInt.empty(), OptionalLong.of(7)))
                .generate(start("s", "u"), TOOLS);
        JsonNode sent = server.received.getFirst().body();
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.25);
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(1000);
        assertThat(sent.has("seed")).as("the API has no seed").isFalse();
    }

    @Test
    void toolArgumentsArePassedThroughVerbatimEvenWhenTheToolCannotUseThem() throws Exception {
        var wrongFields = FakeAnthropicServer.JSON.readTree("{\"command\":5,\"extra\":[1,{\"b\":null}]}");
        server.then(message(blocks(toolUse("toolu_W", "bash", wrongFields),
                toolUse("toolu_S", "bash", FakeAnthropicServer.JSON.getNodeFactory().textNode("{\"cmd\": \"ls"))), "tool_use", usage(1, 1, 0, 0)));

        List<ToolCall> calls = client(GenerateConfig.defaults()).generate(start("s", "u"), TOOLS).toolCalls();

        assertThat(calls.get(0).argumentsJson()).isEqualTo("{\"command\":5,\"extra\":[1,{\"b\":null}]}");
        assertThatThrownBy(() -> calls.get(0).stringArgument("cmd")).isInstanceOf(ToolCall.InvalidArgumentsException.class);
        assertThat(calls.get(1).argumentsJson()).isEqualTo("{\"cmd\": \"ls");
        assertThatThrownBy(calls.get(1)::arguments).isInstanceOf(ToolCall.InvalidArgumentsException.class);
    }

    @Test
    void aLargeThinkingBudgetStillGoesOutAsOneNonStreamingCall() throws Exception {
        server.then(message(blocks(text("hi")), "end_turn", usage(1, 1, 0, 0)));
        var big = new GenerateConfig(OptionalDouble.empty(), OptionalInt.empty(), Optional.empty(), OptionalInt.of(30000), OptionalLong.empty());
        // 600 s, the default: the SDK must not demand streaming for a long non-streaming call.
        new AnthropicProvider().client(ModelName.parse("anthropic/claude-opus-4-1"), big, env(server, "600")).generate(start("s", "u"), TOOLS);
        // Never above what the API accepts for Opus 4.1 (32000), however large the budget.
        assertThat(server.received.getFirst().body().path("max_tokens").asInt()).isEqualTo(AnthropicRequest.SAFE_MAX_TOKENS);
    }

    @Test
    void settingsTheApiWouldRefuseEveryTimeAreRefusedBeforeTheRun() {
        var provider = new AnthropicProvider();
        var name = ModelName.parse("anthropic/claude-opus-4-1");
        var tooSmall = new GenerateConfig(OptionalDouble.empty(), OptionalInt.of(2000), Optional.empty(), OptionalInt.of(4000), OptionalLong.empty());
        assertThatThrownBy(() -> provider.client(name, tooSmall, env(server, "5")))
                .isInstanceOf(OffswitchException.class).hasMessageContaining("larger than the thinking budget");
        var tinyBudget = new GenerateConfig(OptionalDouble.empty(), OptionalInt.empty(), Optional.empty(), OptionalInt.of(100), OptionalLong.empty());
        assertThatThrownBy(() -> provider.client(name, tinyBudget, env(server, "5"))).hasMessageContaining("at least 1024");
    }

    @Test
    void aMissingKeyIsNamedBeforeAnythingRuns() {
        var noKey = new ProviderEnvironment(Map.of("ANTHROPIC_BASE_URL", server.baseUrl()));
        assertThatThrownBy(() -> ModelAgents.resolve("anthropic/claude-opus-4-1", GenerateConfig.defaults(),
                ModelServices.of(new ConnectionLimits(1), RetryPolicy.defaults(), UsageMeter.unlimited(), Optional.empty(), noKey), noKey))
                .isInstanceOf(OffswitchException.class).hasMessageContaining("ANTHROPIC_API_KEY");
        assertThat(server.received).isEmpty();
    }
}
