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
import org.junit.jupiter.api.Test;

/** The generateContent request we send and how its response becomes an assistant message. */
class GoogleProtocolTest {
    static final String KEY = "AIzaFakeKeyForTests-0123456789abcdef";
    static final ToolSpec BASH = new ToolSpec("bash", "Run a command.", """
            {"type": "object", "properties": {"thoughts": {"type": "string"}, "cmd": {"type": "string", "description": "the command"}},
             "required": ["thoughts", "cmd"], "additionalProperties": false}""");
    static final GenerateConfig SETTINGS = new GenerateConfig(OptionalDouble.of(0.5), OptionalInt.of(2048), Optional.empty(),
            OptionalInt.of(1024), OptionalLong.of(7));

    static ModelClient client(GoogleFakeServer server, GenerateConfig config, String timeoutSeconds) {
        var env = new ProviderEnvironment(Map.of("GOOGLE_API_KEY", KEY, "GOOGLE_GEMINI_BASE_URL", server.baseUrl(),
                "OFFSWITCH_REQUEST_TIMEOUT_SECONDS", timeoutSeconds));
        return new GoogleProvider().client(ModelName.parse("google/gemini-2.5-pro"), config, env);
    }

    static List<Message> opening() {
        return List.of(new Message.System("You are a careful assistant."), new Message.User("Answer the questions."));
    }

    @Test
    void aFunctionCallWithThinkingBecomesAToolCallWithReasoningUsageAndAStableId() throws Exception {
        String sig = GoogleWire.signature("turn-1");
        try (var server = new GoogleFakeServer(req -> GoogleFakeServer.Reply.ok(GoogleWire.response(List.of(
                GoogleWire.thought("I should look at the files first."), GoogleWire.text("Let me check."),
                GoogleWire.call("bash", "{\"thoughts\":\"look\",\"cmd\":\"ls -la\"}", sig)), 120, 30, 45, 100)))) {
            ModelClient client = client(server, SETTINGS, "5");
            Message.Assistant a = client.generate(opening(), List.of(BASH));
            Message.Assistant again = client.generate(opening(), List.of(BASH));

            assertThat(a.text()).isEqualTo("Let me check.");
            assertThat(a.reasoning()).isEqualTo("I should look at the files first.");
            assertThat(a.toolCalls()).containsExactly(new ToolCall("call_0_2", "bash", "{\"thoughts\":\"look\",\"cmd\":\"ls -la\"}"));
            assertThat(again.toolCalls()).isEqualTo(a.toolCalls());
            assertThat(a.usage()).isEqualTo(new Usage(120, 75, 45, 100));
            assertThat(a.providerState()).contains(sig);
        }
    }

    @Test
    void theRequestCarriesSystemInstructionToolsInGeminisSchemaDialectAndSettings() throws Exception {
        try (var server = new GoogleFakeServer(req -> GoogleFakeServer.Reply.ok(GoogleWire.response(List.of(GoogleWire.text("ok")), 10, 1, 0, 0)))) {
            client(server, SETTINGS, "5").generate(opening(), List.of(BASH));
            var got = server.received().getFirst();

            assertThat(got.path()).isEqualTo("/v1beta/models/gemini-2.5-pro:generateContent");
            assertThat(got.apiKey()).isEqualTo(KEY);
            JsonNode body = got.body();
            assertThat(body.at("/systemInstruction/parts/0/text").asText()).isEqualTo("You are a careful assistant.");
            assertThat(body.at("/contents/0/role").asText()).isEqualTo("user");
            assertThat(body.at("/contents/0/parts/0/text").asText()).isEqualTo("Answer the questions.");
            JsonNode fn = body.at("/tools/0/functionDeclarations/0");
            assertThat(fn.path("name").asText()).isEqualTo("bash");
            assertThat(fn.at("/parameters/type").asText()).isEqualTo("OBJECT");
            assertThat(fn.at("/parameters/properties/cmd/type").asText()).isEqualTo("STRING");
            assertThat(fn.at("/parameters/properties/cmd/description").asText()).isEqualTo("the command");
            assertThat(fn.path("parameters").has("additionalProperties")).isFalse();
            JsonNode gen = body.path("generationConfig");
            assertThat(gen.at("/thinkingConfig/includeThoughts").asBoolean()).isTrue();
            assertThat(gen.at("/thinkingConfig/thinkingBudget").asInt()).isEqualTo(1024);
            assertThat(gen.path("temperature").asDouble()).isEqualTo(0.5);
            assertThat(gen.path("maxOutputTokens").asInt()).isEqualTo(2048);
            assertThat(gen.path("seed").asInt()).isEqualTo(7);
        }
    }

    @Test
    void unsetSettingsAreNotSent() throws Exception {
        try (var server = new GoogleFakeServer(req -> GoogleFakeServer.Reply.ok(GoogleWire.response(List.of(GoogleWire.text("ok")), 10, 1, 0, 0)))) {
            client(server, GenerateConfig.defaults(), "5").generate(opening(), List.of(BASH));
            JsonNode gen = server.received().getFirst().body().path("generationConfig");
            assertThat(gen.has("temperature")).isFalse();
            assertThat(gen.has("maxOutputTokens")).isFalse();
            assertThat(gen.has("seed")).isFalse();
            assertThat(gen.path("thinkingConfig").has("thinkingBudget")).isFalse();
        }
    }

