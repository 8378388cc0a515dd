package io.offswitch.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.offswitch.model.ProviderEnvironment;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An OpenAI-compatible judge model on 127.0.0.1 (POST /v1/chat/completions, as {@code openai-api/judge/MODEL}
 * calls it): records every request, answers with whatever the test's responder says.
 */
public final class FakeJudgeServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    public static final String KEY = "sk-judge-test-0a1b2c3d4e";
    public static final String MODEL = "openai-api/judge/judge-1";

    public record Reply(int status, String body) {}

    private final HttpServer server;
    private final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile Function<JsonNode, Reply> responder = body -> error(500, "no reply scripted");

    public FakeJudgeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/", this::handle);
        server.start();
    }

    /** The environment that points {@link #MODEL} at this server. */
    public ProviderEnvironment env() {
        return new ProviderEnvironment(Map.of("JUDGE_BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "JUDGE_API_KEY", KEY));
    }

    /** The judge {@link #MODEL} on this server, with {@code attempts} tries per call and near-zero backoff. */
    public ModelJudge judge(int attempts) {
        io.offswitch.model.ModelServices services = io.offswitch.model.ModelServices.of(new io.offswitch.model.ConnectionLimits(4),
                new io.offswitch.model.RetryPolicy(attempts, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(5)),
                new io.offswitch.model.UsageMeter(io.offswitch.model.PriceTable.builtIn(), java.util.Optional.empty(), java.util.Optional.empty()),
                java.util.Optional.empty(), env());
        return Judges.model(MODEL, () -> services, env());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public void answer(Function<JsonNode, Reply> responder) {
        this.responder = responder;
    }

    /** Always answers with this text as the model's message. */
    public void answerText(String text) {
        answer(body -> ok(text));
    }

    public List<JsonNode> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The user message of a recorded chat request. */
    public static String userText(JsonNode request) {
        for (JsonNode m : request.path("messages")) {
            if (m.path("role").asText().equals("user")) {
                return m.path("content").asText();
            }
        }
        return "";
    }

    public static Reply ok(String text) {
        ObjectNode r = JSON.createObjectNode().put("id", "chatcmpl-j").put("object", "chat.completion").put("created", 1_760_000_000L).put("model", "judge-1");
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", text).putNull("refusal");
        r.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putNull("logprobs").set("message", message);
        r.set("usage", JSON.createObjectNode().put("prompt_tokens", 700).put("completion_tokens", 90).put("total_tokens", 790));
        return new Reply(200, r.toString());
    }

    public static Reply error(int status, String message) {
        return new Reply(status, JSON.createObjectNode().set("error", JSON.createObjectNode().put("message", message)
                .put("type", "server_error").putNull("param").putNull("code")).toString());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
            requests.add(body);
            Reply reply = responder.apply(body);
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(reply.status(), bytes.length);
            ex.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
