package io.offswitch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.agent.AgentException;
import io.offswitch.episode.Message;
import io.offswitch.model.ModelCallException.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every way a call can fail, as the SDK sees it, classified so ModelAgent retries what can succeed. */
class OpenAiFailuresTest {
    private static final String KEY = OpenAiResponsesClientTest.KEY;
    private static final String GOOD = FakeOpenAiReplies.response(1, "ok", "", "bash", "{\"cmd\":\"ls\"}");
    private final FakeOpenAiServer server = OpenAiResponsesClientTest.start();
    private final ProviderEnvironment env = new ProviderEnvironment(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", server.baseUrl(),
            "OFFSWITCH_REQUEST_TIMEOUT_SECONDS", "0.5"));
    private final ModelName name = ModelName.parse("openai/o3");
    private final ModelClient client = new OpenAiProvider().client(name, GenerateConfig.defaults(), env);

    @AfterEach
    void stop() {
        server.close();
    }

    private static List<Message> conversation() {
        return List.of(new Message.System("sys"), new Message.User("go"));
    }

    private ModelAgent agent(int attempts) {
        var services = ModelServices.of(new ConnectionLimits(2), new RetryPolicy(attempts, Duration.ofMillis(1), Duration.ofMillis(5)),
                UsageMeter.unlimited(), Optional.empty(), env);
        return new ModelAgent(name, client, GenerateConfig.defaults(), services, 1L);
    }

    private ModelCallException failure(FakeOpenAiServer.Reply reply) {
        server.enqueue(reply);
        try {
            client.generate(conversation(), OpenAiResponsesClientTest.TOOLS);
        } catch (ModelCallException e) {
            return e;
        }
        throw new AssertionError("the call should have failed");
    }

    @Test
    void aRateLimitIsRetriedAfterTheServersRetryAfter() throws Exception {
        server.enqueue(new FakeOpenAiServer.Json(429, FakeOpenAiServer.error(429, "slow down").body(), Map.of("Retry-After", "1")));
        server.answerWith((path, body) -> FakeOpenAiServer.ok(GOOD));
        long started = System.nanoTime();

        Message.Assistant reply = agent(3).next(conversation(), OpenAiResponsesClientTest.TOOLS);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(reply.toolCalls()).hasSize(1);
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void aRateLimitCarriesItsRetryAfter() {
        ModelCallException e = failure(new FakeOpenAiServer.Json(429, FakeOpenAiServer.error(429, "slow down").body(), Map.of("Retry-After", "7")));
        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void aServerErrorIsRetriedAndTheSecondAnswerIsUsed() throws Exception {
        server.enqueue(FakeOpenAiServer.error(500, "boom"));
        server.answerWith((path, body) -> FakeOpenAiServer.ok(GOOD));

        assertThat(agent(3).next(conversation(), OpenAiResponsesClientTest.TOOLS).toolCalls()).hasSize(1);
        assertThat(server.received()).hasSize(2);
        assertThat(failure(FakeOpenAiServer.error(503, "busy")).kind()).isEqualTo(Kind.SERVER_ERROR);
    }

    @Test
    void malformedJsonIsAMalformedResponse() {
        assertThat(failure(FakeOpenAiServer.ok("{\"id\":\"resp_1\",\"output\":[{\"type\":")).kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
        assertThat(failure(FakeOpenAiServer.ok("<html>gateway</html>")).kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
    }

    @Test
    void aConnectionCutMidResponseIsAConnectionFailure() {
        assertThat(failure(new FakeOpenAiServer.Cut(GOOD)).kind()).isEqualTo(Kind.CONNECTION);
    }

    @Test
    void aRefusedConnectionIsAConnectionFailure() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        var closed = new ProviderEnvironment(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", "http://127.0.0.1:" + port + "/v1"));
        var c = new OpenAiProvider().client(name, GenerateConfig.defaults(), closed);
        assertThatThrownBy(() -> c.generate(conversation(), List.of()))
                .isInstanceOfSatisfying(ModelCallException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONNECTION));
    }

    @Test
    void aSlowResponsePastTheTimeoutIsATimeout() {
        long started = System.nanoTime();
        ModelCallException e = failure(new FakeOpenAiServer.Slow(Duration.ofSeconds(3), FakeOpenAiServer.ok(GOOD)));
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aRejectedRequestIsNotRetried() {
        server.enqueue(FakeOpenAiServer.error(400, "Unsupported parameter: 'temperature'"));
        assertThatThrownBy(() -> agent(5).next(conversation(), OpenAiResponsesClientTest.TOOLS))
                .isInstanceOf(AgentException.class).hasMessageContaining("HTTP 400").hasMessageContaining("Unsupported parameter");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void theApiKeyNeverAppearsInAFailureMessage() {
        String echo = "Incorrect API key provided: " + KEY + ". You can find your API key at https://platform.openai.com.";
        ModelCallException direct = failure(new FakeOpenAiServer.Json(401, FakeOpenAiServer.error(401, echo).body(), Map.of()));
        assertThat(direct.kind()).isEqualTo(Kind.REJECTED);
        assertThat(direct.getMessage()).contains("Incorrect API key provided").doesNotContain(KEY);

        server.enqueue(new FakeOpenAiServer.Json(401, FakeOpenAiServer.error(401, echo).body(), Map.of()));
        assertThatThrownBy(() -> agent(2).next(conversation(), OpenAiResponsesClientTest.TOOLS))
                .isInstanceOf(AgentException.class).hasMessageContaining("HTTP 401").hasMessageNotContaining(KEY);
    }
}