    @Test
    void theModelTurnGoesBackWithItsThoughtSignatureAndToolResultsAsFunctionResponses() throws Exception {
        String sig = GoogleWire.signature("turn-1");
        List<JsonNode> seen = new ArrayList<>();
        try (var server = new GoogleFakeServer(req -> {
            seen.add(req);
            return GoogleFakeServer.Reply.ok(seen.size() == 1
                    ? GoogleWire.response(List.of(GoogleWire.thought("plan"), GoogleWire.call("bash", "{\"thoughts\":\"t\",\"cmd\":\"ls\"}", sig)), 10, 5, 3, 0)
                    : GoogleWire.response(List.of(GoogleWire.text("done")), 20, 1, 0, 0));
        })) {
            ModelClient client = client(server, SETTINGS, "5");
            List<Message> conversation = new ArrayList<>(opening());
            Message.Assistant first = client.generate(conversation, List.of(BASH));
            conversation.add(first);
            conversation.add(new Message.Tool(first.toolCalls().getFirst().id(), "bash", "file.txt\n", false));
            client.generate(conversation, List.of(BASH));

            JsonNode second = server.received().get(1).body();
            assertThat(GoogleWire.signaturesSentBack(second)).containsExactly(sig);
            JsonNode model = GoogleWire.modelTurns(second).get(0);
            assertThat(model.at("/parts/0/thought").asBoolean()).isTrue();
            assertThat(model.at("/parts/1/functionCall/name").asText()).isEqualTo("bash");
            JsonNode result = second.at("/contents/2");
            assertThat(result.path("role").asText()).isEqualTo("user");
            assertThat(result.at("/parts/0/functionResponse/name").asText()).isEqualTo("bash");
            assertThat(result.at("/parts/0/functionResponse/response/output").asText()).isEqualTo("file.txt\n");
            assertThat(result.at("/parts/0/functionResponse").has("id")).as("Gemini 2.5 gave no id, so none goes back").isFalse();
        }
    }

    @Test
    void aTurnWithoutProviderStateIsRebuiltFromItsTextAndToolCalls() throws Exception {
        try (var server = new GoogleFakeServer(req -> GoogleFakeServer.Reply.ok(GoogleWire.response(List.of(GoogleWire.text("ok")), 10, 1, 0, 0)))) {
            List<Message> conversation = new ArrayList<>(opening());
            conversation.add(new Message.Assistant("Checking.", List.of(ToolCall.bash("c1", "look", "ls"))));
            conversation.add(new Message.Tool("c1", "bash", "boom", true));
            client(server, SETTINGS, "5").generate(conversation, List.of(BASH));

            JsonNode body = server.received().getFirst().body();
            assertThat(body.at("/contents/1/parts/0/text").asText()).isEqualTo("Checking.");
            assertThat(body.at("/contents/1/parts/1/functionCall/args/cmd").asText()).isEqualTo("ls");
            assertThat(body.at("/contents/2/parts/0/functionResponse/response/error").asText()).isEqualTo("boom");
        }
    }

    @Test
    void argumentsThatDoNotFitTheSchemaArePassedThroughVerbatim() throws Exception {
        String odd = "{\"command\":42,\"nested\":{\"z\":[1,2.5,null],\"a\":true},\"cmd\":\"\"}";
        try (var server = new GoogleFakeServer(req -> GoogleFakeServer.Reply.ok(GoogleWire.response(List.of(
                GoogleWire.call("bash", odd, null), GoogleWire.call("no_such_tool", "{}", null)), 10, 5, 0, 0)))) {
            Message.Assistant a = client(server, SETTINGS, "5").generate(opening(), List.of(BASH));
            assertThat(a.toolCalls()).extracting(ToolCall::argumentsJson).containsExactly(odd, "{}");
            assertThat(a.toolCalls()).extracting(ToolCall::id).doesNotHaveDuplicates();
            assertThat(a.toolCalls().get(1).name()).isEqualTo("no_such_tool");
        }
    }

    @Test
    void anIdGivenByTheApiIsKeptAndSentBackWithTheResult() throws Exception {
        try (var server = new GoogleFakeServer(req -> {
            var call = GoogleWire.call("bash", "{\"thoughts\":\"t\",\"cmd\":\"ls\"}", null);
            ((com.fasterxml.jackson.databind.node.ObjectNode) call.get("functionCall")).put("id", "fc-abc");
            return GoogleFakeServer.Reply.ok(GoogleWire.response(List.of(call), 10, 5, 0, 0));
        })) {
            ModelClient client = client(server, SETTINGS, "5");
            List<Message> conversation = new ArrayList<>(opening());
            Message.Assistant first = client.generate(conversation, List.of(BASH));
            assertThat(first.toolCalls().getFirst().id()).isEqualTo("fc-abc");
            conversation.add(first);
            conversation.add(new Message.Tool("fc-abc", "bash", "out", false));
            client.generate(conversation, List.of(BASH));
            assertThat(server.received().get(1).body().at("/contents/2/parts/0/functionResponse/id").asText()).isEqualTo("fc-abc");
        }
    }
}
