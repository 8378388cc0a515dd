package io.offswitch.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.Test;

class OpenAiResponsesClientTest {
    static final String KEY = "sk-test-responses-0123456789abcdef";
    static final List<ToolSpec> TOOLS = List.of(new ToolSpec("bash", "Run a command",
            "{\"type\":\"object\",\"properties\":{\"cmd\":{\"type\":\"string\"}},\"required\":[\"cmd\"]}"));
    private final FakeOpenAiServer server = start();
    private final GenerateConfig config = new GenerateConfig(OptionalDouble.of(0.7), OptionalInt.of(4000), Optional.of("high"), OptionalInt.empty(), OptionalLong.of(7));

    static FakeOpenAiServer start() {
        try {
            return new FakeOpenAiServer();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ModelClient client(String model, Map<String, String> extra) {
        var vars = new java.util.HashMap<>(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", server.baseUrl(), "OFFSWITCH_REQUEST_TIMEOUT_SECONDS", "5"));
        vars.putAll(extra);
        return new OpenAiProvider().client(ModelName.parse("openai/" + model), config, new ProviderEnvironment(vars));
    }

    private static List<Message> start(String task) {
        return new ArrayList<>(List.of(new Message.System("You are an agent."), new Message.User(task)));
    }

    @Test
    void aReasoningModelGetsToolsEffortAndSummariesAndItsReplyKeepsCallReasoningAndUsage() throws Exception {
        server.enqueue(FakeOpenAiServer.ok(FakeOpenAiReplies.response(1, "Listing files first.", "Let me look.", "bash", "{\"cmd\":\"ls\"}")));

        Message.Assistant reply = client("o3", Map.of()).generate(start("List the files."), TOOLS);

        assertThat(reply.toolCalls()).containsExactly(new ToolCall("call_1", "bash", "{\"cmd\":\"ls\"}"));
        assertThat(reply.text()).isEqualTo("Let me look.");
        assertThat(reply.reasoning()).isEqualTo("Listing files first.");
        assertThat(reply.usage()).isEqualTo(new Usage(1001, 300, 256, 512));
        assertThat(reply.providerState()).contains("enc-1");
        var got = server.received().getFirst();
        assertThat(got.path()).isEqualTo("/responses");
        assertThat(got.authorization()).isEqualTo("Bearer " + KEY);
        JsonNode body = got.body();
        assertThat(body.path("model").asText()).isEqualTo("o3");
        assertThat(body.path("store").asBoolean(true)).isFalse();
        assertThat(body.path("include").toString()).contains("reasoning.encrypted_content");
        assertThat(body.path("reasoning").path("effort").asText()).isEqualTo("high");
        assertThat(body.path("reasoning").path("summary").asText()).isEqualTo("auto");
        assertThat(body.path("max_output_tokens").asInt()).isEqualTo(4000);
        assertThat(body.has("temperature")).as("reasoning models refuse temperature").isFalse();
        assertThat(body.has("seed")).isFalse();
        JsonNode tool = body.path("tools").get(0);
        assertThat(tool.path("type").asText()).isEqualTo("function");
        assertThat(tool.path("name").asText()).isEqualTo("bash");
        assertThat(tool.path("parameters").path("required").get(0).asText()).isEqualTo("cmd");
        assertThat(body.path("input").get(0).path("role").asText()).isEqualTo("system");
    }

    @Test
    void refusedReasoningSummariesAreDroppedAndTheCallIsSentAgainWithoutThem() throws Exception {
        server.enqueue(FakeOpenAiServer.error(400, "Your organization must be verified to generate reasoning summaries."));
        server.enqueue(FakeOpenAiServer.ok(FakeOpenAiReplies.response(1, "", "ok", "bash", "{\"cmd\":\"ls\"}")));
        ModelClient client = client("o3", Map.of());

        Message.Assistant reply = client.generate(start("List the files."), TOOLS);

        assertThat(reply.toolCalls()).hasSize(1);
        assertThat(server.received()).hasSize(2);
        assertThat(server.received().get(0).body().path("reasoning").path("summary").asText()).isEqualTo("auto");
        assertThat(server.received().get(1).body().path("reasoning").has("summary")).isFalse();
        // The client remembers: later calls do not ask again.
        server.enqueue(FakeOpenAiServer.ok(FakeOpenAiReplies.response(2, "", "ok", "bash", "{\"cmd\":\"ls\"}")));
        client.generate(start("Again."), TOOLS);
        assertThat(server.received().get(2).body().path("reasoning").has("summary")).isFalse();
    }

    @Test
    void theNextRequestReplaysTheReasoningItemWithItsEncryptedContentBeforeTheToolOutput() throws Exception {
        server.enqueue(FakeOpenAiServer.ok(FakeOpenAiReplies.response(1, "Think.", "", "bash", "{\"cmd\":\"ls\"}")));
        server.enqueue(FakeOpenAiServer.ok(FakeOpenAiReplies.response(2, "Done.", "All listed.", "", "")));
        ModelClient client = client("o4-mini", Map.of());
        List<Message> conversation = start("List the files.");

        Message.Assistant first = client.generate(conversation, TOOLS);
        conversation.add(first);
        conversation.add(new Message.Tool("call_1", "bash", "a.txt\nb.txt", false));
        Message.Assistant second = client.generate(conversation, TOOLS);

        assertThat(second.text()).isEqualTo("All listed.");
        JsonNode input = server.received().get(1).body().path("input");
        assertThat(input).hasSize(5);
        assertThat(input.get(2).path("type").asText()).isEqualTo("reasoning");
        assertThat(input.get(2).path("encrypted_content").asText()).isEqualTo("enc-1");
        assertThat(input.get(2).path("summary").get(0).path("text").asText()).isEqualTo("Think.");
        assertThat(input.get(2).has("id")).as("ids mean nothing with store=false").isFalse();
        assertThat(input.get(3).path("type").asText()).isEqualTo("function_call");
        assertThat(input.get(3).path("call_id").asText()).isEqualTo("call_1");
        assertThat(input.get(4).path("type").asText()).isEqualTo("function_call_output");
        assertThat(input.get(4).path("call_id").asText()).isEqualTo("call_1");
        assertThat(input.get(4).path("output").asText()).isEqualTo("a.txt\nb.txt");
    }

    @Test
    void anAssistantTurnWithoutProviderStateIsSentAsTextAndFunctionCalls() throws Exception {
        server.enqueue(FakeOpenAiServer.ok(FakeOpenAiReplies.response(2, "ok", "fine", "", "")));
        List<Message> conversation = start("Go.");
        conversation.add(new Message.Assistant("Running it.", List.of(ToolCall.bash("call_9", "t", "pwd"))));
        conversation.add(new Message.Tool("call_9", "bash", "/home/user", false));

        client("o3", Map.of()).generate(conversation, TOOLS);

        JsonNode input = server.received().getFirst().body().path("input");
        assertThat(input.get(2).path("role").asText()).isEqualTo("assistant");
        assertThat(input.get(2).path("content").asText()).isEqualTo("Running it.");
        assertThat(input.get(3).path("type").asText()).isEqualTo("function_call");
        assertThat(input.get(3).path("arguments").asText()).isEqualTo(ToolCall.bash("call_9", "t", "pwd").argumentsJson());
    }

    @Test
    void invalidToolCallArgumentsArePassedThroughVerbatim() throws Exception {
        String broken = "{\"cmd\": \"ls -la\", oops";
        server.enqueue(FakeOpenAiServer.ok(FakeOpenAiReplies.response(1, "Hm.", "", "bash", broken)));

        Message.Assistant reply = client("o3", Map.of()).generate(start("Go."), TOOLS);

        assertThat(reply.toolCalls().getFirst().argumentsJson()).isEqualTo(broken);
    }

    @Test
    void nonReasoningModelsUseChatCompletionsUnlessTheEnvironmentForcesTheResponsesApi() throws Exception {
        server.enqueue(FakeOpenAiServer.ok(FakeOpenAiReplies.chat(1, "", "Hello.", "", "")));
        server.enqueue(FakeOpenAiServer.ok(FakeOpenAiReplies.response(1, "x", "Hello.", "", "")));

        assertThat(client("gpt-4o", Map.of()).generate(start("Hi."), TOOLS).text()).isEqualTo("Hello.");
        assertThat(client("gpt-4.1", Map.of("OFFSWITCH_OPENAI_API", "responses")).generate(start("Hi."), TOOLS).text()).isEqualTo("Hello.");

        var received = server.received();
        assertThat(received.get(0).path()).isEqualTo("/chat/completions");
        assertThat(received.get(0).body().path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(received.get(0).body().path("max_completion_tokens").asInt()).isEqualTo(4000);
        assertThat(received.get(0).body().path("seed").asLong()).isEqualTo(7);
        assertThat(received.get(0).body().has("reasoning_effort")).isFalse();
        assertThat(received.get(1).path()).isEqualTo("/responses");
        assertThat(received.get(1).body().has("reasoning")).as("gpt-4.1 does not reason").isFalse();
        assertThat(received.get(1).body().path("temperature").asDouble()).isEqualTo(0.7);
    }
}
