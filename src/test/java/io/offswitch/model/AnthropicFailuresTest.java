package io.offswitch.model;

import static io.offswitch.model.AnthropicModelClientTest.KEY;
import static io.offswitch.model.AnthropicModelClientTest.TOOLS;
import static io.offswitch.model.FakeAnthropicServer.blocks;
import static io.offswitch.model.FakeAnthropicServer.message;
import static io.offswitch.model.FakeAnthropicServer.text;
import static io.offswitch.model.FakeAnthropicServer.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.core.http.Headers;
import io.offswitch.agent.Agent;
import io.offswitch.agent.AgentException;
import io.offswitch.episode.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every way an Anthropic call fails, classified so the agent retries what can succeed and stops on what cannot. */
class AnthropicFailuresTest {
    private static final List<Message> HELLO = List.of(new Message.System("s"), new Message.User("hello"));
    private FakeAnthropicServer server;

    @BeforeEach
    void start() throws Exception {
        server = FakeAnthropicServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ModelCallException failure(String timeoutSeconds) {
        ModelClient client = new AnthropicProvider().client(ModelName.parse("anthropic/claude-opus-4-1"), GenerateConfig.defaults(),
                AnthropicModelClientTest.env(server, timeoutSeconds));
        return catchThrowableOfType(ModelCallException.class, () -> client.generate(HELLO, TOOLS));
    }

    private Agent agent() {
        var env = AnthropicModelClientTest.env(server, "5");
        var services = ModelServices.of(new ConnectionLimits(2), new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(50)),
                UsageMeter.unlimited(), Optional.empty(), env);
        return ModelAgents.resolve("anthropic/claude-opus-4-1", GenerateConfig.defaults(), services, env).create(1);
    }

    private void thenSuccess() {
        server.then(message(blocks(text("fine now")), "end_turn", usage(5, 2, 0, 0)));
    }

    @Test
    void rateLimitCarriesRetryAfterAndTheAgentWaitsThatLongBeforeTryingAgain() throws Exception {
        server.then(FakeAnthropicServer.error(429, "rate_limit_error", "Number of requests has exceeded your rate limit", Map.of("retry-after", "1")));
        ModelCallException e = failure("5");
        assertThat(e.kind()).isEqualTo(ModelCallException.Kind.RATE_LIMITED);
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));

        server.then(FakeAnthropicServer.error(429, "rate_limit_error", "slow down", Map.of("retry-after", "1")));
        thenSuccess();
        long started = System.nanoTime();
        assertThat(agent().next(HELLO, TOOLS).text()).isEqualTo("fine now");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(server.received).hasSize(3);
    }

    @Test
    void retryAfterMayBeAnHttpDate() {
        Instant now = Instant.parse("2025-08-01T12:00:00Z");
        Headers date = Headers.builder().put("Retry-After", "Fri, 01 Aug 2025 12:00:30 GMT").build();
        assertThat(AnthropicErrors.retryAfter(date, now)).contains(Duration.ofSeconds(30));
        Headers ms = Headers.builder().put("retry-after-ms", "1500").put("retry-after", "9").build();
        assertThat(AnthropicErrors.retryAfter(ms, now)).contains(Duration.ofMillis(1500));
        assertThat(AnthropicErrors.retryAfter(Headers.builder().put("retry-after", "soon").build(), now)).isEmpty();
    }

    @Test
    void internalErrorsAndOverloadAreServerErrorsThatTheAgentRetries() throws Exception {
        server.then(FakeAnthropicServer.error(500, "api_error", "Internal server error"));
        assertThat(failure("5").kind()).isEqualTo(ModelCallException.Kind.SERVER_ERROR);
        server.then(FakeAnthropicServer.error(529, "overloaded_error", "Overloaded"));
        ModelCallException overloaded = failure("5");
        assertThat(overloaded.kind()).isEqualTo(ModelCallException.Kind.SERVER_ERROR);
        assertThat(overloaded.status()).isEqualTo(529);

        server.then(FakeAnthropicServer.error(529, "overloaded_error", "Overloaded"))
                .then(FakeAnthropicServer.error(500, "api_error", "Internal server error"));
        thenSuccess();
        assertThat(agent().next(HELLO, TOOLS).text()).isEqualTo("fine now");
    }

    @Test
    void aBodyThatIsNotTheProtocolIsAMalformedResponse() throws Exception {
        server.then(FakeAnthropicServer.raw(200, "{\"id\":\"msg_01\",\"type\":\"message\",\"content\":[{\"type\":\"text\",\"te"));
        assertThat(failure("5").kind()).isEqualTo(ModelCallException.Kind.MALFORMED_RESPONSE);
        server.then(FakeAnthropicServer.raw(200, "<html>Bad gateway</html>"));
        assertThat(failure("5").kind()).isEqualTo(ModelCallException.Kind.MALFORMED_RESPONSE);

        server.then(FakeAnthropicServer.raw(200, "[]"));
        thenSuccess();
        assertThat(agent().next(HELLO, TOOLS).text()).isEqualTo("fine now");
    }

    @Test
    void aConnectionCutMidResponseIsAConnectionFailure() throws Exception {
        server.then(FakeAnthropicServer.cutMidResponse());
        assertThat(failure("5").kind()).isEqualTo(ModelCallException.Kind.CONNECTION);

        server.then(FakeAnthropicServer.cutMidResponse());
        thenSuccess();
        assertThat(agent().next(HELLO, TOOLS).text()).isEqualTo("fine now");
    }

    @Test
    void aRefusedConnectionIsAConnectionFailure() {
        server.close();
        assertThat(failure("5").kind()).isEqualTo(ModelCallException.Kind.CONNECTION);
    }

    @Test
    void anAnswerLaterThanTheRequestTimeoutIsATimeout() {
        server.then(FakeAnthropicServer.late(Duration.ofSeconds(4), message(blocks(text("too late")), "end_turn", usage(1, 1, 0, 0))));
        long started = System.nanoTime();
        assertThat(failure("1").kind()).isEqualTo(ModelCallException.Kind.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aRejectedKeyStopsAtOnceAndTheKeyAppearsInNoMessage() {
        // A misbehaving gateway that echoes the key it was given.
        server.otherwise(FakeAnthropicServer.error(401, "authentication_error", "invalid x-api-key: " + KEY));
        AgentException e = catchThrowableOfType(AgentException.class, () -> agent().next(HELLO, TOOLS));
        assertThat(e.getMessage()).contains("401").contains("authentication_error").doesNotContain(KEY);
        assertThat(server.received).as("a rejected call is not retried").hasSize(1);
        assertThat(failure("5").getMessage()).doesNotContain(KEY);
    }

    @Test
    void aBadRequestIsRejectedNotRetried() {
        server.otherwise(FakeAnthropicServer.error(400, "invalid_request_error", "messages: roles must alternate"));
        ModelCallException e = failure("5");
        assertThat(e.kind()).isEqualTo(ModelCallException.Kind.REJECTED);
        assertThat(e.getMessage()).contains("roles must alternate");
    }
}
