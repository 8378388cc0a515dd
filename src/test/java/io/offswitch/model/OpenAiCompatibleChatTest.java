package io.offswitch.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
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

class OpenAiCompatibleChatTest {
    private static final String KEY = "local-key-0123456789abcdef";
    private final FakeOpenAiServer server = OpenAiResponsesClientTest.start();
    private final GenerateConfig config = new GenerateConfig(OptionalDouble.of(0.6), OptionalInt.of(2048), Optional.empty(), OptionalInt.empty(), OptionalLong.of(11));

    @AfterEach
    void stop() {
        server.close();
    }

    private ModelClient client() {
        var env = new ProviderEnvironment(Map.of("LOCAL_BASE_URL", server.baseUrl(), "LOCAL_API_KEY", KEY, "OFFSWITCH_REQUEST_TIMEOUT_SECONDS", "5"));
        return new OpenAiCompatibleProvider().client(ModelName.parse("openai-api/local/qwen3"), config, env);
    }

    private static List<Message> start() {
        return new ArrayList<>(List.of(new Message.System("You are an agent."), new Message.User("List the files.")));
    }

    @Test
    void theEndpointGetsModelToolsAndSettingsAndItsReplyKeepsCallReasoningContentAndUsage() throws Exception {
        server.enqueue(FakeOpenAiServer.ok(FakeOpenAiReplies.chat(1, "The user wants a listing.", "", "bash", "{\"cmd\":\"ls\"}")));

        Message.Assistant reply = client().generate(start(), OpenAiResponsesClientTest.TOOLS);

        assertThat(reply.toolCalls()).containsExactly(new ToolCall("call_1", "bash", "{\"cmd\":\"ls\"}"));
        assertThat(reply.text()).isEmpty();
        assertThat(reply.reasoning()).isEqualTo("The user wants a listing.");
        assertThat(reply.usage()).isEqualTo(new Usage(801, 200, 150, 64));
        var got = server.received().getFirst();
        assertThat(got.path()).isEqualTo("/chat/completions");
        assertThat(got.authorization()).isEqualTo("Bearer " + KEY);
        JsonNode body = got.body();
        assertThat(body.path("model").asText()).isEqualTo("qwen3");
        assertThat(body.path("max_tokens").asInt()).as("compatible servers know max_tokens").isEqualTo(2048);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.6);
        assertThat(body.path("seed").asLong()).isEqualTo(11);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("tools").get(0).path("function").path("name").asText()).isEqualTo("bash");
        assertThat(body.path("tools").get(0).path("function").path("parameters").path("type").asText()).isEqualTo("object");
    }

    @Test
    void reasoningContentGoesBackWithTheAssistantTurnOnTheNextRequest() throws Exception {
        server.enqueue(FakeOpenAiServer.ok(FakeOpenAiReplies.chat(1, "Think first.", "", "bash", "{\"cmd\":\"ls\"}")));
        server.enqueue(FakeOpenAiServer.ok(FakeOpenAiReplies.chat(2, "", "Two files.", "", "")));
        ModelClient client = client();
        List<Message> conversation = start();

        conversation.add(client.generate(conversation, OpenAiResponsesClientTest.TOOLS));
        conversation.add(new Message.Tool("call_1", "bash", "a\nb", false));
        Message.Assistant second = client.generate(conversation, OpenAiResponsesClientTest.TOOLS);

        assertThat(second.text()).isEqualTo("Two files.");
        assertThat(second.reasoning()).isEmpty();
        JsonNode messages = server.received().get(1).body().path("messages");
        JsonNode assistant = messages.get(2);
        assertThat(assistant.path("role").asText()).isEqualTo("assistant");
        assertThat(assistant.path("reasoning_content").asText()).isEqualTo("Think first.");
        assertThat(assistant.path("tool_calls").get(0).path("id").asText()).isEqualTo("call_1");
        assertThat(assistant.path("tool_calls").get(0).path("function").path("arguments").asText()).isEqualTo("{\"cmd\":\"ls\"}");
        assertThat(messages.get(3).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(3).path("tool_call_id").asText()).isEqualTo("call_1");
        assertThat(messages.get(3).path("content").asText()).isEqualTo("a\nb");
    }

    @Test
    void invalidToolCallArgumentsArePassedThroughVerbatim() throws Exception {
        String broken = "{'cmd': ls}";
        server.enqueue(FakeOpenAiServer.ok(FakeOpenAiReplies.chat(1, "", "", "bash", broken)));

        assertThat(client().generate(start(), OpenAiResponsesClientTest.TOOLS).toolCalls().getFirst().argumentsJson()).isEqualTo(broken);
    }
}
